//! Mapping blocks (PRF Sections 6 and 7): `FriendlyName=PT_TYPE,0xTAG`
//! lines that tell Outlook which property a setting is, plus the special keys
//! that say where it goes (`ServiceName`, `SectionGUID`, `AccountType`).
//!
//! The built-in tables of the three generations are PRF text in `tables/`,
//! read by the same parser as any file. A file's own blocks take precedence;
//! the tables are the fallback and what the writer puts into Sections 6 and 7.

use std::sync::OnceLock;

use crate::mapi::{PropTag, PropType};

use super::syntax::{LineKind, lines};

/// A generation of PRF mapping blocks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Generation {
    /// Outlook 97/98/2000 (Newprof.exe, Office 2000 Resource Kit).
    Office2000,
    /// Outlook 2002, 2003 and 2007 (Custom Installation Wizard, OCT 2007).
    Office2002,
    /// Outlook 2010 and later (OCT 2010/2013/2016).
    Office2010,
}

impl Generation {
    /// Newest first: the order in which the fallback looks up a name.
    pub const ALL: [Generation; 3] = [
        Generation::Office2010,
        Generation::Office2002,
        Generation::Office2000,
    ];

    /// The name used in YAML documents.
    pub fn name(self) -> &'static str {
        match self {
            Generation::Office2000 => "office2000",
            Generation::Office2002 => "office2002-2007",
            Generation::Office2010 => "office2010+",
        }
    }

    /// The generation called `name` (as [`Generation::name`] writes it).
    pub fn from_name(name: &str) -> Option<Generation> {
        Generation::ALL.into_iter().find(|g| g.name() == name)
    }

    /// The built-in mapping blocks of this generation, in OCT order.
    pub fn blocks(self) -> &'static [Block] {
        static TABLES: OnceLock<[Vec<Block>; 3]> = OnceLock::new();
        let tables = TABLES.get_or_init(|| {
            [
                blocks_of(include_str!("tables/ork2000.prf")),
                blocks_of(include_str!("tables/ciw2002.prf")),
                blocks_of(include_str!("tables/oct2010.prf")),
            ]
        });
        match self {
            Generation::Office2000 => &tables[0],
            Generation::Office2002 => &tables[1],
            Generation::Office2010 => &tables[2],
        }
    }
}

/// The mappings of KB 833799's six static Exchange ports (PT_I2,
/// 0x662C–0x6631 in `[Exchange Global Section]`): not part of any generation's
/// OCT output, known to all of them as a fallback.
pub fn static_ports() -> &'static Block {
    static PORTS: OnceLock<Block> = OnceLock::new();
    PORTS.get_or_init(|| {
        blocks_of(include_str!("tables/kb833799.prf"))
            .into_iter()
            .next()
            .unwrap_or_else(|| Block::new("Exchange Global Section"))
    })
}

/// One line of a mapping block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MapLine {
    /// `Key=Value`: a mapping or a special key.
    Entry {
        /// The friendly name or special key.
        key: String,
        /// The text after `=`, trimmed.
        value: String,
    },
    /// A `;` line inside a built-in block (the OCT sub-banners).
    Comment(String),
}

/// A mapping block: its name and lines in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// The section name, e.g. `Exchange Global Section`.
    pub name: String,
    /// The lines in order.
    pub lines: Vec<MapLine>,
}

/// Where a block's settings go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A fixed profile section (`SectionGUID=`), as 32 hex digits.
    Section(String),
    /// The sections of a MAPI service (`ServiceName=MSEMS`).
    Service(String),
    /// An internet account of this type (`AccountType=POP3`).
    Account(String),
    /// The block says neither.
    Unknown,
}

/// Keys of a mapping block that are not mappings.
pub const SPECIAL_KEYS: [&str; 4] = ["ServiceName", "MDBGUID", "SectionGUID", "AccountType"];

impl Block {
    /// An empty block.
    pub fn new(name: &str) -> Block {
        Block {
            name: name.to_owned(),
            lines: Vec::new(),
        }
    }

