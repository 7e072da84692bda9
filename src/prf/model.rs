//! What a `.prf` file says, section by section: the `[General]` options, the
//! services and internet accounts with their settings (active and
//! commented out), other sections, and the file's own mapping blocks.
//! Values stay as written; their types come from the mappings.

use std::collections::{HashMap, HashSet};

use encoding_rs::Encoding as CodePage;

use crate::diag::Warning;
use crate::mapi::PropTag;
use crate::text::TextFormat;

use super::document::{Document, Section};
use super::entries::Entries;
use super::folded::Folded;
use super::mapping::{self, Block, Generation, MapLine};
use super::notes::{Rank, is_banner, kept, listed, sub_banner};

/// The `[General]` keys Outlook knows (PRF reference, Section 1).
pub const GENERAL_KEYS: [&str; 7] = [
    "Custom",
    "ProfileName",
    "DefaultProfile",
    "OverwriteProfile",
    "ModifyDefaultProfileIfPresent",
    "BackupProfile",
    "DefaultStore",
];

/// Keys of a value section that steer how Outlook adds the service or
/// account rather than set a property.
pub const CONTROL_KEYS: [&str; 4] = [
    "UniqueService",
    "OverwriteExistingService",
    "DefaultAccount",
    "AccountName",
];

/// Options that say how Outlook applies a `.prf` rather than what the
/// profile holds: an export of the profile cannot have them.
pub const APPLY_OPTIONS: [&str; 7] = [
    "Custom",
    "OverwriteProfile",
    "ModifyDefaultProfileIfPresent",
    "BackupProfile",
    "UniqueService",
    "OverwriteExistingService",
    "DefaultAccount",
];

/// A list of `key=value` settings, active and commented out.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Settings {
    /// Active entries in order.
    pub active: Entries,
    /// Recognised `;key=value` lines: known settings switched off.
    pub commented: Entries,
}

impl Settings {
    /// Whether there is nothing in it.
    pub fn is_empty(&self) -> bool {
        self.active.is_empty() && self.commented.is_empty()
    }

    /// The active value of `key` (case-insensitive).
    pub fn get(&self, key: &str) -> Option<&str> {
        self.active.get(key)
    }
}

/// How a service or account appears in its list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Listed {
    /// `Service1=Microsoft Exchange Server`.
    Active,
    /// `;ServiceX=Microsoft Outlook Client`.
    Commented,
    /// Not in the list: Outlook ignores its section.
    Absent,
}

/// A service (`[Service List]`) or an internet account
/// (`[Internet Account List]`) with its value section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// The id: `Service1`, `ServiceEGS`, `Account1` …
    pub id: String,
    /// The mapping block it names (`Microsoft Exchange Server`, `I_Mail`).
    pub block: Option<String>,
    /// How it is listed.
    pub listed: Listed,
    /// The settings of its value section.
    pub settings: Settings,
}

/// A section mapiprof has no role for, kept as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plain {
    /// The section name.
    pub name: String,
    /// Its entries in order.
    pub entries: Vec<(String, String)>,
}

/// How the source file was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PrfSource {
    /// Encoding, BOM and newline.
    pub text: TextFormat,
    /// The ANSI code page of files without a BOM.
    pub codepage: &'static CodePage,
}

impl Default for PrfSource {
    fn default() -> Self {
        PrfSource {
            text: TextFormat {
                encoding: crate::text::Encoding::CodePage(encoding_rs::WINDOWS_1252),
                bom: false,
                newline: crate::text::Newline::CrLf,
            },
            codepage: encoding_rs::WINDOWS_1252,
        }
    }
}

/// The settings of a `.prf` file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PrfModel {
    /// How the source was written.
    pub source: PrfSource,
    /// `[General]`.
    pub general: Settings,
    /// The services, in list order, then unlisted value sections.
    pub services: Vec<Item>,
    /// The internet accounts, likewise.
    pub accounts: Vec<Item>,
    /// Sections with no known role.
    pub sections: Vec<Plain>,
    /// The file's mapping blocks (Sections 6 and 7), effective lines only.
    pub mappings: Vec<Block>,
    /// Lines before the first section that are no setting (comments, and
    /// lines Outlook skips), as written.
    pub head: Vec<String>,
    /// Each section's lines that are no setting: comments other than the
    /// commented-out settings kept above, and lines Outlook skips, as
    /// written; by section name, in file order. The banners mapiprof's
    /// writer writes itself are left out, so that a file written and read
    /// again does not gather them twice.
    pub notes: Vec<(String, Vec<String>)>,
}

