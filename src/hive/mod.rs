//! Offline registry hives (the `regf` files behind `NTUSER.DAT`), read
//! only: never written, since Windows and Outlook own those files and a
//! `.reg` is how changes go back. [`read`] gives the same registry
//! document a `.reg` export of the same keys would: the Outlook profiles
//! (or a subtree the caller names) under the hive root the caller gives.
//!
//! The layout follows Maxim Suhanov's "Windows registry file format
//! specification": the base block ([`base`]), cells ([`cells`]), key
//! nodes and subkey lists ([`key`]), values and big data ([`value`]), and
//! transaction logs with their Marvin32 hashes ([`log`], [`marvin`]).
//! Every offset is checked, every count is bounded by the cell it is in,
//! and a key reached twice is written once: bad input is an error or a
//! warning naming the byte offset, never a panic or a hang.

mod base;
mod cells;
mod export;
mod key;
mod log;
mod marvin;
mod value;

use std::borrow::Cow;

use thiserror::Error;

use crate::diag::{Effect, Warning};
use crate::reg;

pub use export::Select;
pub use log::Log;

use base::{BASE_LEN, BaseBlock};
use cells::Cells;
use key::KeyNode;

/// Whether `bytes` start like a hive file (`regf`), whatever the file is
/// called.
pub fn is_hive(bytes: &[u8]) -> bool {
    bytes.starts_with(base::SIGNATURE)
}

/// Whether the hive `bytes` was left in the middle of a write, so that its
/// transaction logs are needed to read it up to date (a caller looks for
/// them only then).
pub fn is_dirty(bytes: &[u8]) -> bool {
    BaseBlock::parse(bytes).is_some_and(|b| b.is_dirty())
}

/// `root` as a hive root: the full names of `HKEY_CURRENT_USER`, or
/// `HKEY_USERS` / `HKEY_LOCAL_MACHINE` and one key below (where Regedit's
/// Load Hive puts a hive); abbreviations are spelt out.
fn hive_root(root: &str) -> Result<String, HiveError> {
    let trimmed = root.trim_matches('\\');
    let (top, rest) = trimmed.split_once('\\').unwrap_or((trimmed, ""));
    let top = match top.to_ascii_uppercase().as_str() {
        "HKEY_CURRENT_USER" | "HKCU" => "HKEY_CURRENT_USER",
        "HKEY_USERS" | "HKU" => "HKEY_USERS",
        "HKEY_LOCAL_MACHINE" | "HKLM" => "HKEY_LOCAL_MACHINE",
        _ => return Err(HiveError::HiveRoot(root.to_owned())),
    };
    let one_below = !rest.is_empty() && !rest.contains('\\');
    match (top, one_below) {
        ("HKEY_CURRENT_USER", false) if rest.is_empty() => Ok(top.to_owned()),
        ("HKEY_USERS" | "HKEY_LOCAL_MACHINE", true) => Ok(format!("{top}\\{rest}")),
        _ => Err(HiveError::HiveRoot(root.to_owned())),
    }
}

/// Why a hive could not be read at all.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum HiveError {
    /// The bytes do not start with `regf`, or stop before the 512 bytes
    /// of the base block that matter: e.g. a `.reg` read as a hive, or a
    /// copy cut off after a few bytes.
    #[error("not a registry hive: the file does not start with a regf base block")]
    NotHive,
    /// The file ends inside its base block or before its first hive bin.
    #[error(
        "the hive is cut short: {len} bytes, and its first hive bin starts at byte offset 0x1000"
    )]
    Short {
        /// The file's length.
        len: usize,
    },
    /// A version of the format other than 1.3 to 1.6 (Windows NT 3.x wrote
    /// 1.1 and 1.2).
    #[error(
        "a hive of format version {major}.{minor}; mapiprof reads versions 1.3 to 1.6 (Windows NT 4.0 and later)"
    )]
    Version {
        /// Major version.
        major: u32,
        /// Minor version.
        minor: u32,
    },
    /// The root key cannot be read.
    #[error("the hive's root key cannot be read: {0}")]
    Root(String),
    /// A header that is damaged beyond reading (a wrong checksum and a
    /// version no hive has) with no log to recover it from.
    #[error("the hive's header is damaged: {0}")]
    Header(String),
    /// A hive root that is not a key a hive is loaded under
    /// (`--hive-root HKCU\Software`).
    #[error(
        "'{0}' is not a key a hive is loaded under: give HKEY_CURRENT_USER, or HKEY_USERS\\<SID> (or HKEY_LOCAL_MACHINE\\<NAME>) for a hive loaded there"
    )]
    HiveRoot(String),
    /// `--key` names a key the hive does not have.
    #[error("the hive has no key {wanted} (it has {found}, and no {missing} below it)")]
    NoKey {
        /// The path asked for.
        wanted: String,
        /// The deepest part of it the hive has.
        found: String,
        /// The first name it lacks.
        missing: String,
    },
}

