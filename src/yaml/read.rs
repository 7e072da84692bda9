//! YAML text → model, with errors that give line, column and the path of
//! the offending entry.

use crate::diag::{Location, Warning};
use crate::mapi::dictionary::{SCOPES, Scope};
use crate::model::{self, Model, PROFILE_KEY, Profile, SectionInfo, Source};
use crate::prf::PrfModel;
use crate::reg::{Block, Format, RegValue};
use crate::text::TextFormat;

use super::error::YamlError;
use super::head::source_of;
use super::node::{self, Node, NodeKind, located, map_of, string_of};
use super::prf_patch::{self, PrfPatch};
use super::prf_read;
use super::tree::Y;
use super::value::{self, Context};

/// A YAML document of either kind.
#[derive(Debug, Clone, PartialEq)]
pub enum Document {
    /// A registry export (`source.format: regedit5` or `regedit4`).
    Reg(Model),
    /// A profile file (`source.format: prf`).
    Prf(PrfModel),
}

/// A patch of either kind.
#[derive(Debug, Clone, PartialEq)]
pub enum Patch {
    /// A partial registry document.
    Reg(Model),
    /// Settings of a `.prf` (`source: {format: prf}`).
    Prf(PrfPatch),
}

/// Read a YAML document written by [`crate::yaml::write()`] (or by hand).
pub fn read(text: &str) -> Result<Document, YamlError> {
    let root = node::parse(text)?;
    let entries = map_of(&root, "the document")?;
    if is_prf(entries) {
        check_version(entries)?;
        return prf_read::read(text, entries).map(Document::Prf);
    }
    read_reg(entries, None, &mut None).map(Document::Reg)
}

/// Read a partial registry document for `apply`: `root` may be left out
/// (the profiles are matched by name in each file), in which case the root
/// is `PATCH_ROOT`. A value of `null`, the old spelling of a deletion, is
/// still read as one, with a warning each.
pub fn read_patch(text: &str) -> Result<(Patch, Vec<Warning>), YamlError> {
    let root = node::parse(text)?;
    let entries = map_of(&root, "the document")?;
    check_version(entries)?;
    if is_prf(entries) {
        return prf_patch::read(text, entries).map(|p| (Patch::Prf(p), Vec::new()));
    }
    let mut warnings = Vec::new();
    let model = read_reg(entries, Some(PATCH_ROOT), &mut Some(&mut warnings))?;
    Ok((Patch::Reg(model), warnings))
}

/// Where `null` values are read as deletions (a patch), the warnings
/// saying so; `None` where they are refused.
type Nulls<'w> = Option<&'w mut Vec<Warning>>;

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
    nulls: &mut Nulls<'_>,
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
                    model.keys.push(block(
                        path,
                        *at,
                        body,
                        &ctx,
                        &format!("keys.{path}"),
                        nulls,
                    )?);
                }
            }
            "profiles" => {
                for (name, _, body) in map_of(value, "profiles")? {
                    let profile = profile(name, body, &model.source, nulls)?;
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
        // an older document may name UTF-8, which Regedit would misread
        text: text.for_regedit(),
        codepage,
    })
}

fn profile(
    name: &str,
    node: &Node,
    source: &Source,
    nulls: &mut Nulls<'_>,
) -> Result<Profile, YamlError> {
    let entries = map_of(node, &format!("profiles.{name}"))?;
    // First pass: what each key holds, read with the names every section
    // shares, to find out which service owns it.
    let mut provisional = Profile {
        name: name.to_owned(),
        keys: Vec::new(),
    };
    let mut pending: Vec<Pending> = Vec::new();
    for (path, _, body) in entries {
        let (rel, delete) = split_delete(path);
        let info = SectionInfo {
            account_manager: is_account_manager(rel),
            ..SectionInfo::default()
        };
        let ctx = Context::new(source, true, &info);
        let mut values = Vec::new();
        if let NodeKind::Map(entries) = &body.kind {
            for (k, _, v) in entries {
                let y = v.to_y();
                // a name only providers know reads as a plain value in the
                // shared names when its form says its registry type
                // (`{value: "", type: REG_BINARY}`): the providers' reading
                // comes first, the plain one when none fits
                let shared = value::parse(k, &y, &ctx).ok();
                let mapi = shared
                    .as_ref()
                    .is_some_and(|v| ctx.tag_of(v.name.as_str()).is_some());
                let readings = if mapi {
                    Vec::new()
                } else {
                    by_provider(k, &y, &ctx)
                };
                match (shared, readings.is_empty()) {
                    (Some(value), true) => values.push(value),
                    (plain, _) => pending.push((provisional.keys.len(), readings, plain)),
                }
            }
        }
        provisional.keys.push(Block {
            path: rel.to_owned(),
            delete,
            values,
        });
    }
    // such a value counts where the profile shows one provider that reads it
    let shown = model::shown_scopes(&provisional, source.codepage);
    for (at, readings, plain) in pending {
        let mut fits = readings
            .into_iter()
            .filter(|(scope, _)| shown.contains(scope));
        let value = match (fits.next(), fits.next()) {
            (Some((_, value)), None) => Some(value),
            _ => plain,
        };
        if let (Some(value), Some(block)) = (value, provisional.keys.get_mut(at)) {
            block.values.push(value);
        }
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
            nulls,
        )?);
    }
    Ok(profile)
}

/// A value of the first pass that only providers' names read: the key it
/// is in, its readings by provider, and its reading as a plain value.
type Pending = (usize, Vec<(Scope, RegValue)>, Option<RegValue>);

/// How each provider's names read a value the names every section shares
/// do not: in the first pass, so that a section whose owner the document
/// lacks is placed as it is from a `.reg`.
fn by_provider(key: &str, y: &Y, shared: &Context) -> Vec<(Scope, RegValue)> {
    SCOPES
        .iter()
        // only the providers whose own names hold the key: a name lookup,
        // before the value is read
        .filter(|scope| {
            crate::mapi::dictionary::by_name(key, Some(**scope)).any(|e| e.scope == **scope)
        })
        .filter_map(|scope| {
            let ctx = Context {
                scope: Some(*scope),
                ..*shared
            };
            value::parse(key, y, &ctx).ok().map(|v| (*scope, v))
        })
        .collect()
}

/// A value that does not read in a key named like a well-known section's
/// label (`Exchange Global Section:`) most likely failed for that: the
/// message says the key is the UID. (A key may be so named in a crafted
/// export, so the name alone is no error.)
fn with_label_hint(message: String, path: &str) -> String {
    match crate::mapi::sections::by_label(path) {
        Some(known) => format!(
            "{message}; a section's key is its UID, as in the registry: write {} for the {}",
            known.uid, known.label
        ),
        None => message,
    }
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
    nulls: &mut Nulls<'_>,
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
                let mut y = v.to_y();
                if let (Y::Null, Some(warnings)) = (&y, nulls.as_mut()) {
                    warnings.push(Warning::at(
                        v.at.max(*at),
                        format!(
                            "{here}: null is read as a deletion in a patch; write {{delete: true}} to say so"
                        ),
                    ));
                    y = Y::Map(vec![(value::DELETE.to_owned(), Y::Bool(true))]);
                }
                let parsed = value::parse(key, &y, ctx).map_err(|e| {
                    located(v.at.max(*at), &here, &with_label_hint(e.to_string(), path))
                })?;
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
