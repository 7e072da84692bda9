//! A PRF YAML document (`source.format: prf`) back into a [`PrfModel`].

use crate::diag::Location;
use crate::prf::{Block, Generation, Item, Listed, MapLine, Plain, PrfModel, PrfSource, Settings};

use super::error::YamlError;
use super::head::source_of;
use super::node::{Node, NodeKind, located, map_of, raw_scalar, string_of};
use super::prf_value::{Kind, parse};
use super::tree::Y;

/// Read the top-level `entries` of a PRF document; `text` is the document
/// (numbers are taken as written from it, so `0x0027` stays hex).
pub fn read(text: &str, entries: &[(String, Location, Node)]) -> Result<PrfModel, YamlError> {
    let mut model = PrfModel::default();
    let mut later: Vec<(&str, &Node)> = Vec::new();
    for (key, at, value) in entries {
        match key.as_str() {
            "mapiprof" => {}
            "source" => model.source = source(value)?,
            "mappings" => model.mappings = mappings(value)?,
            "head" => model.head = lines(value, "head")?,
            "notes" => {
                for (section, _, value) in map_of(value, "notes")? {
                    let here = format!("notes.{section}");
                    model.notes.push((section.clone(), lines(value, &here)?));
                }
            }
            "general" | "services" | "accounts" | "sections" => later.push((key, value)),
            other => {
                return Err(located(
                    *at,
                    other,
                    "unknown field; expected mapiprof, source, general, services, accounts, \
                     sections, head, notes or mappings",
                ));
            }
        }
    }
    for (key, value) in later {
        match key {
            "general" => {
                model.general = general(text, value)?;
            }
            "services" => model.services = items(text, value, "services", "service", &model)?,
            "accounts" => model.accounts = items(text, value, "accounts", "type", &model)?,
            _ => model.sections = sections(text, value)?,
        }
    }
    Ok(model)
}

/// A list of lines, each as written (`head:`, a section of `notes:`).
fn lines(node: &Node, where_: &str) -> Result<Vec<String>, YamlError> {
    match &node.kind {
        NodeKind::Scalar(Y::Null) => Ok(Vec::new()),
        NodeKind::Seq(items) => items.iter().map(|item| string_of(item, where_)).collect(),
        _ => Err(located(node.at, where_, "expected a list of lines")),
    }
}

fn source(node: &Node) -> Result<PrfSource, YamlError> {
    let default = PrfSource::default();
    let (text, codepage) = source_of(node, default.text, default.codepage, |word| {
        if word == "prf" {
            Ok(())
        } else {
            Err("expected prf")
        }
    })?;
    Ok(PrfSource { text, codepage })
}

/// `general:`: `settings` and `commented`, nothing else.
fn general(text: &str, node: &Node) -> Result<Settings, YamlError> {
    let mut out = Settings::default();
    for (key, at, value) in map_of(node, "general")? {
        let path = format!("general.{key}");
        match key.as_str() {
            "settings" => {
                out.active = entries(text, value, &path, Kind::general)?
                    .into_iter()
                    .collect()
            }
            "commented" => {
                out.commented = entries(text, value, &path, Kind::general)?
                    .into_iter()
                    .collect()
            }
            _ => {
                return Err(located(
                    *at,
                    &path,
                    "unknown field; expected settings or commented",
                ));
            }
        }
    }
    Ok(out)
}

/// One `settings:` or `commented:` mapping as `key=value` texts.
fn entries(
    text: &str,
    node: &Node,
    path: &str,
    kind: impl Fn(&str) -> Kind,
) -> Result<Vec<(String, String)>, YamlError> {
    let mut out: Vec<(String, String)> = Vec::new();
    for (name, name_at, v) in map_of(node, path)? {
        let here = format!("{path}.{name}");
        if out.iter().any(|(k, _)| k.eq_ignore_ascii_case(name)) {
            return Err(located(
                *name_at,
                &here,
                "the same setting twice (names ignore case)",
            ));
        }
        let value = parse(kind(name), &v.to_y(), raw_scalar(text, v.at))
            .map_err(|e| located(v.at, &here, &e.to_string()))?;
        out.push((name.clone(), value));
    }
    Ok(out)
}

