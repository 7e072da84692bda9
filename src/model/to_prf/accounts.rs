//! The POP3, IMAP and HTTP accounts of the account manager as `.prf`
//! internet accounts: each mapping line's account property id names a
//! registry value of the account subkey (`POP3Port=PT_LONG,0x0104` ↔
//! `POP3 Port`).

use crate::diag::Warning;
use crate::mapi::props::PROP_POP_LEAVE_ON_SERVER;
use crate::mapi::{PropType, account, sections};
use crate::prf::mapping::parse_mapping;
use crate::prf::{Block, Target};
use crate::reg::RegData;
use crate::reg::name;

use super::super::text_value;
use super::{Build, active_item};

impl Build<'_> {
    /// The internet accounts of the account manager.
    pub(super) fn accounts(&mut self) {
        let mut number: usize = 0;
        for s in 0..self.pool.sections.len() {
            let section = &self.pool[s];
            if name::strip_path_prefix(&section.path, sections::ACCOUNT_MANAGER).is_none() {
                continue;
            }
            let kind = text_value(&section.values, "clsid")
                .as_deref()
                .and_then(account::account_kind);
            let account_type = match kind {
                Some("POP3") => "POP3",
                Some("IMAP") => "IMAP",
                Some("HTTP") => "HOTMAIL",
                Some("MAPI service" | "LDAP") => continue,
                other => {
                    let label = self.pool.label(self.profile, s);
                    self.warnings.push(Warning::general(format!(
                        "{label}: {} accounts cannot be set up by a .prf; it is left out",
                        other.unwrap_or("this kind of")
                    )));
                    continue;
                }
            };
            let Some(block) = self.block_for(&Target::Account(account_type.into())) else {
                let label = self.pool.label(self.profile, s);
                self.warnings.push(Warning::general(format!(
                    "{label}: the {} mapping blocks have no {account_type} account; it is left out",
                    self.generation.name()
                )));
                continue;
            };
            number = number.saturating_add(1);
            let mut settings = vec![("UniqueService".to_owned(), "No".to_owned())];
            settings.extend(self.account_settings(&block, s));
            let id = format!("Account{number}");
            self.prf
                .accounts
                .push(active_item(&id, &block.name, settings));
        }
    }

    /// The settings of an account subkey in the order of `block`: each
    /// mapping line's account property id names a registry value.
    fn account_settings(&mut self, block: &Block, s: usize) -> Vec<(String, String)> {
        let mut settings: Vec<(String, String)> = Vec::new();
        for (key, mapping) in block.entries() {
            let Some(tag) = parse_mapping(mapping) else {
                continue;
            };
            if settings.iter().any(|(k, _)| k.eq_ignore_ascii_case(key)) {
                continue;
            }
            let Some(section) = self.pool.sections.get(s) else {
                return settings;
            };
            let Some((v, value)) = section
                .values
                .iter()
                .enumerate()
                .find(|(_, value)| account::prf_id(value.name.as_str()) == Some(tag.id))
            else {
                continue;
            };
            match account_text(&value.data, tag.ptype == PropType::LONG, tag.id) {
                Some(text) => {
                    settings.push((key.to_owned(), text));
                    self.pool.mark(s, v);
                }
                None => {
                    let label = self.pool.label(self.profile, s);
                    self.warnings.push(Warning::general(format!(
                        "{label}: {} does not fit {key} ({}); it is left out",
                        value.name,
                        tag.ptype.name().unwrap_or_default()
                    )));
                }
            }
        }
        settings
    }
}

/// The `.prf` text of an account value: text for text settings, a number
/// for PT_LONG ones (the leave-on-server bits in hex).
fn account_text(data: &RegData, number: bool, id: u16) -> Option<String> {
    let text = match (data, number) {
        (RegData::Dword(n), true) if id == PROP_POP_LEAVE_ON_SERVER.id => format!("0x{n:08X}"),
        (RegData::Dword(n), true) => n.to_string(),
        (RegData::String(text), false) => text.clone(),
        (RegData::Hex { bytes, .. }, false) => crate::mapi::unicode_text(bytes)?,
        _ => return None,
    };
    (!text.contains(['\r', '\n', '\0'])).then_some(text)
}