    /// The entries, in order (comments skipped).
    pub fn entries(&self) -> impl Iterator<Item = (&str, &str)> {
        self.lines.iter().filter_map(|line| match line {
            MapLine::Entry { key, value } => Some((key.as_str(), value.as_str())),
            MapLine::Comment(_) => None,
        })
    }

    /// The first value of `key`, matched without regard to case.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.entries()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v)
    }

    /// The property `key` maps to, if the block has a mapping line for it.
    pub fn mapping(&self, key: &str) -> Option<PropTag> {
        if is_special(key) {
            return None;
        }
        self.get(key).and_then(parse_mapping)
    }

    /// Where this block's settings go.
    pub fn target(&self) -> Target {
        if let Some(guid) = self.get("SectionGUID") {
            Target::Section(guid.to_ascii_lowercase())
        } else if let Some(service) = self.get("ServiceName") {
            Target::Service(service.to_owned())
        } else if let Some(kind) = self.get("AccountType") {
            Target::Account(kind.to_owned())
        } else {
            Target::Unknown
        }
    }

    /// Whether the block has anything that marks it as a mapping block.
    pub fn looks_like_mapping(&self) -> bool {
        self.entries()
            .any(|(k, v)| is_special(k) || parse_mapping(v).is_some())
    }
}

/// Whether `key` is one of the special keys of a mapping block.
pub fn is_special(key: &str) -> bool {
    SPECIAL_KEYS.iter().any(|s| s.eq_ignore_ascii_case(key))
}

/// The built-in block called `name` in `generation` (case-insensitive).
pub fn builtin(generation: Generation, name: &str) -> Option<&'static Block> {
    generation
        .blocks()
        .iter()
        .find(|b| b.name.eq_ignore_ascii_case(name))
}

/// The built-in blocks called `name`, in the order the fallback consults
/// them: the given generation first, then the others newest first.
pub fn builtins(
    generation: Option<Generation>,
    name: &str,
) -> impl Iterator<Item = &'static Block> {
    generation
        .into_iter()
        .chain(Generation::ALL)
        .filter_map(move |g| builtin(g, name))
}

/// The property of `key` in block `name` from the built-in tables (in the
/// order of [`builtins`]), then the static ports.
pub fn fallback(generation: Option<Generation>, name: &str, key: &str) -> Option<PropTag> {
    if let Some(tag) = builtins(generation, name).find_map(|b| b.mapping(key)) {
        return Some(tag);
    }
    let ports = static_ports();
    if ports.name.eq_ignore_ascii_case(name) {
        return ports.mapping(key);
    }
    None
}

/// The mapping line's value for `key` in block `name` from the built-in
/// tables (as [`fallback`] finds it), e.g. `PT_UNICODE,0x6622`: what a file
/// whose own block lacks the line needs for Outlook to read the setting.
pub fn fallback_line(generation: Option<Generation>, name: &str, key: &str) -> Option<String> {
    builtins(generation, name)
        .chain(std::iter::once(static_ports()).filter(|p| p.name.eq_ignore_ascii_case(name)))
        .find(|b| b.mapping(key).is_some())
        .and_then(|b| b.get(key))
        .map(str::to_owned)
}

/// Parse `PT_TYPE,0xTAG`. The tag is a 16-bit id (`0x6607`) or a 32-bit tag
/// with the type in the high word (`0x001e3001`), whose type must agree.
pub fn parse_mapping(text: &str) -> Option<PropTag> {
    let (type_name, tag) = text.split_once(',')?;
    let ptype = PropType::from_name(type_name.trim())?;
    let digits = tag.trim();
    let digits = digits
        .strip_prefix("0x")
        .or_else(|| digits.strip_prefix("0X"))?;
    let number = u32::from_str_radix(digits, 16).ok()?;
    let high = u16::try_from(number >> 16).ok()?;
    let id = u16::try_from(number & 0xFFFF).ok()?;
    if digits.len() > 4 && high != ptype.0 {
        return None;
    }
    Some(PropTag::new(ptype, id))
}