fn items(
    text: &str,
    node: &Node,
    group: &str,
    field: &str,
    model: &PrfModel,
) -> Result<Vec<Item>, YamlError> {
    let mut out = Vec::new();
    for (id, at, body) in map_of(node, group)? {
        let path = format!("{group}.{id}");
        let mut block = None;
        let mut listed = Listed::Active;
        let mut active = None;
        let mut commented = None;
        for (key, key_at, value) in map_of(body, &path)? {
            let here = format!("{path}.{key}");
            match key.as_str() {
                k if k == field => block = Some(string_of(value, &here)?),
                "listed" => {
                    listed = match string_of(value, &here)?.as_str() {
                        "commented" => Listed::Commented,
                        "absent" => Listed::Absent,
                        _ => return Err(located(value.at, &here, "expected commented or absent")),
                    }
                }
                "settings" => active = Some((value, here)),
                "commented" => commented = Some((value, here)),
                _ => {
                    return Err(located(
                        *key_at,
                        &here,
                        &format!("unknown field; expected {field}, listed, settings or commented"),
                    ));
                }
            }
        }
        if block.is_none() && listed != Listed::Absent {
            return Err(located(
                *at,
                &path,
                &format!("missing `{field}:` (the mapping block it uses)"),
            ));
        }
        // typed by the block's mappings, known only once `field` is read
        let name = block.clone().unwrap_or_default();
        let read = |list: Option<(&Node, String)>| match list {
            Some((node, here)) => entries(text, node, &here, |key| Kind::of(model.tag(&name, key))),
            None => Ok(Vec::new()),
        };
        let settings = Settings {
            active: read(active)?.into_iter().collect(),
            commented: read(commented)?.into_iter().collect(),
        };
        out.push(Item {
            id: id.clone(),
            block,
            listed,
            settings,
        });
    }
    Ok(out)
}

fn sections(text: &str, node: &Node) -> Result<Vec<Plain>, YamlError> {
    let mut out = Vec::new();
    for (name, _, body) in map_of(node, "sections")? {
        let mut entries = Vec::new();
        for (key, _, value) in map_of(body, &format!("sections.{name}"))? {
            let here = format!("sections.{name}.{key}");
            let value = parse(Kind::Text, &value.to_y(), raw_scalar(text, value.at))
                .map_err(|e| located(value.at, &here, &e.to_string()))?;
            entries.push((key.clone(), value));
        }
        out.push(Plain {
            name: name.clone(),
            entries,
        });
    }
    Ok(out)
}

/// Lines of one block: a new mapping text, or `None` to leave the line out.
type Changes = Vec<(String, Option<String>)>;

