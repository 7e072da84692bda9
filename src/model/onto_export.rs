//! A `.prf` applied to an export of the profile (`convert --base`): the
//! export knows the random section UIDs a `.prf` cannot name, so every
//! setting finds its place.
//!
//! - Fixed sections (`SectionGUID=`) get their settings; the Exchange Global
//!   Section's also go into each Exchange account section of an Outlook
//!   2010+ profile (found through `PR_EMSMDB_SECTION_UID`).
//! - The nth service of a name in the `.prf` is the nth service section of
//!   that name in the export, in the profile's service order; a setting goes
//!   into each of its sections that holds the property already (keeping that
//!   value's registry type), else into the service section.
//! - An internet account is the account-manager subkey of its kind with the
//!   same `Account Name`, else the nth of its kind; settings go in under
//!   their registry names (`POP3Port` → `POP3 Port`).
//!
//! The result is the whole export with those values set.

use crate::diag::Warning;
use crate::mapi::dictionary::Scope;
use crate::mapi::{PropTag, PropType, TagName, account, parse_int, sections, unicode_bytes};
use crate::prf::{self, Item, Listed, PrfModel, Target};
use crate::reg::RegData;
use crate::reg::name;

use super::from_prf::{
    FromPrfError, Outlook, PrfToReg, encode_setting, item_label, mapped_settings,
};
use super::pool::Pool;
use super::{Model, Profile, choose_profile, default_profile, text_value};

/// `model` with the settings of `prf` set in the profile it names.
pub fn prf_onto_export(
    prf: &PrfModel,
    base: &Model,
    options: &PrfToReg,
) -> Result<(Model, Vec<Warning>), FromPrfError> {
    let named = options.profile.clone().or_else(|| {
        prf.general
            .get("ProfileName")
            .filter(|n| prf::placeholders(n).is_empty())
            .map(str::to_owned)
    });
    let default = default_profile(base);
    let profile =
        choose_profile(base, named.as_deref(), default.as_deref()).map_err(FromPrfError::Base)?;
    let mut out = base.clone();
    let Some(target) = out.profiles.iter_mut().find(|p| p.name == profile.name) else {
        return Err(FromPrfError::NoProfile);
    };
    // the version the export is of, where its root says (Office 15.0 and
    // 16.0); the Windows Messaging Subsystem root is 2003-2010
    let outlook = options
        .outlook
        .or_else(|| base.root.as_deref().and_then(Outlook::of_root))
        .unwrap_or(Outlook::V2010);
    let mut apply = Apply {
        prf,
        outlook,
        pool: Pool::of(profile, base.source.codepage),
        profile: target,
        codepage: base.source.codepage,
        seen: Vec::new(),
        unplaced: Vec::new(),
        warnings: Vec::new(),
    };
    let items = prf.services.iter().chain(&prf.accounts);
    for item in items.filter(|i| i.listed == Listed::Active) {
        apply.item(item);
    }
    let Apply {
        unplaced,
        mut warnings,
        ..
    } = apply;
    if !unplaced.is_empty() {
        if !options.partial {
            return Err(FromPrfError::Unplaced(unplaced));
        }
        warnings.extend(
            unplaced
                .into_iter()
                .map(|line| Warning::general(format!("left out: {line}"))),
        );
    }
    Ok((out, warnings))
}

struct Apply<'a> {
    prf: &'a PrfModel,
    /// The version the export is of: which string type a new value gets.
    outlook: Outlook,
    /// What the export's profile holds, as read before any change.
    pool: Pool,
    /// The profile being changed.
    profile: &'a mut Profile,
    codepage: &'static encoding_rs::Encoding,
    /// `(target, count)`: how many items of each service or account kind
    /// have been placed, for "the nth of its kind".
    seen: Vec<(String, usize)>,
    unplaced: Vec<String>,
    warnings: Vec<Warning>,
}