impl PrfModel {
    /// Read the model out of `doc`, with warnings about what Outlook would
    /// ignore.
    pub fn from_document<'t>(doc: &Document<'t>, source: PrfSource) -> (PrfModel, Vec<Warning>) {
        let mut warnings = Vec::new();
        let mut model = PrfModel {
            source,
            ..PrfModel::default()
        };
        let accounts_list = doc.section("Internet Account List");
        let services = list(doc.section("Service List"), "Service");
        let mut accounts = list(accounts_list, "Account");
        let service_ids: HashSet<Folded<'t>> =
            services.iter().map(|(id, _, _)| Folded(id)).collect();
        // one section cannot be a service and an account: the service wins
        accounts.retain(|(id, _, _)| {
            let twice = service_ids.contains(&Folded(id));
            if twice {
                let message = format!(
                    "{id} is in [Service List] and [Internet Account List]; it is read as a service"
                );
                warnings.push(match accounts_list {
                    Some(list) => Warning::at(doc.locate(list.offset), message),
                    None => Warning::general(message),
                });
            }
            !twice
        });
        // each listed item by its id: where it is in the model; its
        // settings are read once the file's mapping blocks are known
        let mut slots: HashMap<Folded<'t>, (bool, usize)> = HashMap::new();
        // sections of services and accounts that no list names, so far
        let (mut unlisted_services, mut unlisted_accounts) = (0usize, 0usize);
        let mut blocks: HashSet<Folded<'t>> = HashSet::new();
        for (is_service, items) in [(true, &services), (false, &accounts)] {
            for (i, (id, block, _)) in items.iter().enumerate() {
                slots.insert(Folded(id), (is_service, i));
                blocks.insert(Folded(block));
            }
        }
        let item = |(id, block, listed): (&str, &str, Listed)| Item {
            id: id.to_owned(),
            block: Some(block.to_owned()),
            listed,
            settings: Settings::default(),
        };
        model.services = services.iter().copied().map(item).collect();
        model.accounts = accounts.iter().copied().map(item).collect();
        // each section's lines that are no setting, with where the model
        // (and the writer) has the section: (group, index)
        let mut notes: Vec<(Rank, String, Vec<String>)> = Vec::new();
        // `name`: the section's name as the writer writes it (the list's
        // spelling of an item's id, `General` …), so that it reads back the same
        let mut note =
            |rank: Rank, name: &str, section: &Section<'_>, kept: &dyn Fn(&str) -> bool| {
                let lines: Vec<String> = section
                    .others()
                    .into_iter()
                    .filter(|line| !is_banner(line) && !kept(line))
                    .map(str::to_owned)
                    .collect();
                if !lines.is_empty() {
                    notes.push((rank, name.to_owned(), lines));
                }
            };
        for section in &doc.sections {
            let name = section.name;
            if name.eq_ignore_ascii_case("General") {
                model.general = settings_of(section, |key| {
                    GENERAL_KEYS.iter().any(|k| k.eq_ignore_ascii_case(key))
                });
                note((0, 0), "General", section, &|line| {
                    kept(&model.general, line)
                });
            } else if name.eq_ignore_ascii_case("Service List") {
                note((1, 0), "Service List", section, &|line| {
                    listed(&services, line)
                });
            } else if name.eq_ignore_ascii_case("Internet Account List") {
                note((2, 0), "Internet Account List", section, &|line| {
                    listed(&accounts, line)
                });
            } else if slots.contains_key(&Folded(name)) {
                // items are read below
            } else if blocks.contains(&Folded(name))
                || is_builtin_block(name)
                || looks_like_mapping(section)
            {
                note((6, model.mappings.len()), name, section, &|line| {
                    sub_banner(name, line)
                });
                model.mappings.push(block_of(section));
            } else if is_value_section_name(name) {
                warnings.push(Warning::at(
                    doc.locate(section.offset),
                    format!("[{name}] is not in [Service List] or [Internet Account List]; Outlook ignores it"),
                ));
                let item = Item {
                    id: name.to_owned(),
                    block: None,
                    listed: Listed::Absent,
                    settings: settings_of(section, |_| false),
                };
                // after the listed ones, in the order they come
                let (group, unlisted) = if name.to_ascii_lowercase().starts_with("account") {
                    (4, &mut unlisted_accounts)
                } else {
                    (3, &mut unlisted_services)
                };
                note(
                    (group, (usize::MAX / 2).saturating_add(*unlisted)),
                    name,
                    section,
                    &|line| kept(&item.settings, line),
                );
                *unlisted = unlisted.saturating_add(1);
                if group == 4 {
                    model.accounts.push(item);
                } else {
                    model.services.push(item);
                }
            } else {
                note((5, model.sections.len()), name, section, &|_| false);
                model.sections.push(Plain {
                    name: name.to_owned(),
                    entries: section
                        .entries()
                        .iter()
                        .map(|e| (e.key.to_owned(), e.value.to_owned()))
                        .collect(),
                });
            }
        }
        for section in &doc.sections {
            let Some(&(is_service, i)) = slots.get(&Folded(section.name)) else {
                continue;
            };
            let items = if is_service { &services } else { &accounts };
            let Some((_, block, _)) = items.get(i) else {
                continue;
            };
            let settings = settings_of(section, |key| model.knows(block, key));
            let id = items.get(i).map_or(section.name, |(id, _, _)| id);
            note((if is_service { 3 } else { 4 }, i), id, section, &|line| {
                kept(&settings, line)
            });
            let items = if is_service {
                &mut model.services
            } else {
                &mut model.accounts
            };
            if let Some(item) = items.get_mut(i) {
                item.settings = settings;
            }
        }
        model.head = doc
            .head()
            .into_iter()
            .filter(|l| !is_banner(l))
            .map(str::to_owned)
            .collect();
        notes.sort_by_key(|(rank, _, _)| *rank);
        model.notes = notes
            .into_iter()
            .map(|(_, name, lines)| (name, lines))
            .collect();
        (model, warnings)
    }

    /// The file's mapping block called `name` (case-insensitive).
    pub fn block(&self, name: &str) -> Option<&Block> {
        self.mappings
            .iter()
            .find(|b| b.name.eq_ignore_ascii_case(name))
    }

    /// The generation whose built-in blocks are closest to the file's, or
    /// `None` when the file has no mapping blocks.
    pub fn generation(&self) -> Option<Generation> {
        if self.mappings.is_empty() {
            return None;
        }
        Generation::ALL.into_iter().min_by_key(|g| {
            let (matches, differences) = likeness(&self.mappings, *g);
            (std::cmp::Reverse(matches), differences)
        })
    }

    /// The property `key` of a service or account using block `block` is
    /// written to: by the file's block when it has one (a key it does not map
    /// is dropped by Outlook), else by the built-in tables.
    pub fn tag(&self, block: &str, key: &str) -> Option<PropTag> {
        match self.block(block) {
            Some(own) => own.mapping(key),
            None => mapping::fallback(self.generation(), block, key),
        }
    }

    /// Whether `key` is a setting a service or account using `block` knows:
    /// mapped, or one of the control keys.
    pub fn knows(&self, block: &str, key: &str) -> bool {
        CONTROL_KEYS.iter().any(|k| k.eq_ignore_ascii_case(key))
            || self.block(block).and_then(|b| b.mapping(key)).is_some()
            || mapping::fallback(self.generation(), block, key).is_some()
    }

    /// Whether a service or account using block `block` sets Exchange up:
    /// the Exchange service (`MSEMS`) or the Exchange Global Section.
    pub fn is_exchange(&self, block: &str) -> bool {
        match self.block_or_builtin(block).map(Block::target) {
            Some(super::mapping::Target::Service(name)) => name.eq_ignore_ascii_case("MSEMS"),
            Some(super::mapping::Target::Section(uid)) => {
                uid.eq_ignore_ascii_case(crate::mapi::sections::EXCHANGE_GLOBAL)
            }
            _ => false,
        }
    }

    /// The block a service or account uses, the file's or the built-in one.
    pub fn block_or_builtin(&self, name: &str) -> Option<&Block> {
        self.block(name)
            .or_else(|| mapping::builtins(self.generation(), name).next())
    }
}

