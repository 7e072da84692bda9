//! YAML text → model, with errors that give line, column and the path of
//! the offending entry.

use crate::diag::Location;
use crate::model::{self, Model, PROFILE_KEY, Profile, SectionInfo, Source};
use crate::reg::{Block, Format, RegValue};
use encoding_rs::Encoding as CodePage;

use crate::text::{Encoding, Newline, TextFormat, code_page};

use super::node::{self, Node, NodeKind};
use super::tree::Y;
use super::value::{self, Context};
use super::{Document, YamlError};

/// Read a YAML document written by [`super::write`] (or by hand).
pub fn read(text: &str) -> Result<Document, YamlError> {
    let root = node::parse(text).map_err(|e| YamlError::Syntax(node::syntax_message(&e)))?;
    let entries = map_of(&root, "the document")?;
    if is_prf(entries) {
        check_version(entries)?;
        return super::prf_read::read(text, entries).map(Document::Prf);
    }
    read_reg(entries, None).map(Document::Reg)
}

/// Read a partial registry document for `apply`: `root` may be left out
/// (the profiles are matched by name in each file), in which case the root
/// is `PATCH_ROOT`.
pub fn read_patch(text: &str) -> Result<super::Patch, YamlError> {
    let root = node::parse(text).map_err(|e| YamlError::Syntax(node::syntax_message(&e)))?;
    let entries = map_of(&root, "the document")?;
    check_version(entries)?;
    if is_prf(entries) {
        return super::prf_patch::read(text, entries).map(super::Patch::Prf);
    }
    read_reg(entries, Some(PATCH_ROOT)).map(super::Patch::Reg)
}

/// The root of a patch that names none.
pub const PATCH_ROOT: &str = "(the root of each file)";

/// Whether the document says `source: {format: prf}`.
fn is_prf(entries: &[(String, Location, Node)]) -> bool {
    entries.iter().any(|(key, _, value)| {
        key == "source"
            && map_of(value, "source").is_ok_and(|fields| {
                fields.iter().any(|(k, _, v)| {
                    k == "format" && matches!(&v.kind, NodeKind::Scalar(Y::Str(s)) if s == "prf")
                })
            })
    })
}

fn check_version(entries: &[(String, Location, Node)]) -> Result<(), YamlError> {
    match entries.iter().find(|(key, _, _)| key == "mapiprof") {
        Some((_, _, value)) if value.to_y() == Y::Int(1) => Ok(()),
        Some((_, at, _)) => Err(located(
            *at,
            "mapiprof",
            "unsupported version; this mapiprof reads version 1",
        )),
        None => Err(YamlError::Syntax(
            "missing `mapiprof: 1`: this is not a mapiprof document".into(),
        )),
    }
}

fn read_reg(
    entries: &[(String, Location, Node)],
    default_root: Option<&str>,
) -> Result<Model, YamlError> {
    let mut model = Model {
        source: Source::default(),
        root: None,
        keys: Vec::new(),
        profiles: Vec::new(),
    };
    for (key, at, value) in entries {
        match key.as_str() {
            "mapiprof" => {}
            "source" => model.source = source(value)?,
            "root" => model.root = Some(string_of(value, "root")?),
            "keys" => {
                for (path, at, body) in map_of(value, "keys")? {
                    let ctx = Context::new(&model.source, false, &SectionInfo::default());
                    model
                        .keys
                        .push(block(path, *at, body, &ctx, &format!("keys.{path}"))?);
                }
            }
            "profiles" => {
                for (name, _, body) in map_of(value, "profiles")? {
                    let profile = profile(name, body, &model.source)?;
                    model.profiles.push(profile);
                }
            }
            other => {
                return Err(located(
                    *at,
                    other,
                    "unknown field; expected mapiprof, source, root, keys or profiles",
                ));
            }
        }
    }
    check_version(entries)?;
    if model.root.is_none() {
        model.root = default_root.map(str::to_owned);
    }
    if !model.profiles.is_empty() && model.root.is_none() {
        return Err(YamlError::Syntax(
            "`profiles` needs `root` (the …\\Profiles key they live under)".into(),
        ));
    }
    Ok(model)
}

fn source(node: &Node) -> Result<Source, YamlError> {
    let default = Source::default();
    let mut format = default.format;
    let (text, codepage) = source_of(node, TextFormat::REGEDIT5, default.codepage, |word| {
        format = Format::from_name(word).ok_or("expected regedit5 or regedit4")?;
        Ok(())
    })?;
    Ok(Source {
        format,
        text,
        codepage,
    })
}

