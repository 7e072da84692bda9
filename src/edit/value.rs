//! A value given on the command line, read by the type of the property it
//! sets: text as it is for string properties (so `host:44300` or `yes` stay
//! text), a YAML value otherwise (`6001`, `0x23`, `[use-http, ssl-only]`,
//! `{hex: 71 17}`, `true`).

use crate::mapi::{PropType, TagName, account};
use crate::reg::{RegData, RegValue};
use crate::yaml::{self, Context, Y};

use super::BadValue;

/// The registry value `name` (as it is or will be written) holding `text`,
/// in the form `existing` has when there is one.
pub(super) fn reg_value(
    name: &str,
    text: &str,
    ctx: &Context,
    existing: Option<&RegData>,
) -> Result<RegValue, BadValue> {
    let tag = ctx.tag_of(name);
    let textual = match tag {
        Some(tag) => matches!(tag.tag.ptype, PropType::STRING8 | PropType::UNICODE),
        None if ctx.account_manager => {
            matches!(
                account::form(name),
                Some(account::Form::Text | account::Form::LeaveOnServer) | None
            )
        }
        None => matches!(existing, Some(RegData::String(_)) | None),
    };
    let y = if textual {
        Y::Str(text.to_owned())
    } else {
        match yaml::parse_fragment(text)? {
            // `use-http,ssl-only`: a list as people type it on a command
            // line, each item read as YAML
            Y::Str(list) if list.contains(',') => Y::Seq(
                list.split(',')
                    .map(|item| yaml::parse_fragment(item.trim()))
                    .collect::<Result<_, _>>()?,
            ),
            y => y,
        }
    };
    if y == Y::Null {
        return Err(BadValue::Missing);
    }
    let mut value = yaml::parse_value(name, &y, ctx)?;
    keep_form(&mut value.data, existing, tag, ctx);
    Ok(value)
}

/// Text written as `REG_SZ` where the old value was `hex:` (or the other
/// way round) goes back to the old form, so an edit changes only the value.
fn keep_form(data: &mut RegData, existing: Option<&RegData>, tag: Option<TagName>, ctx: &Context) {
    let (RegData::String(text), Some(RegData::Hex { kind: 3, .. })) = (&*data, existing) else {
        return;
    };
    let bytes = match tag.map(|t| t.tag.ptype) {
        Some(PropType::STRING8) => crate::mapi::string8_bytes(text, ctx.codepage).ok(),
        Some(PropType::UNICODE) => Some(crate::mapi::unicode_bytes(text)),
        None if ctx.account_manager => Some(crate::mapi::unicode_bytes(text)),
        _ => None,
    };
    if let Some(bytes) = bytes {
        *data = RegData::Hex { kind: 3, bytes };
    }
}

/// Check `value` for the property `name` before any file is read: where
/// mapiprof knows the name (in some kind of section, or as an account
/// value), a value that fits it in none of them is refused once, with the
/// reason, instead of once per file. A name it does not know (a raw value
/// name, a `.prf` key only a file's mapping gives) is left to each file.
pub fn check_value(name: &str, value: &str) -> Result<(), BadValue> {
    use crate::mapi::dictionary::{SCOPES, Scope};
    let contexts = std::iter::once(Scope::Any)
        .chain(SCOPES)
        .map(|scope| (Some(scope), false))
        .chain([(None, true)])
        // a service's section and a provider's, whose flags differ
        .flat_map(|(scope, account_manager)| {
            [Some(false), Some(true)].map(|provider| (scope, account_manager, provider))
        })
        .map(|(scope, account_manager, provider)| Context {
            in_profile: true,
            scope,
            account_manager,
            format: crate::reg::Format::Regedit5,
            codepage: encoding_rs::WINDOWS_1252,
            provider,
        })
        .filter_map(|ctx| {
            let (value_name, tag) = yaml::resolve_name(name, &ctx).ok()?;
            let known = tag.is_some() || (ctx.account_manager && account::form(name).is_some());
            known.then(|| (value_name.as_str().to_owned(), ctx))
        });
    let mut first = None;
    for (value_name, ctx) in contexts {
        match reg_value(&value_name, value, &ctx, None) {
            Ok(_) => return Ok(()),
            Err(why) => {
                first.get_or_insert(why);
            }
        }
    }
    first.map_or(Ok(()), Err)
}