/// The mapping blocks of a PRF text, with their comment lines.
fn blocks_of(text: &str) -> Vec<Block> {
    let mut blocks: Vec<Block> = Vec::new();
    for line in lines(text) {
        let body = line.span.of(text).trim_end_matches(['\r', '\n']);
        match line.kind {
            LineKind::Section { name_span } => blocks.push(Block::new(name_span.of(text))),
            LineKind::Entry {
                key_span,
                value_span,
            } => {
                if let Some(block) = blocks.last_mut() {
                    block.lines.push(MapLine::Entry {
                        key: key_span.of(text).to_owned(),
                        value: value_span.of(text).to_owned(),
                    });
                }
            }
            LineKind::Comment => {
                if let Some(block) = blocks.last_mut() {
                    block.lines.push(MapLine::Comment(body.to_owned()));
                }
            }
            LineKind::Blank | LineKind::Stray => {}
        }
    }
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mapping_lines_in_both_tag_forms() {
        assert_eq!(
            parse_mapping("PT_STRING8,0x6607"),
            Some(PropTag::new(PropType::STRING8, 0x6607))
        );
        assert_eq!(
            parse_mapping("PT_STRING8,0x001e3001"),
            Some(PropTag::new(PropType::STRING8, 0x3001))
        );
        assert_eq!(
            parse_mapping("PT_LONG, 0x041f"),
            Some(PropTag::new(PropType::LONG, 0x041F))
        );
        assert_eq!(
            parse_mapping("PT_DWORD,0x13C9"),
            Some(PropTag::new(PropType::LONG, 0x13C9))
        );
        // the embedded type must agree with the named one
        assert_eq!(parse_mapping("PT_LONG,0x001e3001"), None);
        assert_eq!(parse_mapping("MSEMS"), None);
        assert_eq!(parse_mapping("PT_NOPE,0x6607"), None);
    }

    #[test]
    fn tables_hold_the_generation_names() {
        let egs = |g| builtin(g, "exchange global section");
        assert_eq!(
            egs(Generation::Office2010).and_then(|b| b.mapping("ConfigFlags")),
            Some(PropTag::new(PropType::LONG, 0x6601))
        );
        assert_eq!(
            egs(Generation::Office2002).and_then(|b| b.mapping("CachedExchangeConfigFlags")),
            Some(PropTag::new(PropType::LONG, 0x6629))
        );
        assert!(egs(Generation::Office2000).is_none());
        assert_eq!(
            builtin(Generation::Office2000, "I_Mail").and_then(|b| b.mapping("POP3Port")),
            Some(PropTag::new(PropType::LONG, 0x13C9))
        );
        let inet = builtin(Generation::Office2010, "INET_HTTP");
        assert_eq!(
            inet.and_then(|b| b.mapping("Connection Type")),
            Some(PropTag::new(PropType::LONG, 0x000F))
        );
        assert_eq!(
            inet.map(Block::target),
            Some(Target::Account("HOTMAIL".into()))
        );
    }

    #[test]
    fn the_static_ports_are_a_fallback_of_every_generation() {
        for g in Generation::ALL {
            assert_eq!(
                fallback(Some(g), "Exchange Global Section", "tcpexchangeport"),
                Some(PropTag::new(PropType::I2, 0x662C))
            );
        }
        assert_eq!(
            fallback(None, "Exchange Global Section", "HTTPReferralPort"),
            Some(PropTag::new(PropType::I2, 0x6631))
        );
        // the generation asked for wins over newer ones
        assert_eq!(
            fallback(
                Some(Generation::Office2002),
                "Personal Folders",
                "PathToPersonalFolders"
            ),
            Some(PropTag::new(PropType::STRING8, 0x6700))
        );
    }

    #[test]
    fn special_keys_are_not_mappings() {
        let egs = builtin(Generation::Office2010, "Exchange Global Section");
        assert_eq!(egs.and_then(|b| b.mapping("SectionGUID")), None);
        assert_eq!(
            egs.map(Block::target),
            Some(Target::Section("13dbb0c8aa05101a9bb000aa002fc45a".into()))
        );
    }
}