/// The built-in blocks of the generation (less those omitted) with the
/// changes applied, then the blocks the generation does not have.
fn mappings(node: &Node) -> Result<Vec<Block>, YamlError> {
    let mut generation = None;
    let mut omitted: Vec<String> = Vec::new();
    let mut changed: Vec<(String, Changes)> = Vec::new();
    for (key, at, value) in map_of(node, "mappings")? {
        let here = format!("mappings.{key}");
        match key.as_str() {
            "generation" => {
                let name = string_of(value, &here)?;
                generation = Some(Generation::from_name(&name).ok_or_else(|| {
                    located(
                        value.at,
                        &here,
                        "unknown generation; expected office2000, office2002-2007 or office2010+",
                    )
                })?);
            }
            "omitted" => {
                let NodeKind::Seq(names) = &value.kind else {
                    return Err(located(value.at, &here, "expected a list of block names"));
                };
                for name in names {
                    omitted.push(string_of(name, &here)?);
                }
            }
            "changed" => {
                for (block, _, lines) in map_of(value, &here)? {
                    let mut out = Vec::new();
                    for (k, _, v) in map_of(lines, &format!("{here}.{block}"))? {
                        let line = match &v.kind {
                            NodeKind::Scalar(Y::Null) => None,
                            NodeKind::Scalar(Y::Str(s)) => Some(s.clone()),
                            _ => {
                                return Err(located(
                                    v.at,
                                    &format!("{here}.{block}.{k}"),
                                    "expected a mapping line such as PT_LONG,0x6601, or null",
                                ));
                            }
                        };
                        out.push((k.clone(), line));
                    }
                    changed.push((block.clone(), out));
                }
            }
            _ => {
                return Err(located(
                    *at,
                    &here,
                    "unknown field; expected generation, omitted or changed",
                ));
            }
        }
    }
    let Some(generation) = generation else {
        return Err(located(node.at, "mappings", "missing `generation:`"));
    };
    let mut blocks: Vec<Block> = generation
        .blocks()
        .iter()
        .filter(|b| !omitted.iter().any(|o| o.eq_ignore_ascii_case(&b.name)))
        .map(|b| Block {
            name: b.name.clone(),
            lines: b
                .lines
                .iter()
                .filter(|l| matches!(l, MapLine::Entry { .. }))
                .cloned()
                .collect(),
        })
        .collect();
    for (name, lines) in changed {
        let index = match blocks
            .iter()
            .position(|b| b.name.eq_ignore_ascii_case(&name))
        {
            Some(i) => i,
            None => {
                blocks.push(Block::new(&name));
                blocks.len().saturating_sub(1)
            }
        };
        let Some(block) = blocks.get_mut(index) else {
            continue;
        };
        for (key, line) in lines {
            let existing = block.lines.iter().position(
                |l| matches!(l, MapLine::Entry { key: k, .. } if k.eq_ignore_ascii_case(&key)),
            );
            match (existing, line) {
                (Some(i), None) => {
                    block.lines.remove(i);
                }
                (Some(i), Some(value)) => {
                    if let Some(slot) = block.lines.get_mut(i) {
                        *slot = MapLine::Entry { key, value };
                    }
                }
                (None, Some(value)) => block.lines.push(MapLine::Entry { key, value }),
                (None, None) => {}
            }
        }
    }
    Ok(blocks)
}

#[cfg(test)]
mod tests {
    fn error_of(body: &str) -> String {
        let text = format!("mapiprof: 1\nsource: {{format: prf}}\n{body}");
        match crate::yaml::read_document(&text) {
            Err(e) => e.to_string(),
            Ok(doc) => panic!("read: {doc:?}"),
        }
    }

    #[test]
    fn mistakes_in_a_prf_document_are_located_and_named() {
        assert_eq!(
            error_of(
                "services:\n  ServiceEGS:\n    service: Exchange Global Section\n    settings:\n      TCPExchangePort: 70000\n"
            ),
            "7:24: services.ServiceEGS.settings.TCPExchangePort: 70000 is not a PT_I2 value (0 to 65535)"
        );
        assert_eq!(
            error_of("services:\n  Service1:\n    settings: {HomeServer: x}\n"),
            "4:3: services.Service1: missing `service:` (the mapping block it uses)"
        );
        assert_eq!(
            error_of("general:\n  settings: {ProfileName: a, profilename: b}\n"),
            "4:30: general.settings.profilename: the same setting twice (names ignore case)"
        );
        assert_eq!(
            error_of("mappings: {generation: office95}\n"),
            "3:24: mappings.generation: unknown generation; expected office2000, office2002-2007 or office2010+"
        );
    }

    #[test]
    fn hex_as_written_and_settings_before_the_service_line_are_read() {
        let text = "mapiprof: 1\nsource: {format: prf}\nservices:\n  ServiceEGS:\n    \
                    settings:\n      RPCoverHTTPflags: 0x0027\n    service: Exchange Global Section\n";
        let Ok(crate::yaml::Document::Prf(model)) = crate::yaml::read_document(text) else {
            panic!("not read")
        };
        assert_eq!(
            model.services[0].settings.get("RPCoverHTTPflags"),
            Some("0x0027")
        );
    }
}