/// What [`read`] gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HiveRead {
    /// The keys, as a `.reg` export of them would hold them.
    pub document: reg::Document,
    /// What was wrong with the hive, with byte offsets, and notes (logs
    /// replayed, nothing found).
    pub warnings: Vec<Warning>,
}

/// Read the keys `select` names out of the hive `bytes`, brought up to
/// date from `logs` (its `.LOG1` and `.LOG2`) when its header says it is
/// dirty.
///
/// # Example
/// ```
/// use mapiprof::hive;
/// let err = hive::read(b"Windows Registry Editor Version 5.00".as_slice(), &[], &hive::Select::default());
/// assert_eq!(err, Err(hive::HiveError::NotHive));
/// ```
pub fn read<'a>(
    bytes: impl Into<Cow<'a, [u8]>>,
    logs: &[Log<'_>],
    select: &Select,
) -> Result<HiveRead, HiveError> {
    let mut bytes = bytes.into();
    let root_path = hive_root(&select.root)?;
    if bytes.is_empty() {
        return Err(HiveError::Short { len: 0 });
    }
    if !is_hive(&bytes) {
        return Err(HiveError::NotHive);
    }
    let mut base = BaseBlock::parse(&bytes).ok_or(HiveError::Short { len: bytes.len() })?;
    if bytes.len() <= BASE_LEN {
        return Err(HiveError::Short { len: bytes.len() });
    }
    let mut warnings = Vec::new();
    // a header with a wrong checksum may be recovered from a log: only
    // then is its version judged
    if base.is_dirty() {
        warnings.extend(bring_up_to_date(bytes.to_mut(), &mut base, logs));
    }
    if base.major != 1 || !(3..=6).contains(&base.minor) {
        return Err(if base.checksum_ok() {
            HiveError::Version {
                major: base.major,
                minor: base.minor,
            }
        } else {
            HiveError::Header(format!(
                "its checksum is wrong and it gives format version {}.{}, and no transaction log gave a good copy of it",
                base.major, base.minor
            ))
        });
    }
    let bins_end = (BASE_LEN as u64).saturating_add(u64::from(base.bins_size));
    if (bytes.len() as u64) < bins_end {
        warnings.push(
            Warning::general(format!(
                "the hive is cut short: its header says its hive bins end at byte offset {bins_end:#x}, and the file ends at {:#x}; keys and values past the end are missing",
                bytes.len()
            ))
            .with(Effect::Damaged),
        );
    }
    let cells = Cells::new(&bytes, base.bins_size);
    let root = KeyNode::read(&cells, base.root_cell).map_err(|f| HiveError::Root(f.to_string()))?;
    let mut walk = export::Walk::new(cells, base.minor);
    let root_path = root_path.as_str();
    match &select.key {
        Some(wanted) => {
            let steps = steps_below_root(wanted, root_path);
            let found = walk.path(&root, root_path, &steps);
            let Some((key, path)) = found else {
                return Err(no_key(&mut walk, &root, root_path, wanted, &steps));
            };
            walk.subtree(&key, &path, 0);
        }
        None => match walk.profiles(&root, root_path).as_slice() {
            [] if walk.warnings.is_empty() && !warnings.iter().any(|w| w.effect == Effect::Damaged) => warnings.push(Warning::note(
                "no Outlook profiles in this hive (none under Software\\Microsoft\\Office\\*\\Outlook\\Profiles or the Windows Messaging Subsystem's Profiles key)",
            )),
            [] => warnings.push(
                Warning::general(
                    "no Outlook profiles found, and the hive is damaged on the way to them (see its other warnings): they may be there all the same",
                )
                .with(Effect::Damaged),
            ),
            [_] => {}
            roots => {
                let shown: Vec<&str> = roots.iter().take(4).map(String::as_str).collect();
                let more = roots.len().saturating_sub(shown.len());
                let more = if more > 0 { format!(" and {more} more") } else { String::new() };
                warnings.push(Warning::note(format!(
                    "profiles under {} roots: {}{more}; the YAML names the values of one (the first with the most profiles) and shows the others' as plain keys, `--key ROOT` names another's; check lints them all",
                    roots.len(),
                    shown.join(", ")
                )));
            }
        },
    }
    // a damaged cell met on the way to several keys is said once
    for warning in walk.warnings {
        if !warnings.contains(&warning) {
            warnings.push(warning);
        }
    }
    if walk.unlisted > 0 {
        warnings.push(
            Warning::general(format!(
                "and {} more problems of the hive, not listed",
                walk.unlisted
            ))
            .with(Effect::Damaged),
        );
    }
    if let (count, Some(first)) = &walk.unterminated {
        warnings.push(Warning::note(format!(
            "{count} string value(s) stored without a closing NUL (the first: {first}) are written to a .reg as hex with exactly their bytes; Regedit adds the NUL when it imports them"
        )));
    }
    Ok(HiveRead {
        document: reg::Document {
            format: reg::Format::Regedit5,
            blocks: walk.blocks,
        },
        warnings,
    })
}