/// The entries of a list section: `(id, block, listed)`, active entries first
/// in order, then commented ones (`;ServiceX=…`) whose id is not active.
fn list<'t>(section: Option<&Section<'t>>, prefix: &str) -> Vec<(&'t str, &'t str, Listed)> {
    let Some(section) = section else {
        return Vec::new();
    };
    let mut out: Vec<(&str, &str, Listed)> = section
        .entries()
        .iter()
        .map(|e| (e.key, e.value, Listed::Active))
        .collect();
    let mut ids: HashSet<Folded<'t>> = out.iter().map(|(id, _, _)| Folded(id)).collect();
    for e in section.commented() {
        let fresh = !ids.contains(&Folded(e.key));
        let shaped = e.key.len() > prefix.len()
            && e.key
                .get(..prefix.len())
                .is_some_and(|p| p.eq_ignore_ascii_case(prefix))
            && !e.key.contains(' ');
        if fresh && shaped && !e.value.is_empty() {
            ids.insert(Folded(e.key));
            out.push((e.key, e.value, Listed::Commented));
        }
    }
    out
}

fn settings_of(section: &Section<'_>, known: impl Fn(&str) -> bool) -> Settings {
    let active: Entries = section.entries().iter().map(|e| (e.key, e.value)).collect();
    let mut commented = Entries::new();
    let mut seen: HashSet<Folded<'_>> = HashSet::new();
    for e in section.commented() {
        let repeat = seen.contains(&Folded(e.key));
        if known(e.key) && !repeat {
            seen.insert(Folded(e.key));
            commented.push(e.key, e.value);
        }
    }
    commented.shrink_to_fit();
    Settings { active, commented }
}