/// What `check` would call an error in `value` for the property `name`
/// (see [`crate::check::VALUE_ERRORS`]): a proxy written with a scheme, an
/// unknown authentication scheme, a port of 0. The value is checked as it
/// would sit in the Exchange Global Section or in an internet account,
/// wherever the name means something; empty when it means nothing there or
/// does not fit its type (which [`check_value`] reports).
pub fn lint_value(name: &str, value: &str) -> Vec<crate::check::Finding> {
    use crate::mapi::sections::{ACCOUNT_MANAGER, EXCHANGE_GLOBAL};
    use crate::model::{Model, Profile, SectionInfo, Source};
    let source = Source::default();
    let mut found = Vec::new();
    for (path, account_manager) in [
        (EXCHANGE_GLOBAL.to_owned(), false),
        (format!("{ACCOUNT_MANAGER}\\00000001"), true),
    ] {
        let info = SectionInfo {
            scope: (!account_manager).then_some(crate::mapi::dictionary::Scope::Exchange),
            account_manager,
            ..SectionInfo::default()
        };
        let ctx = Context::new(&source, true, &info);
        let Ok((value_name, tag)) = yaml::resolve_name(name, &ctx) else {
            continue;
        };
        if tag.is_none() && !(account_manager && account::form(name).is_some()) {
            continue;
        }
        let Ok(written) = reg_value(value_name.as_str(), value, &ctx, None) else {
            continue;
        };
        let model = Model {
            source,
            root: Some(crate::model::Outlook::V2016.root().to_owned()),
            keys: Vec::new(),
            profiles: vec![Profile {
                name: "Outlook".to_owned(),
                keys: vec![crate::reg::Block::key(path, vec![written])],
            }],
        };
        // the place is the model's own; the name is what the user gave
        found.extend(
            crate::check::value_errors(crate::check::check_reg(&model))
                .into_iter()
                .map(|f| crate::check::Finding {
                    place: name.to_owned(),
                    ..f
                }),
        );
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_is_read_by_the_type_of_its_property() {
        let port = reg_value("0002662c", "6001", &Context::exchange_for_test(), None).unwrap();
        assert_eq!(
            port.data,
            RegData::Hex {
                kind: 3,
                bytes: vec![0x71, 0x17]
            }
        );
        // text stays text, even when it looks like YAML
        let proxy = reg_value("001f6622", "[x", &Context::exchange_for_test(), None).unwrap();
        assert_eq!(
            proxy.data,
            RegData::Hex {
                kind: 3,
                bytes: crate::mapi::unicode_bytes("[x")
            }
        );
    }

    #[test]
    fn each_way_a_value_can_be_wrong_says_so() {
        let err =
            |text| reg_value("0002662c", text, &Context::exchange_for_test(), None).unwrap_err();
        assert!(matches!(err("[6001"), BadValue::Syntax(_)));
        assert_eq!(err(""), BadValue::Missing);
        assert_eq!(
            err("~").to_string(),
            "no value given (use --unset to remove a value)"
        );
        let too_big = err("70000");
        assert!(matches!(too_big, BadValue::Property(_)), "{too_big:?}");
        assert!(too_big.to_string().contains("70000"), "{too_big}");
    }

    #[test]
    fn a_value_is_checked_against_every_meaning_of_its_name() {
        assert!(check_value("TCPExchangePort", "6001").is_ok());
        let err = check_value("TCPExchangePort", "70000").unwrap_err();
        assert!(err.to_string().contains("does not fit in 16 bits"), "{err}");
        assert!(check_value("SMTP Port", "587").is_ok());
        assert!(check_value("SMTP Port", "port").is_err());
        assert!(check_value("RPCProxyServer", "mail.example.com:44300").is_ok());
        // a list as typed on a command line, or as YAML
        assert!(check_value("RPCoverHTTPflags", "use-http,ssl-only").is_ok());
        assert!(check_value("RPCoverHTTPflags", "[use-http, ssl-only]").is_ok());
        assert!(check_value("RPCoverHTTPflags", "use-http,ssl-onyl").is_err());
        // a raw name carries its type
        assert!(check_value("0002662c", "70000").is_err());
        // a name mapiprof does not know is each file's to judge
        assert!(check_value("SomeConnectorKey", "70000").is_ok());
    }

    #[test]
    fn values_check_calls_errors_are_found() {
        let rules = |name: &str, value: &str| -> Vec<&str> {
            lint_value(name, value).iter().map(|f| f.rule).collect()
        };
        assert_eq!(
            rules("RPCProxyServer", "https://mail.example.com"),
            ["proxy-scheme"]
        );
        assert!(rules("RPCProxyServer", "mail.example.com:443").is_empty());
        assert_eq!(rules("RPCProxyAuthScheme", "3"), ["auth-scheme"]);
        assert_eq!(rules("TCPExchangePort", "0"), ["port-zero"]);
        assert_eq!(rules("SMTP Port", "0"), ["port-zero"]);
        assert!(rules("SMTP Port", "587").is_empty());
        assert!(rules("HomeServer", "https://x").is_empty());
    }
}
