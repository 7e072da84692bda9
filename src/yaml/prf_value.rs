//! PRF setting values in YAML: typed by their mapping where the typed form
//! says the same thing as the text (ports and counts as numbers, `0x` hex as
//! written, booleans), the text as a string otherwise.

use thiserror::Error;

use crate::mapi::{PropTag, PropType};

use super::tree::Y;

/// How a setting's value is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// PT_I2: 0–65535 (ports).
    Short,
    /// PT_LONG / PT_DWORD: decimal or `0x` hex.
    Long,
    /// PT_BOOLEAN: `TRUE` / `FALSE`.
    Boolean,
    /// `Yes` / `No` (`DefaultProfile`).
    YesNo,
    /// Anything else: text as written.
    Text,
}

impl Kind {
    /// The kind of a value mapped to `tag`.
    pub fn of(tag: Option<PropTag>) -> Kind {
        match tag.map(|t| t.ptype) {
            Some(PropType::I2) => Kind::Short,
            Some(PropType::LONG) => Kind::Long,
            Some(PropType::BOOLEAN) => Kind::Boolean,
            _ => Kind::Text,
        }
    }

    /// The kind of a `[General]` option.
    pub fn general(key: &str) -> Kind {
        let is = |name: &str| key.eq_ignore_ascii_case(name);
        if is("Custom") {
            Kind::Long
        } else if is("DefaultProfile") {
            Kind::YesNo
        } else if is("ModifyDefaultProfileIfPresent") {
            Kind::Boolean
        } else {
            Kind::Text
        }
    }
}

/// The YAML form of `text`.
pub fn show(kind: Kind, text: &str) -> Y {
    match kind {
        Kind::Short => decimal(text)
            .filter(|n| *n <= u64::from(u16::MAX))
            .map_or_else(|| Y::Str(text.to_owned()), |n| Y::Int(i128::from(n))),
        Kind::Long => {
            if let Some(n) = decimal(text).filter(|n| *n <= u64::from(u32::MAX)) {
                Y::Int(i128::from(n))
            } else if hex(text).is_some() {
                Y::Lit(text.to_owned())
            } else {
                Y::Str(text.to_owned())
            }
        }
        // a boolean as written (`TRUE`, `false`, `True`): YAML reads each of
        // these spellings as a boolean, and `parse` writes it back as it was
        Kind::Boolean if YAML_BOOLEANS.contains(&text) => Y::Lit(text.to_owned()),
        Kind::Boolean => Y::Str(text.to_owned()),
        Kind::YesNo => match text {
            "Yes" => Y::Bool(true),
            "No" => Y::Bool(false),
            _ => Y::Str(text.to_owned()),
        },
        Kind::Text => Y::Str(text.to_owned()),
    }
}

/// The spellings YAML reads as a boolean (the core schema), each kept as
/// written in a `.prf`.
const YAML_BOOLEANS: [&str; 6] = ["true", "True", "TRUE", "false", "False", "FALSE"];

/// Why a YAML value is not the text of a `.prf` setting.
#[derive(Debug, Clone, Error, PartialEq, Eq)]
pub enum PrfValueError {
    /// A boolean for a number, e.g. `TCPExchangePort: true`.
    #[error("expected a number, not true/false")]
    BoolForNumber,
    /// A `PT_I2` setting outside 0–65535, e.g. `TCPExchangePort: 70000`.
    #[error("{0} is not a PT_I2 value (0 to 65535)")]
    NotI2(i128),
    /// A `PT_LONG` setting outside both 32-bit ranges, e.g.
    /// `RPCoverHTTPflags: 8589934592`.
    #[error("{0} does not fit a PT_LONG (32 bits)")]
    NotLong(i128),
    /// A number for a boolean, e.g. `DefaultProfile: 1`.
    #[error("expected true or false")]
    NumberForBool,
    /// `null` where a value is needed, e.g. `HomeServer: ~` in `settings`.
    #[error("expected a value; write \"\" for an empty one")]
    Null,
    /// A float, e.g. `TCPExchangePort: 1.5`.
    #[error("expected a number, a boolean or a string")]
    NotScalar,
    /// A list or a mapping, e.g. `HomeServer: [a, b]`.
    #[error("expected a single value, not a list or a mapping")]
    Nested,
}

/// The text of a YAML value. `raw` is the scalar as written in the document
/// (so that `0x0027` stays `0x0027`, not `39`).
pub fn parse(kind: Kind, value: &Y, raw: Option<&str>) -> Result<String, PrfValueError> {
    match value {
        Y::Str(s) => Ok(s.clone()),
        Y::Bool(b) => match kind {
            Kind::YesNo => Ok(if *b { "Yes" } else { "No" }.to_owned()),
            // the spelling written in the document (`false`, `FALSE`)
            Kind::Boolean | Kind::Text => Ok(raw
                .filter(|r| YAML_BOOLEANS.contains(r))
                .map_or(if *b { "TRUE" } else { "FALSE" }, |r| r)
                .to_owned()),
            Kind::Short | Kind::Long => Err(PrfValueError::BoolForNumber),
        },
        Y::Int(n) => {
            let written = raw.filter(|r| hex(r).is_some_and(|h| i128::from(h) == *n));
            match kind {
                Kind::Short if !(0..=i128::from(u16::MAX)).contains(n) => {
                    Err(PrfValueError::NotI2(*n))
                }
                Kind::Long if !(i128::from(i32::MIN)..=i128::from(u32::MAX)).contains(n) => {
                    Err(PrfValueError::NotLong(*n))
                }
                Kind::Boolean | Kind::YesNo => Err(PrfValueError::NumberForBool),
                _ => Ok(written.map_or_else(|| n.to_string(), str::to_owned)),
            }
        }
        Y::Null => Err(PrfValueError::Null),
        Y::Float(_) | Y::Hex(_) | Y::Lit(_) => Err(PrfValueError::NotScalar),
        Y::Seq(_) | Y::Map(_) => Err(PrfValueError::Nested),
    }
}