fn block_of(section: &Section<'_>) -> Block {
    Block {
        name: section.name.to_owned(),
        lines: section
            .entries()
            .iter()
            .map(|e| MapLine::Entry {
                key: e.key.to_owned(),
                value: e.value.to_owned(),
            })
            .collect(),
    }
}

fn is_builtin_block(name: &str) -> bool {
    Generation::ALL
        .into_iter()
        .any(|g| mapping::builtin(g, name).is_some())
}

fn looks_like_mapping(section: &Section<'_>) -> bool {
    block_of(section).looks_like_mapping()
}

/// `ServiceN`, `ServiceEGS1`, `ServiceX`, `AccountN`.
fn is_value_section_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    ["service", "account"].iter().any(|prefix| {
        lower
            .strip_prefix(prefix)
            .is_some_and(|rest| !rest.is_empty() && rest.chars().all(|c| c.is_ascii_alphanumeric()))
    })
}

/// How alike `blocks` are to the built-in blocks of `g`: the lines they
/// share and the lines of shared blocks only one side has, compared by
/// meaning. Blocks the generation does not have count as differences.
fn likeness(blocks: &[Block], g: Generation) -> (usize, usize) {
    let (mut matches, mut differences): (usize, usize) = (0, 0);
    for own in blocks {
        match mapping::builtin(g, &own.name) {
            Some(builtin) => {
                let shared = own
                    .entries()
                    .filter(|(k, v)| same_line(builtin.get(k), v, k))
                    .count();
                matches = matches.saturating_add(shared);
                differences = differences.saturating_add(block_differences(own, builtin));
            }
            None => {
                let lines = own.entries().count().saturating_add(1);
                differences = differences.saturating_add(lines);
            }
        }
    }
    (matches, differences)
}

/// Lines of `a` and `b` that differ in meaning.
pub fn block_differences(a: &Block, b: &Block) -> usize {
    let missing = |x: &Block, y: &Block| {
        x.entries()
            .filter(|(k, v)| !same_line(y.get(k), v, k))
            .count()
    };
    missing(a, b).saturating_add(missing(b, a))
}

/// Whether `other` (a value of `key` in another block) means the same as
/// `value`: the same property for mappings, the same text otherwise.
pub fn same_line(other: Option<&str>, value: &str, key: &str) -> bool {
    let Some(other) = other else { return false };
    if mapping::is_special(key) {
        return other.eq_ignore_ascii_case(value);
    }
    match (mapping::parse_mapping(other), mapping::parse_mapping(value)) {
        (Some(x), Some(y)) => x == y,
        _ => other == value,
    }
}