/// Replay the logs onto a dirty hive; what to tell the user.
fn bring_up_to_date(bytes: &mut Vec<u8>, base: &mut BaseBlock, logs: &[Log<'_>]) -> Vec<Warning> {
    let why = if base.checksum_ok() {
        format!(
            "its header's sequence numbers differ: {} and {}",
            base.primary_sequence, base.secondary_sequence
        )
    } else {
        format!(
            "its header's checksum is wrong, so the header is damaged or was caught being written: byte offset 0x1fc holds {:#010x}, the header adds up to {:#010x}",
            base.stored_checksum, base.computed_checksum
        )
    };
    if logs.is_empty() {
        return vec![
            Warning::general(format!(
                "the hive is dirty ({why}) and no transaction logs were read with it: values may be stale; copy NAME.LOG1 and NAME.LOG2 along with the hive, beside it"
            ))
            .with(Effect::Stale),
        ];
    }
    let done = log::replay(bytes, base, logs);
    let mut out: Vec<Warning> = done
        .notes
        .iter()
        .map(|n| Warning::general(format!("transaction log {n}")))
        .collect();
    if done.entries > 0 {
        out.push(Warning::note(format!(
            "the hive is dirty ({why}): {} log entries ({} pages) from its transaction logs were replayed, up to sequence number {}",
            done.entries, done.pages, done.sequence
        )));
    } else {
        out.push(
            Warning::general(format!(
                "the hive is dirty ({why}) and its transaction logs hold nothing to replay onto it: values may be stale"
            ))
            .with(Effect::Stale),
        );
    }
    out
}

/// The names of `wanted` below the hive root, which it may start with:
/// as `root`, as `HKEY_CURRENT_USER` / `HKCU`, or as any key a hive is
/// loaded under (`HKEY_USERS\\<SID>`, `HKEY_LOCAL_MACHINE\\<NAME>`).
fn steps_below_root<'w>(wanted: &'w str, root: &str) -> Vec<&'w str> {
    let trimmed = wanted.trim_matches('\\');
    // what follows `prefix`, nothing when `trimmed` is `prefix` itself
    let below = |prefix: &str| {
        if reg::name::same(trimmed, prefix) {
            Some("")
        } else {
            reg::name::strip_path_prefix(trimmed, prefix)
        }
    };
    let loaded = |top: &str| {
        let rest = below(top)?;
        Some(rest.split_once('\\').map_or("", |(_, under)| under))
    };
    let rest = [root, "HKEY_CURRENT_USER", "HKCU"]
        .iter()
        .find_map(|r| below(r))
        .or_else(|| {
            ["HKEY_USERS", "HKU", "HKEY_LOCAL_MACHINE", "HKLM"]
                .iter()
                .find_map(|t| loaded(t))
        })
        .unwrap_or(trimmed);
    rest.split('\\').filter(|s| !s.is_empty()).collect()
}

fn no_key(
    walk: &mut export::Walk<'_>,
    root: &KeyNode,
    root_path: &str,
    wanted: &str,
    steps: &[&str],
) -> HiveError {
    let mut found = root_path.to_owned();
    let mut missing = String::new();
    for n in 1..=steps.len() {
        match steps.get(..n).and_then(|s| walk.path(root, root_path, s)) {
            Some((_, path)) => found = path,
            None => {
                missing = steps
                    .get(n.saturating_sub(1))
                    .copied()
                    .unwrap_or_default()
                    .to_owned();
                break;
            }
        }
    }
    HiveError::NoKey {
        wanted: wanted.to_owned(),
        found,
        missing,
    }
}
