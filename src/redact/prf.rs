//! Redacting a `.prf`: the same rules as for an export, by the property
//! each setting maps to where the mapping blocks say, else by its key
//! (`…Server`, `…User…`, `…Name`, `…Password`). A value made only of the
//! placeholders Outlook or a deployment tool fills in (`%UserName%`,
//! `{$profilename}`) is kept: it says nothing about anyone. Comment lines
//! and lines Outlook skips are left out.

use crate::mapi::dictionary::Scope;
use crate::mapi::{TagName, sections};
use crate::prf::{GENERAL_KEYS, PrfModel, Settings, Target, placeholders};

use super::Redactor;
use super::placeholder::Kind;
use super::rules::{self, Rule};

/// `model` redacted by `r`, in the rounds of [`Rule::round`]: every value
/// that is not known to be safe first, then the safe ones (which may be an
/// original met among the others).
pub(super) fn redact(r: &mut Redactor, model: &PrfModel) -> PrfModel {
    let mut out = model.clone();
    // comments and other lines that are no setting are free text, which
    // no rule can vouch for: they are left out
    out.head.clear();
    out.notes.clear();
    for round in 0..=Rule::KEEP_ROUND {
        let mut apply = |rule: Rule, value: &mut String| {
            if only_placeholders(value) || rule.round() != round {
                return;
            }
            *value = match rule {
                Rule::Keep => r.keep_text(value),
                Rule::Secret => "REDACTED".to_owned(),
                Rule::Redact(kind) => r.redact_text(value, kind),
            };
        };
        each_setting(&mut out, model, |rule, value| apply(rule, value));
    }
    out
}

/// Call `f` on every setting value of `out` with its rule (worked out on
/// `model`, the original).
fn each_setting(out: &mut PrfModel, model: &PrfModel, mut f: impl FnMut(Rule, &mut String)) {
    let general = |key: &str| {
        if key.eq_ignore_ascii_case("ProfileName") {
            Rule::Redact(Some(Kind::Profile))
        } else if GENERAL_KEYS.iter().any(|k| k.eq_ignore_ascii_case(key)) {
            Rule::Keep
        } else {
            by_key(key)
        }
    };
    settings(&mut out.general, &mut f, general);
    for item in out.services.iter_mut().chain(out.accounts.iter_mut()) {
        let block = item.block.clone();
        settings(&mut item.settings, &mut f, |key| {
            setting_rule(model, block.as_deref(), key)
        });
    }
    for plain in &mut out.sections {
        for (key, value) in &mut plain.entries {
            f(by_key(key), value);
        }
    }
}

fn settings(s: &mut Settings, f: &mut impl FnMut(Rule, &mut String), rule: impl Fn(&str) -> Rule) {
    for list in [&mut s.active, &mut s.commented] {
        list.map_values(|key, value| f(rule(key), value));
    }
}

/// The rule for setting `key` of a service or account using mapping block
/// `block`: by the property it maps to, else by its key.
fn setting_rule(model: &PrfModel, block: Option<&str>, key: &str) -> Rule {
    if key.eq_ignore_ascii_case("AccountName") {
        return Rule::Redact(Some(Kind::Account));
    }
    if [
        "UniqueService",
        "OverwriteExistingService",
        "DefaultAccount",
    ]
    .iter()
    .any(|k| k.eq_ignore_ascii_case(key))
    {
        return Rule::Keep;
    }
    let by_key = by_key(key);
    let Some(block) = block else {
        return by_key;
    };
    let Some(tag) = model.tag(block, key) else {
        return by_key;
    };
    let scope = model
        .block_or_builtin(block)
        .and_then(|b| scope_of(&b.target()));
    match rules::mapi(TagName { tag, secure: false }, scope) {
        Rule::Redact(None) => by_key,
        known => known,
    }
}