/// A canonical decimal number (no sign, no leading zeros).
fn decimal(text: &str) -> Option<u64> {
    let n: u64 = text.parse().ok()?;
    (n.to_string() == text).then_some(n)
}

/// `0x` followed by 1–8 hex digits.
fn hex(text: &str) -> Option<u32> {
    let digits = text
        .strip_prefix("0x")
        .or_else(|| text.strip_prefix("0X"))?;
    if digits.is_empty() || digits.len() > 8 {
        return None;
    }
    u32::from_str_radix(digits, 16).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_forms_read_back_to_the_same_text() {
        for (kind, text) in [
            (Kind::Short, "6001"),
            (Kind::Short, "44300"),
            (Kind::Long, "0x0027"),
            (Kind::Long, "0x80000000"),
            (Kind::Long, "110"),
            (Kind::Boolean, "TRUE"),
            (Kind::Boolean, "false"),
            (Kind::Boolean, "True"),
            (Kind::Boolean, "tRuE"),
            (Kind::YesNo, "Yes"),
            (Kind::YesNo, "yes"),
            (Kind::Text, "%UserName%"),
            (Kind::Long, "{$connectiontype}"),
            (Kind::Short, "007"),
        ] {
            let y = show(kind, text);
            let raw = match &y {
                Y::Lit(t) => Some(t.as_str()),
                _ => None,
            };
            assert_eq!(
                parse(kind, &y.as_read(), raw).as_deref(),
                Ok(text),
                "{text}"
            );
        }
    }

    #[test]
    fn numbers_that_do_not_say_the_same_stay_text() {
        assert_eq!(show(Kind::Short, "70000"), Y::Str("70000".into()));
        assert_eq!(show(Kind::Short, "007"), Y::Str("007".into()));
        assert_eq!(show(Kind::Boolean, "1"), Y::Str("1".into()));
        assert_eq!(show(Kind::Long, "0x0027"), Y::Lit("0x0027".into()));
    }

    #[test]
    fn out_of_range_values_are_refused() {
        let message = |kind: Kind, y: &Y| parse(kind, y, None).map_err(|e| e.to_string());
        assert_eq!(
            message(Kind::Short, &Y::Int(70000)),
            Err("70000 is not a PT_I2 value (0 to 65535)".into())
        );
        assert_eq!(
            message(Kind::Short, &Y::Int(-1)),
            Err("-1 is not a PT_I2 value (0 to 65535)".into())
        );
        assert_eq!(
            message(Kind::Long, &Y::Int(1 << 33)),
            Err("8589934592 does not fit a PT_LONG (32 bits)".into())
        );
        assert_eq!(
            message(Kind::Long, &Y::Int(-(1 << 31) - 1)),
            Err("-2147483649 does not fit a PT_LONG (32 bits)".into())
        );
        assert_eq!(
            message(Kind::Long, &Y::Int(-1)),
            Ok("-1".into()),
            "a signed PT_LONG is kept"
        );
        assert_eq!(
            message(Kind::Boolean, &Y::Int(1)),
            Err("expected true or false".into())
        );
        assert_eq!(
            message(Kind::Short, &Y::Bool(true)),
            Err("expected a number, not true/false".into())
        );
        assert_eq!(
            parse(Kind::Boolean, &Y::Bool(false), None).as_deref(),
            Ok("FALSE")
        );
        assert_eq!(
            parse(Kind::YesNo, &Y::Bool(false), None).as_deref(),
            Ok("No")
        );
    }

    #[test]
    fn values_that_are_no_setting_text() {
        let message = |y: &Y| parse(Kind::Text, y, None).map_err(|e| e.to_string());
        assert_eq!(
            message(&Y::Null),
            Err("expected a value; write \"\" for an empty one".into())
        );
        assert_eq!(
            message(&Y::Float(1.5)),
            Err("expected a number, a boolean or a string".into())
        );
        assert_eq!(
            message(&Y::Seq(vec![Y::Str("a".into())])),
            Err("expected a single value, not a list or a mapping".into())
        );
        assert_eq!(
            message(&Y::Map(Vec::new())),
            Err("expected a single value, not a list or a mapping".into())
        );
    }

    #[test]
    fn hex_is_kept_as_written_only_when_it_is_the_same_number() {
        assert_eq!(
            parse(Kind::Long, &Y::Int(0x27), Some("0x0027")).as_deref(),
            Ok("0x0027")
        );
        assert_eq!(
            parse(Kind::Long, &Y::Int(39), Some("0x0028")).as_deref(),
            Ok("39")
        );
        assert_eq!(
            parse(Kind::Long, &Y::Int(39), Some("39")).as_deref(),
            Ok("39")
        );
    }
}