impl Apply<'_> {
    fn item(&mut self, item: &Item) {
        let block = item.block.as_deref().unwrap_or_default();
        let label = item_label(item);
        let settings = mapped_settings(self.prf, item, &label, &mut self.warnings);
        if settings.is_empty() {
            return;
        }
        match self.prf.block_or_builtin(block).map(prf::Block::target) {
            Some(Target::Section(uid)) => self.place_in_section(&uid, &settings, &label),
            Some(Target::Service(name)) => self.place_in_service(&name, &settings, &label),
            Some(Target::Account(kind)) => self.place_in_account(&kind, item, &settings, &label),
            _ => self.unplace(&label, &settings, "no mapping block says where it goes"),
        }
    }

    /// A fixed section; the Exchange Global Section's settings also into
    /// each Exchange account section.
    fn place_in_section(&mut self, uid: &str, settings: &[(String, PropTag, String)], label: &str) {
        let mut targets = vec![uid.to_owned()];
        if name::same(uid, sections::EXCHANGE_GLOBAL) {
            targets.extend(self.exchange_accounts());
        }
        let exchange = name::same(uid, sections::EXCHANGE_GLOBAL);
        for (key, tag, text) in settings {
            for path in &targets {
                self.set_string_forms(path, *tag, text, &format!("{label} {key}"), exchange);
            }
        }
    }

    /// The nth service section of `name`.
    fn place_in_service(
        &mut self,
        name: &str,
        settings: &[(String, PropTag, String)],
        label: &str,
    ) {
        let nth = self.next_of(&format!("service {name}"));
        let services: Vec<usize> = self
            .pool
            .services()
            .into_iter()
            .filter(|&s| {
                self.pool[s]
                    .facts
                    .service
                    .as_deref()
                    .is_some_and(|n| n.eq_ignore_ascii_case(name))
            })
            .collect();
        let Some(&service) = services.get(nth) else {
            let why = format!(
                "the export has {} service section(s) of {name}, this is number {}",
                services.len(),
                nth.saturating_add(1)
            );
            return self.unplace(label, settings, &why);
        };
        let mut order = Vec::new();
        if let Some(account) = self.pool[service].facts.emsmdb.clone() {
            order.extend(self.pool.find(&account));
        }
        let exchange = sections::service_scope(name) == Some(Scope::Exchange);
        if exchange && nth == 0 {
            // the first Exchange service keeps its settings in the global
            // section too (all of them, before Outlook 2010)
            order.extend(self.pool.find(sections::EXCHANGE_GLOBAL));
        }
        order.extend(self.pool.providers(service));
        order.push(service);
        for (key, tag, text) in settings {
            let holders: Vec<String> = order
                .iter()
                .filter(|&&s| self.pool.value_of(&[s], *tag).is_some())
                .map(|&s| self.pool[s].path.clone())
                .collect();
            let targets = if holders.is_empty() {
                vec![self.pool[service].path.clone()]
            } else {
                holders
            };
            for path in &targets {
                self.set_string_forms(path, *tag, text, &format!("{label} {key}"), exchange);
            }
        }
    }

    /// The account-manager subkey of the account.
    fn place_in_account(
        &mut self,
        kind: &str,
        item: &Item,
        settings: &[(String, PropTag, String)],
        label: &str,
    ) {
        let clsid_kind = match kind.to_ascii_uppercase().as_str() {
            "POP3" => "POP3",
            "IMAP" => "IMAP",
            "HOTMAIL" | "HTTP" => "HTTP",
            _ => return self.unplace(label, settings, "an account type the export cannot hold"),
        };
        let nth = self.next_of(&format!("account {clsid_kind}"));
        let subkeys: Vec<usize> = (0..self.pool.sections.len())
            .filter(|&s| {
                let section = &self.pool[s];
                section.info.account_manager
                    && section.path.contains('\\')
                    && section
                        .info
                        .label
                        .as_deref()
                        .is_some_and(|l| l.starts_with(clsid_kind))
            })
            .collect();
        let wanted = item.settings.get("AccountName");
        let by_name = subkeys.iter().copied().find(|&s| {
            let name = text_value(&self.pool[s].values, "Account Name");
            wanted.is_some_and(|w| name.is_some_and(|n| n.eq_ignore_ascii_case(w)))
        });
        let Some(subkey) = by_name.or_else(|| subkeys.get(nth).copied()) else {
            let why = format!("the export has no {clsid_kind} account for it");
            return self.unplace(label, settings, &why);
        };
        let path = self.pool[subkey].path.clone();
        let present: Vec<String> = self.pool[subkey]
            .values
            .iter()
            .map(|v| v.name.as_str().to_owned())
            .collect();
        let present: Vec<&str> = present.iter().map(String::as_str).collect();
        for (key, tag, text) in settings {
            let Some(name) = account::registry_name(clsid_kind, tag.id, &present) else {
                self.unplaced
                    .push(format!("{label}: {key} (no known registry name)"));
                continue;
            };
            let existing = self.pool[subkey]
                .values
                .iter()
                .find(|v| name::same(v.name.as_str(), name))
                .map(|v| v.data.clone());
            match account_data(name, text, existing.as_ref()) {
                Some(data) => self.profile.set(&path, name, data),
                None => self.unplaced.push(format!(
                    "{label}: {key}={text} (not a value {name} can hold)"
                )),
            }
        }
    }

    /// [`Apply::set_property`] in the string type the version reads; the
    /// other type too where the export holds it, so that the two agree.
    fn set_string_forms(
        &mut self,
        path: &str,
        tag: PropTag,
        text: &str,
        what: &str,
        exchange: bool,
    ) {
        let wanted = self.outlook.written_as(tag, exchange);
        if wanted == tag {
            return self.set_property(path, tag, text, what);
        }
        let held = self.held(path, tag);
        if let Some(other) = held.as_ref().filter(|v| tag_of(v) != Some(wanted)) {
            self.write(path, Some(other), wanted, text, what);
        }
        let exact = held.filter(|v| tag_of(v) == Some(wanted));
        self.write(path, exact.as_ref(), wanted, text, what);
    }

    /// Set property `tag` in section `path`, keeping the name and registry
    /// type of a value of that property already there.
    fn set_property(&mut self, path: &str, tag: PropTag, text: &str, what: &str) {
        let existing = self.held(path, tag);
        self.write(path, existing.as_ref(), tag, text, what);
    }

    /// The export's value of property `tag` in section `path`: in that
    /// type, else in the other string type.
    fn held(&self, path: &str, tag: PropTag) -> Option<crate::reg::RegValue> {
        let s = self.pool.find(path)?;
        let (s, v) = self.pool.value_of(&[s], tag)?;
        self.pool.sections.get(s)?.values.get(v).cloned()
    }

    /// Write `text` as property `tag`: over `existing` in its name, type and
    /// registry form, else as a new value (PT_STRING8 as registry text, as
    /// real exports hold it).
    fn write(
        &mut self,
        path: &str,
        existing: Option<&crate::reg::RegValue>,
        tag: PropTag,
        text: &str,
        what: &str,
    ) {
        let (name, tag, as_text) = match existing {
            Some(value) => (
                value.name.as_str().to_owned(),
                tag_of(value).unwrap_or(tag),
                matches!(value.data, RegData::String(_)),
            ),
            None => (tag.value_name(), tag, tag.ptype == PropType::STRING8),
        };
        let data = if as_text {
            Ok(RegData::String(text.to_owned()))
        } else {
            encode_setting(tag, text, self.codepage).map(|bytes| RegData::Hex { kind: 3, bytes })
        };
        match data {
            Ok(data) => self.profile.set(path, &name, data),
            Err(why) => self.unplaced.push(format!("{what}={text} ({why})")),
        }
    }

    /// The Exchange account sections of the profile's Exchange services.
    fn exchange_accounts(&self) -> Vec<String> {
        self.pool
            .services()
            .into_iter()
            .filter_map(|s| {
                let facts = &self.pool.sections.get(s)?.facts;
                let exchange = facts
                    .service
                    .as_deref()
                    .is_some_and(|n| sections::service_scope(n) == Some(Scope::Exchange));
                exchange.then(|| facts.emsmdb.clone()).flatten()
            })
            .collect()
    }

    /// How many items of `target` came before this one.
    fn next_of(&mut self, target: &str) -> usize {
        match self.seen.iter_mut().find(|(t, _)| t == target) {
            Some((_, count)) => {
                *count = count.saturating_add(1);
                count.saturating_sub(1)
            }
            None => {
                self.seen.push((target.to_owned(), 1));
                0
            }
        }
    }

    fn unplace(&mut self, label: &str, settings: &[(String, PropTag, String)], why: &str) {
        let names: Vec<&str> = settings.iter().map(|(k, _, _)| k.as_str()).collect();
        self.unplaced
            .push(format!("{label}: {} ({why})", names.join(", ")));
    }
}

/// The registry data of account value `name` holding `text`: text in the
/// form the value already has (UTF-16 `hex:` for a new one, as Outlook
/// writes), numbers as `dword:`.
fn account_data(name: &str, text: &str, existing: Option<&RegData>) -> Option<RegData> {
    match account::form(name)? {
        account::Form::Text => Some(match existing {
            Some(RegData::String(_)) => RegData::String(text.to_owned()),
            _ => RegData::Hex {
                kind: 3,
                bytes: unicode_bytes(text),
            },
        }),
        account::Form::Number | account::Form::Enum(_) | account::Form::LeaveOnServer => {
            let n = parse_int(text)?;
            Some(RegData::Dword(u32::try_from(n).ok()?))
        }
        _ => None,
    }
}

/// The property a value holds (not a secure one).
fn tag_of(value: &crate::reg::RegValue) -> Option<PropTag> {
    TagName::parse(value.name.as_str())
        .filter(|n| !n.secure)
        .map(|n| n.tag)
}
