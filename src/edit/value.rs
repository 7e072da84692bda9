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
            matches!(account::form(name), Some(account::Form::Text) | None)
        }
        None => matches!(existing, Some(RegData::String(_)) | None),
    };
    let y = if textual {
        Y::Str(text.to_owned())
    } else {
        yaml::parse_fragment(text)?
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
}
