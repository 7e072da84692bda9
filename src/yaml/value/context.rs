//! Where a value lives and what a YAML key names there: a MAPI property by
//! its dictionary name or raw tag, an account manager setting, or a plain
//! registry value.
//!
//! Nothing here reads or shows a value; it only names one.

use encoding_rs::Encoding as CodePage;

use crate::mapi::TagName;
use crate::mapi::dictionary::{self, Entry, Meaning, Scope};
use crate::model::{SectionInfo, Source};
use crate::reg::{Format, ValueName};

use super::error::ValueError;

/// Where a value lives, which decides how it is named and typed.
#[derive(Debug, Clone, Copy)]
pub struct Context {
    /// Inside a profile (MAPI names apply).
    pub in_profile: bool,
    /// The owning service's scope.
    pub scope: Option<Scope>,
    /// In the account manager (plain names with known meanings).
    pub account_manager: bool,
    /// The `.reg` format (REG_EXPAND_SZ and REG_MULTI_SZ encodings differ).
    pub format: Format,
    /// ANSI code page for `PT_STRING8` bytes and REGEDIT4 strings.
    pub codepage: &'static CodePage,
    /// A provider's section (true), a message service's (false), or not
    /// known: which bits PR_RESOURCE_FLAGS names.
    pub provider: Option<bool>,
}

#[cfg(test)]
impl Context {
    /// A key of a Regedit 5 export in Windows-1252, for tests.
    pub(crate) fn for_test(
        in_profile: bool,
        scope: Option<Scope>,
        account_manager: bool,
    ) -> Context {
        Context {
            in_profile,
            scope,
            account_manager,
            format: Format::Regedit5,
            codepage: encoding_rs::WINDOWS_1252,
            provider: None,
        }
    }

    /// An Exchange section of a profile, for tests.
    pub(crate) fn exchange_for_test() -> Context {
        Context::for_test(true, Some(Scope::Exchange), false)
    }
}

impl Context {
    /// Whether MAPI names apply: inside a profile, not in the account
    /// manager (whose values have plain names).
    pub fn mapi_names(&self) -> bool {
        self.in_profile && !self.account_manager
    }

    /// The tag a value name stands for where MAPI names apply.
    pub fn tag_of(&self, name: &str) -> Option<TagName> {
        if self.mapi_names() {
            TagName::parse(name)
        } else {
            None
        }
    }

    /// The context of a key read from `source`: inside a profile or not, and
    /// what [`crate::model::describe`] says of it.
    pub fn new(source: &Source, in_profile: bool, info: &SectionInfo) -> Context {
        Context {
            in_profile,
            scope: info.scope,
            account_manager: info.account_manager,
            format: source.format,
            codepage: source.codepage,
            provider: info.provider,
        }
    }
}

/// The value name and, for MAPI properties, the tag a YAML key stands for.
pub fn resolve_name(key: &str, ctx: &Context) -> Result<(ValueName, Option<TagName>), ValueError> {
    if key == "@" {
        return Ok((ValueName::Default, None));
    }
    if let Some(tag) = ctx.tag_of(key) {
        return Ok((ValueName::Named(key.to_owned()), Some(tag)));
    }
    if ctx.mapi_names() {
        let found: Vec<&Entry> = dictionary::by_name(key, ctx.scope).collect();
        match found.as_slice() {
            [entry] => {
                let tag = TagName {
                    tag: entry.tag,
                    secure: false,
                };
                return Ok((ValueName::Named(tag.canonical()), Some(tag)));
            }
            [] => {}
            many => {
                return Err(ValueError::Ambiguous {
                    key: key.to_owned(),
                    names: many.iter().map(|e| e.tag.value_name()).collect(),
                });
            }
        }
    }
    Ok((ValueName::Named(key.to_owned()), None))
}

/// What the dictionary says a property's number means here (flags, an
/// enumeration, a UID…).
/// What reading a value takes from its name: as [`in_section`], except
/// that where the section's role is not known (a patch), flags named by
/// either role's table are read.
pub(super) fn meaning_of(tag: Option<TagName>, ctx: &Context) -> Meaning {
    match tag.and_then(|t| dictionary::lookup(t.tag, ctx.scope)) {
        Some(entry) if ctx.provider.is_none() => entry.meaning,
        Some(entry) => in_section(entry.meaning, ctx),
        None => Meaning::Plain,
    }
}

/// A meaning as it holds in the section of `ctx`: flags that depend on
/// the section's role take the table of that role, or none when the role
/// is not known.
pub(super) fn in_section(meaning: Meaning, ctx: &Context) -> Meaning {
    match (meaning, ctx.provider) {
        (Meaning::ByRole(service, _), Some(false)) => Meaning::Flags(service),
        (Meaning::ByRole(_, provider), Some(true)) => Meaning::Flags(provider),
        (Meaning::ByRole(..), None) => Meaning::Plain,
        (meaning, _) => meaning,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(name: &str) -> ValueName {
        ValueName::Named(name.to_owned())
    }

    #[test]
    fn names_in_a_profile_section() {
        let exchange = Context::for_test(true, Some(Scope::Exchange), false);
        let resolve = |key: &str| resolve_name(key, &exchange).unwrap();
        assert_eq!(resolve("@"), (ValueName::Default, None));
        let (name, tag) = resolve("TCPExchangePort");
        assert_eq!(name, named("0002662c"));
        assert_eq!(tag.map(|t| t.canonical()).as_deref(), Some("0002662c"));
        // dictionary names ignore ASCII case; raw names are kept as written
        assert_eq!(resolve("tcpexchangeport").0, named("0002662c"));
        assert_eq!(resolve("0002662C").0, named("0002662C"));
        assert!(resolve("0002662C").1.is_some());
        assert_eq!(resolve("Foo"), (named("Foo"), None));
        // a provider's name means nothing in another provider's section
        let pst = Context::for_test(true, Some(Scope::Pst), false);
        assert_eq!(
            resolve_name("TCPExchangePort", &pst),
            Ok((named("TCPExchangePort"), None))
        );
    }

    #[test]
    fn mapi_names_apply_only_in_profile_sections() {
        for where_ in [
            Context::for_test(false, None, false),
            Context::for_test(true, None, true),
        ] {
            assert_eq!(
                resolve_name("0002662c", &where_),
                Ok((named("0002662c"), None))
            );
            assert_eq!(
                resolve_name("PR_DISPLAY_NAME", &where_),
                Ok((named("PR_DISPLAY_NAME"), None))
            );
            assert_eq!(where_.tag_of("0002662c"), None);
        }
    }

    #[test]
    fn meanings_come_from_the_dictionary_of_the_scope() {
        let exchange = Context::for_test(true, Some(Scope::Exchange), false);
        let flags = exchange.tag_of("00036623");
        assert!(matches!(meaning_of(flags, &exchange), Meaning::Flags(_)));
        let ldap = Context::for_test(true, Some(Scope::Ldap), false);
        assert!(!matches!(meaning_of(flags, &ldap), Meaning::Flags(_)));
        assert_eq!(meaning_of(None, &exchange), Meaning::Plain);
    }
}