/// Whose provider-range properties a mapping block's target holds.
fn scope_of(target: &Target) -> Option<Scope> {
    match target {
        Target::Service(service) => sections::service_scope(service),
        Target::Section(uid) => sections::well_known(uid).and_then(|w| w.scope),
        Target::Account(_) | Target::Unknown => None,
    }
}

/// The rule a key's name says: passwords, servers, users, addresses and
/// names; anything else by what its value looks like.
fn by_key(key: &str) -> Rule {
    let lower = key.to_ascii_lowercase();
    let has = |part: &str| lower.contains(part);
    if has("password") {
        Rule::Secret
    } else if has("server") || has("principal") {
        Rule::Redact(Some(Kind::Host))
    } else if has("email") || has("address") {
        Rule::Redact(Some(Kind::Email))
    } else if has("user") || has("mailbox") {
        Rule::Redact(Some(Kind::User))
    } else if has("name") {
        Rule::Redact(Some(Kind::Name))
    } else {
        Rule::Redact(None)
    }
}

/// Whether `value` is nothing but placeholders (and the punctuation
/// between them).
fn only_placeholders(value: &str) -> bool {
    let found = placeholders(value);
    if found.is_empty() {
        return value.is_empty();
    }
    let mut rest = value.to_owned();
    for p in found {
        rest = rest.replacen(p, "", 1);
    }
    !rest.chars().any(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model(text: &str) -> PrfModel {
        crate::input::read_prf(text.as_bytes(), None)
            .unwrap()
            .model()
            .0
    }

    #[test]
    fn settings_by_mapping_and_by_key() {
        let prf = "[General]\r\nCustom=1\r\nProfileName=Tanaka Home\r\nDefaultProfile=Yes\r\n\
                   [Service List]\r\nService1=Microsoft Exchange Server\r\nService2=Unicode Personal Folders\r\n\
                   [Internet Account List]\r\nAccount1=I_Mail\r\n\
                   [Service1]\r\nMailboxName=%UserName%\r\nHomeServer=exch01.corp.example\r\n\
                   AccountName=Tanaka Work\r\n\
                   [Service2]\r\nName=Tanaka Archive\r\n\
                   PathAndFilenameToPersonalFolders=\\\\files01\\home$\\%UserName%\\archive.pst\r\n\
                   [Account1]\r\nAccountName=Tanaka Work\r\nPOP3Server=exch01.corp.example\r\n\
                   EmailAddress=tanaka@corp.example\r\nPOP3Port=995\r\nPOP3Password=secret\r\n";
        let m = model(prf);
        let out = Redactor::new().prf(&m);
        assert_eq!(out.general.get("ProfileName"), Some("profile1"));
        assert_eq!(out.general.get("DefaultProfile"), Some("Yes"));
        let exchange = &out.services[0].settings;
        assert_eq!(exchange.get("MailboxName"), Some("%UserName%"));
        assert_eq!(exchange.get("HomeServer"), Some("host1.example.invalid"));
        assert_eq!(exchange.get("AccountName"), Some("account1"));
        let pst = &out.services[1].settings;
        assert_eq!(pst.get("Name"), Some("name1"));
        assert_eq!(
            pst.get("PathAndFilenameToPersonalFolders"),
            Some("C:\\redacted\\path1.pst")
        );
        let account = &out.accounts[0].settings;
        assert_eq!(account.get("AccountName"), Some("account1"));
        assert_eq!(account.get("POP3Server"), Some("host1.example.invalid"));
        assert_eq!(account.get("EmailAddress"), Some("user1@example.invalid"));
        assert_eq!(account.get("POP3Port"), Some("995"));
        assert_eq!(account.get("POP3Password"), Some("REDACTED"));
    }

    #[test]
    fn placeholders_alone_stay() {
        assert!(only_placeholders("%UserName%"));
        assert!(only_placeholders("{$profilename}"));
        assert!(only_placeholders("%cname% %sn%"));
        assert!(!only_placeholders("%UserName%@corp.example"));
        assert!(!only_placeholders(r"z:\%UserName%.pst"));
        assert!(only_placeholders(""));
    }
}
