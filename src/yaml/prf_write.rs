//! A PRF model as a YAML document: `general`, `services`, `accounts`, other
//! `sections`, and `mappings` as the difference from the built-in blocks of
//! the file's generation.

use std::io;

use crate::mapi::PropTag;
use crate::prf::{self, Block, Generation, Item, Listed, PrfModel, Settings, Target};

use super::emit::Emitter;
use super::head::{MODELINE, source_y};
use super::prf_value::{Kind, show};
use super::tree::Y;

/// Write `model` as YAML.
pub fn write(model: &PrfModel) -> String {
    let mut e = Emitter::new();
    write_with(&mut e, model, &mut |_| {});
    e.finish()
}

/// Write `model` as YAML to `w` a piece at a time, never holding the whole
/// document.
pub fn write_to(model: &PrfModel, w: &mut dyn io::Write) -> io::Result<()> {
    let mut failed = None;
    let mut e = Emitter::new();
    write_with(&mut e, model, &mut |e| {
        if e.len() >= CHUNK {
            let piece = e.take();
            if failed.is_none() {
                failed = w.write_all(piece.as_bytes()).err();
            }
        }
    });
    match failed {
        Some(why) => Err(why),
        None => w.write_all(e.finish().as_bytes()),
    }
}

/// How much YAML [`write_to`] gathers before passing it on.
const CHUNK: usize = 1 << 16;

/// Write `model` into `e`, calling `pass_on` after each service or account.
fn write_with(e: &mut Emitter, model: &PrfModel, pass_on: &mut dyn FnMut(&mut Emitter)) {
    e.comment(0, MODELINE);
    e.entry(0, "mapiprof", &Y::Int(1), None);
    let source = source_y("prf", &model.source.text, model.source.codepage);
    e.entry(0, "source", &source, None);
    if !model.general.is_empty() {
        e.open(0, "general", None);
        settings(e, 2, &model.general, |key| {
            (Kind::general(key), None, Known::Yes)
        });
    }
    items(e, "services", "service", &model.services, model, pass_on);
    items(e, "accounts", "type", &model.accounts, model, pass_on);
    if !model.sections.is_empty() {
        e.open(
            0,
            "sections",
            Some("sections with no role in a profile, kept as written"),
        );
        for plain in &model.sections {
            let entries = plain
                .entries
                .iter()
                .map(|(k, v)| (k.clone(), Y::Str(v.clone())))
                .collect();
            e.entry(2, &plain.name, &Y::Map(entries), None);
        }
    }
    let lines = |lines: &[String]| Y::Seq(lines.iter().map(|l| Y::Str(l.clone())).collect());
    if !model.head.is_empty() {
        e.entry(
            0,
            "head",
            &lines(&model.head),
            Some("lines before the first section, as written"),
        );
    }
    if !model.notes.is_empty() {
        e.open(
            0,
            "notes",
            Some("lines of each section that are no setting (comments, lines Outlook skips), as written"),
        );
        for (section, notes) in &model.notes {
            e.entry(2, section, &lines(notes), None);
        }
    }
    mappings(e, model);
}

/// `settings:` and `commented:` of one section at `indent`; `describe` gives
/// each key's kind, property and whether Outlook knows it.
fn settings(
    e: &mut Emitter,
    indent: usize,
    settings: &Settings,
    describe: impl Fn(&str) -> (Kind, Option<PropTag>, Known),
) {
    for (label, list) in [
        ("settings", &settings.active),
        ("commented", &settings.commented),
    ] {
        if list.is_empty() {
            continue;
        }
        let note = (label == "commented").then_some("switched off with ';' in the file");
        e.open(indent, label, note);
        for (key, value) in list {
            let (kind, tag, known) = describe(key);
            let comment = value_comment(value, tag, known);
            e.entry(
                indent.saturating_add(2),
                key,
                &show(kind, value),
                comment.as_deref(),
            );
        }
    }
}

/// Whether Outlook knows a setting: by a mapping (`tag`), as a control key,
/// or not at all — dropped for sure when the file maps its service itself.
#[derive(Clone, Copy)]
enum Known {
    Yes,
    NotInFile,
    Nowhere,
}