/// The placeholders in a value: `%UserName%` (expanded by Outlook from the
/// environment) and `{$name}` (template syntax of some provisioning tools).
/// They are kept literally and flagged.
pub fn placeholders(value: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut rest = value;
    while let Some(start) = rest.find(['%', '{']) {
        let tail = rest.get(start..).unwrap_or_default();
        let close = if tail.starts_with('%') { '%' } else { '}' };
        let inner_start = if close == '%' { 1 } else { 2 };
        let is_open = close == '%' || tail.starts_with("{$");
        let end = tail
            .get(1..)
            .and_then(|t| t.find(close))
            .map(|i| i.saturating_add(2));
        match (is_open, end) {
            (true, Some(end)) => {
                let inner = tail
                    .get(inner_start..end.saturating_sub(1))
                    .unwrap_or_default();
                if !inner.is_empty() && inner.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                {
                    found.push(tail.get(..end).unwrap_or_default());
                    rest = tail.get(end..).unwrap_or_default();
                    continue;
                }
                rest = tail.get(1..).unwrap_or_default();
            }
            _ => rest = tail.get(1..).unwrap_or_default(),
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    fn model(text: &str) -> PrfModel {
        let (doc, _) = Document::new(text);
        PrfModel::from_document(&doc, PrfSource::default()).0
    }

    const KB: &str = "[General]\nCustom=1\nOverwriteProfile=Append\n\
        [Service List]\nServiceEGS=Exchange Global Section\n\
        [ServiceEGS]\nTCPExchangePort=6001\n;HTTPExchangePort=6001\n;Note=this is prose\n\
        [Exchange Global Section]\nSectionGUID=13dbb0c8aa05101a9bb000aa002fc45a\n\
        TCPExchangePort=PT_I2,0x662C\nHTTPExchangePort=PT_I2,0x662D\n";

    #[test]
    fn commented_out_known_settings_are_recognised() {
        let m = model(KB);
        let egs = &m.services[0];
        assert_eq!(egs.block.as_deref(), Some("Exchange Global Section"));
        assert_eq!(egs.settings.get("tcpexchangeport"), Some("6001"));
        assert_eq!(
            egs.settings.commented.iter().collect::<Vec<_>>(),
            [("HTTPExchangePort", "6001")]
        );
        assert_eq!(m.mappings.len(), 1);
    }

    #[test]
    fn the_files_block_decides_and_drops_what_it_does_not_map() {
        let m = model(KB);
        assert_eq!(
            m.tag("Exchange Global Section", "TCPExchangePort"),
            Some(PropTag::new(crate::mapi::PropType::I2, 0x662C))
        );
        // the file's block has no RPCProxyServer line: Outlook drops it
        assert_eq!(m.tag("Exchange Global Section", "RPCProxyServer"), None);
        // no block of its own: the built-in tables
        assert!(m.tag("Microsoft Exchange Server", "HomeServer").is_some());
    }

    #[test]
    fn commented_list_entries_and_unlisted_sections() {
        let m = model(
            "[Service List]\n;ServiceX=Microsoft Outlook Client\nService1=LDAP Directory\n\
             [Service7]\nX=1\n[Unknown Things]\na=b\n",
        );
        let ids: Vec<(&str, Listed)> = m
            .services
            .iter()
            .map(|s| (s.id.as_str(), s.listed))
            .collect();
        assert_eq!(
            ids,
            [
                ("Service1", Listed::Active),
                ("ServiceX", Listed::Commented),
                ("Service7", Listed::Absent)
            ]
        );
        assert_eq!(m.sections.len(), 1);
        assert_eq!(m.sections[0].name, "Unknown Things");
    }

    #[test]
    fn placeholders_are_found() {
        assert_eq!(placeholders("%UserName%"), ["%UserName%"]);
        assert_eq!(
            placeholders(r"z:\%UserName%.pst {$profilename} 100% {x}"),
            ["%UserName%", "{$profilename}"]
        );
        assert!(placeholders("50% off, 20%").is_empty());
        assert!(placeholders("plain").is_empty());
    }

    #[test]
    fn generation_is_the_closest_table() {
        let oct = "[Microsoft Exchange Server]\nServiceName=MSEMS\n\
                   OfflineFolderPathAndFilename=PT_STRING8,0x6610\n";
        assert_eq!(model(oct).generation(), Some(Generation::Office2010));
        let ciw = "[Microsoft Exchange Server]\nServiceName=MSEMS\n\
                   MDBGUID=5494A1C0297F101BA58708002B2A2517\nMailboxName=PT_STRING8,0x6607\n\
                   HomeServer=PT_STRING8,0x6608\nOfflineAddressBookPath=PT_STRING8,0x660E\n\
                   OfflineFolderPath=PT_STRING8,0x6610\n";
        assert_eq!(model(ciw).generation(), Some(Generation::Office2002));
        assert_eq!(model("[General]\nCustom=1\n").generation(), None);
    }
}