/// The `source:` fields every document kind shares, starting from `text`
/// and `codepage`; `format` checks the `format:` word (and keeps it).
pub(super) fn source_of(
    node: &Node,
    mut text: TextFormat,
    mut codepage: &'static CodePage,
    mut format: impl FnMut(&str) -> Result<(), &'static str>,
) -> Result<(TextFormat, &'static CodePage), YamlError> {
    for (key, at, value) in map_of(node, "source")? {
        let bad = |what: &str| located(*at, &format!("source.{key}"), what);
        let word = || string_of(value, &format!("source.{key}"));
        match key.as_str() {
            "format" => format(&word()?).map_err(bad)?,
            "encoding" => {
                text.encoding =
                    Encoding::from_name(&word()?).ok_or_else(|| bad("unknown encoding"))?;
            }
            "bom" => match value.to_y() {
                Y::Bool(b) => text.bom = b,
                _ => return Err(bad("expected true or false")),
            },
            "newline" => {
                text.newline =
                    Newline::from_name(&word()?).ok_or_else(|| bad("expected crlf, lf or cr"))?
            }
            "codepage" => codepage = code_page(&word()?).ok_or_else(|| bad("unknown code page"))?,
            _ => {
                return Err(bad(
                    "unknown field; expected format, encoding, bom, newline or codepage",
                ));
            }
        }
    }
    if let Encoding::CodePage(cp) = text.encoding {
        codepage = cp;
    }
    Ok((text, codepage))
}

fn profile(name: &str, node: &Node, source: &Source) -> Result<Profile, YamlError> {
    let entries = map_of(node, &format!("profiles.{name}"))?;
    // First pass: what each key holds, read with the names every section
    // shares, to find out which service owns it.
    let mut provisional = Profile {
        name: name.to_owned(),
        keys: Vec::new(),
    };
    for (path, _, body) in entries {
        let (rel, delete) = split_delete(path);
        let info = SectionInfo {
            account_manager: is_account_manager(rel),
            ..SectionInfo::default()
        };
        let ctx = Context::new(source, true, &info);
        let values = match &body.kind {
            NodeKind::Map(values) => values
                .iter()
                .filter_map(|(k, _, v)| value::parse(k, &v.to_y(), &ctx).ok())
                .collect(),
            _ => Vec::new(),
        };
        provisional.keys.push(Block {
            path: rel.to_owned(),
            delete,
            values,
        });
    }
    let infos = model::describe(&provisional, source.codepage);
    let mut profile = Profile {
        name: name.to_owned(),
        keys: Vec::new(),
    };
    for ((path, at, body), info) in entries.iter().zip(infos) {
        let ctx = Context::new(source, true, &info);
        profile.keys.push(block(
            path,
            *at,
            body,
            &ctx,
            &format!("profiles.{name}.{path}"),
        )?);
    }
    Ok(profile)
}

fn is_account_manager(rel: &str) -> bool {
    rel.split('\\')
        .next()
        .is_some_and(|top| top.eq_ignore_ascii_case(crate::mapi::sections::ACCOUNT_MANAGER))
}

fn split_delete(path: &str) -> (&str, bool) {
    match path.strip_prefix('-') {
        Some(rest) => (rest, true),
        None => (path, false),
    }
}

fn block(
    path: &str,
    at: Location,
    body: &Node,
    ctx: &Context,
    where_: &str,
) -> Result<Block, YamlError> {
    let (path, delete) = split_delete(path);
    if path.is_empty() || (path != PROFILE_KEY && path.split('\\').any(str::is_empty)) {
        return Err(located(at, where_, "not a key path"));
    }
    let values = match &body.kind {
        NodeKind::Scalar(Y::Null) => Vec::new(),
        NodeKind::Map(entries) => {
            let mut values: Vec<RegValue> = Vec::with_capacity(entries.len());
            for (key, at, v) in entries {
                let here = format!("{where_}.{key}");
                let parsed = value::parse(key, &v.to_y(), ctx)
                    .map_err(|e| located(v.at.max(*at), &here, &e.to_string()))?;
                let twin = values
                    .iter()
                    .zip(entries)
                    .find(|(earlier, (other, _, _))| earlier.name == parsed.name && other != key);
                if let Some((_, (other, other_at, _))) = twin {
                    let message = format!(
                        "the same value {} as {other:?} at {other_at}; keep one of them",
                        parsed.name
                    );
                    return Err(located(*at, &here, &message));
                }
                values.push(parsed);
            }
            values
        }
        _ => return Err(located(body.at, where_, "expected a mapping of values")),
    };
    Ok(Block {
        path: path.to_owned(),
        delete,
        values,
    })
}

pub(super) fn map_of<'n>(
    node: &'n Node,
    what: &str,
) -> Result<&'n [(String, Location, Node)], YamlError> {
    match &node.kind {
        NodeKind::Map(entries) => Ok(entries),
        NodeKind::Scalar(Y::Null) => Ok(&[]),
        _ => Err(located(node.at, what, "expected a mapping")),
    }
}

pub(super) fn string_of(node: &Node, what: &str) -> Result<String, YamlError> {
    match &node.kind {
        NodeKind::Scalar(Y::Str(s)) => Ok(s.clone()),
        _ => Err(located(node.at, what, "expected a string")),
    }
}

pub(super) fn located(at: Location, path: &str, message: &str) -> YamlError {
    YamlError::Value {
        location: at,
        path: path.to_owned(),
        message: message.to_owned(),
    }
}