fn value_comment(value: &str, tag: Option<PropTag>, known: Known) -> Option<String> {
    let mut parts = Vec::new();
    match (tag, known) {
        (Some(tag), _) => parts.push(tag.value_name()),
        (None, Known::Yes) => {}
        (None, Known::NotInFile) => {
            parts.push("not mapped in this file: Outlook drops it".to_owned());
        }
        (None, Known::Nowhere) => parts.push("no known mapping".to_owned()),
    }
    if !prf::placeholders(value).is_empty() {
        parts.push("placeholder, kept literally".to_owned());
    }
    (!parts.is_empty()).then(|| parts.join("; "))
}

fn items(
    e: &mut Emitter,
    group: &str,
    field: &str,
    items: &[Item],
    model: &PrfModel,
    pass_on: &mut dyn FnMut(&mut Emitter),
) {
    if items.is_empty() {
        return;
    }
    e.open(0, group, None);
    for item in items {
        let block = item.block.as_deref().unwrap_or_default();
        e.open(2, &item.id, where_to(model, block).as_deref());
        if let Some(block) = &item.block {
            e.entry(4, field, &Y::Str(block.clone()), None);
        }
        match item.listed {
            Listed::Active => {}
            Listed::Commented => e.entry(4, "listed", &Y::Str("commented".into()), None),
            Listed::Absent => e.entry(
                4,
                "listed",
                &Y::Str("absent".into()),
                Some("not in the list: Outlook ignores it"),
            ),
        }
        settings(e, 4, &item.settings, |key| {
            let tag = model.tag(block, key);
            let known = if prf::CONTROL_KEYS
                .iter()
                .any(|k| k.eq_ignore_ascii_case(key))
            {
                Known::Yes
            } else if model.block(block).is_some() {
                Known::NotInFile
            } else {
                Known::Nowhere
            };
            (Kind::of(tag), tag, known)
        });
        pass_on(e);
    }
}

/// Where the settings of a service or account using `block` go.
fn where_to(model: &PrfModel, block: &str) -> Option<String> {
    match model.block_or_builtin(block)?.target() {
        Target::Section(uid) => Some(format!("profile section {uid}")),
        Target::Service(name) => Some(format!("service {name}")),
        Target::Account(kind) => Some(format!("{kind} account")),
        Target::Unknown => None,
    }
}

fn mappings(e: &mut Emitter, model: &PrfModel) {
    let Some(generation) = model.generation() else {
        return;
    };
    e.open(
        0,
        "mappings",
        Some("Sections 6 and 7 as differences from the built-in blocks"),
    );
    e.entry(2, "generation", &Y::Str(generation.name().into()), None);
    let omitted: Vec<Y> = generation
        .blocks()
        .iter()
        .filter(|b| model.block(&b.name).is_none())
        .map(|b| Y::Str(b.name.clone()))
        .collect();
    if !omitted.is_empty() {
        e.entry(
            2,
            "omitted",
            &Y::Seq(omitted),
            Some("built-in blocks this file leaves out"),
        );
    }
    // the generation's blocks in its order, then the file's other blocks
    let in_generation = |b: &&Block| prf::mapping::builtin(generation, &b.name).is_some();
    let ordered = generation
        .blocks()
        .iter()
        .filter_map(|b| model.block(&b.name))
        .chain(model.mappings.iter().filter(|b| !in_generation(b)));
    let changed: Vec<(String, Y)> = ordered
        .filter_map(|own| changes(own, generation).map(|c| (own.name.clone(), c)))
        .collect();
    if !changed.is_empty() {
        e.open(
            2,
            "changed",
            Some("lines added or changed; null: a built-in line left out"),
        );
        for (name, lines) in changed {
            e.entry(4, &name, &lines, None);
        }
    }
}

/// The lines of `own` that differ from its built-in namesake, `None` when
/// there are none.
fn changes(own: &Block, generation: Generation) -> Option<Y> {
    let Some(builtin) = prf::mapping::builtin(generation, &own.name) else {
        let all = own
            .entries()
            .map(|(k, v)| (k.to_owned(), Y::Str(v.to_owned())))
            .collect();
        return Some(Y::Map(all));
    };
    let mut lines: Vec<(String, Y)> = own
        .entries()
        .filter(|(k, v)| !prf::same_line(builtin.get(k), v, k))
        .map(|(k, v)| (k.to_owned(), Y::Str(v.to_owned())))
        .collect();
    lines.extend(
        builtin
            .entries()
            .filter(|(k, _)| own.get(k).is_none())
            .map(|(k, _)| (k.to_owned(), Y::Null)),
    );
    (!lines.is_empty()).then_some(Y::Map(lines))
}
