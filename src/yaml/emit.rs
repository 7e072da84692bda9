//! Writing [`Y`] trees as block YAML with comments.
//!
//! Strings are written plain when no YAML 1.1 or 1.2 reader could take them
//! for anything else (a number, a boolean, a date, `null`, a sexagesimal
//! `12:30`); otherwise they are double-quoted.

use std::fmt::Write as _;

use super::tree::{Y, hex_into, hex_text};

/// Bytes per line of a long hex value.
const HEX_PER_LINE: usize = 16;
/// Longest flow sequence or mapping written on one line.
const FLOW_WIDTH: usize = 72;

/// Writes YAML into a string.
#[derive(Debug, Default)]
pub struct Emitter {
    out: String,
}

impl Emitter {
    /// A new, empty output.
    pub fn new() -> Self {
        Emitter::default()
    }

    /// The text written so far.
    pub fn finish(self) -> String {
        self.out
    }

    /// How long the text written so far is.
    pub fn len(&self) -> usize {
        self.out.len()
    }

    /// The text written so far, leaving the output empty: a large
    /// document is passed on a piece at a time.
    pub fn take(&mut self) -> String {
        std::mem::take(&mut self.out)
    }

    /// A whole-line comment at `indent`.
    pub fn comment(&mut self, indent: usize, text: &str) {
        self.pad(indent);
        self.out.push_str("# ");
        self.out.push_str(text);
        self.out.push('\n');
    }

    /// `key:` opening a nested block mapping, with an optional comment.
    pub fn open(&mut self, indent: usize, key: &str, comment: Option<&str>) {
        self.pad(indent);
        scalar_into(&mut self.out, key, false);
        self.out.push(':');
        self.trailing(comment);
        self.out.push('\n');
    }

    /// `key: value` with an optional trailing comment; nested values go below.
    pub fn entry(&mut self, indent: usize, key: &str, value: &Y, comment: Option<&str>) {
        self.pad(indent);
        scalar_into(&mut self.out, key, false);
        self.out.push(':');
        self.value(indent, value, comment);
    }

    fn value(&mut self, indent: usize, value: &Y, comment: Option<&str>) {
        // on one line when it has a short one-line form
        let start = self.out.len();
        self.out.push(' ');
        if flow_into(&mut self.out, value, false) {
            let width = self.out.len().saturating_sub(start).saturating_sub(1);
            if width <= FLOW_WIDTH || !matches!(value, Y::Seq(_) | Y::Map(_) | Y::Hex(_)) {
                self.trailing(comment);
                self.out.push('\n');
                return;
            }
        }
        self.out.truncate(start);
        self.trailing(comment);
        self.out.push('\n');
        match value {
            Y::Hex(bytes) => {
                for chunk in bytes.chunks(HEX_PER_LINE) {
                    self.pad(indent.saturating_add(2));
                    hex_into(&mut self.out, chunk);
                    self.out.push('\n');
                }
            }
            Y::Seq(items) => {
                for item in items {
                    self.pad(indent.saturating_add(2));
                    self.out.push('-');
                    self.value(indent.saturating_add(2), item, None);
                }
            }
            Y::Map(entries) => {
                for (key, item) in entries {
                    self.entry(indent.saturating_add(2), key, item, None);
                }
            }
            other => {
                self.pad(indent.saturating_add(2));
                flow_into(&mut self.out, other, false);
                self.out.push('\n');
            }
        }
    }

    fn trailing(&mut self, comment: Option<&str>) {
        if let Some(comment) = comment {
            self.out.push_str("  # ");
            self.out.push_str(comment);
        }
    }

    fn pad(&mut self, indent: usize) {
        self.out.extend(std::iter::repeat_n(' ', indent));
    }
}

/// Append `value` in flow style (`in_flow` when inside `[…]` or `{…}`);
/// `false`, with part of it written, when it has no flow form (a long hex
/// value).
fn flow_into(out: &mut String, value: &Y, in_flow: bool) -> bool {
    match value {
        Y::Null => out.push_str("null"),
        Y::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Y::Int(n) => out.push_str(&n.to_string()),
        Y::Float(f) => out.push_str(&float(*f)),
        Y::Str(s) => scalar_into(out, s, in_flow),
        Y::Hex(bytes) if bytes.len() > 2 * HEX_PER_LINE => return false,
        // no byte or one may read as something else; two or more have a space
        Y::Hex(bytes) if bytes.len() < 2 => scalar_into(out, &hex_text(bytes), in_flow),
        Y::Hex(bytes) => hex_into(out, bytes),
        Y::Lit(text) => out.push_str(text),
        Y::Seq(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                if !flow_into(out, item, true) {
                    return false;
                }
            }
            out.push(']');
        }
        Y::Map(entries) => {
            out.push('{');
            for (i, (key, item)) in entries.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                scalar_into(out, key, true);
                out.push_str(": ");
                if !flow_into(out, item, true) {
                    return false;
                }
            }
            out.push('}');
        }
    }
    true
}

fn float(f: f64) -> String {
    if f.is_nan() {
        ".nan".into()
    } else if f.is_infinite() {
        if f > 0.0 {
            ".inf".into()
        } else {
            "-.inf".into()
        }
    } else {
        let text = format!("{f:?}");
        if text.contains(['.', 'e', 'E']) {
            text
        } else {
            format!("{text}.0")
        }
    }
}

/// `s` as a plain scalar when that is unambiguous, else double-quoted.
pub fn scalar(s: &str, in_flow: bool) -> String {
    let mut out = String::new();
    scalar_into(&mut out, s, in_flow);
    out
}

/// Append `s` as a plain scalar when that is unambiguous, else double-quoted.
fn scalar_into(out: &mut String, s: &str, in_flow: bool) {
    if is_plain_safe(s, in_flow) {
        out.push_str(s);
    } else {
        quote_into(out, s);
    }
}

fn is_plain_safe(s: &str, in_flow: bool) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    if "-?:,[]{}#&*!|>'\"%@`".contains(first) || first.is_whitespace() {
        return false;
    }
    if s.ends_with(char::is_whitespace) || s.ends_with(':') {
        return false;
    }
    // one pass for what may not appear anywhere: `: `, ` #`, flow
    // indicators inside flow collections, control characters (a tab is
    // one); then, for other than ASCII text, C1 controls and line separators
    let mut previous = 0u8;
    for &b in s.as_bytes() {
        let breaks = match b {
            b' ' => previous == b':',
            b'#' => previous == b' ',
            b',' | b'[' | b']' | b'{' | b'}' => in_flow,
            _ => b.is_ascii_control(),
        };
        if breaks {
            return false;
        }
        previous = b;
    }
    if !s.is_ascii()
        && s.chars()
            .any(|c| c.is_control() || crate::text::is_invisible(c))
    {
        return false;
    }
    !looks_like_non_string(s)
}

/// Whether a YAML 1.1 or 1.2 reader would resolve plain `s` to something
/// other than a string.
fn looks_like_non_string(s: &str) -> bool {
    const WORDS: &[&str] = &[
        "~", "null", "true", "false", "yes", "no", "on", "off", "y", "n", ".inf", "-.inf", "+.inf",
        ".nan",
    ];
    if WORDS.iter().any(|w| w.eq_ignore_ascii_case(s)) || s == "<<" || s == "=" {
        return true;
    }
    let body = s.strip_prefix(['+', '-']).unwrap_or(s);
    let Some(first) = body.chars().next() else {
        return false;
    };
    if !(first.is_ascii_digit() || first == '.') {
        return false;
    }
    let digits_ = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit() || b == b'_');
    // dates and timestamps: four digits and a dash (a timestamp may go on
    // after a space)
    if body.len() >= 8 && body.get(4..5) == Some("-") && body.get(..4).is_some_and(digits_) {
        return true;
    }
    // every other number is made of these; anything else (a space, as in
    // hex text) is a string
    if !body
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b':' | b'+' | b'-'))
    {
        return false;
    }
    let lower = body.to_ascii_lowercase();
    if digits_(&lower) {
        return true;
    }
    for (prefix, valid) in [("0x", 16), ("0o", 8), ("0b", 2)] {
        if let Some(rest) = lower.strip_prefix(prefix) {
            return rest.chars().all(|c| c == '_' || c.is_digit(valid));
        }
    }
    // Sexagesimal (1.1) and dates/timestamps: digits with ':' or '-' groups.
    if lower.contains(':')
        && lower
            .split(':')
            .all(|p| digits_(p.split('.').next().unwrap_or("")))
    {
        return true;
    }
    is_float(&lower)
}

/// `[0-9_]*(\.[0-9_]*)?([e][-+]?[0-9]+)?` with at least one digit.
fn is_float(s: &str) -> bool {
    let (mantissa, exponent) = match s.split_once('e') {
        Some((m, e)) => (m, Some(e)),
        None => (s, None),
    };
    let (int_part, frac) = match mantissa.split_once('.') {
        Some((i, f)) => (i, f),
        None => (mantissa, ""),
    };
    let ok = |t: &str| t.bytes().all(|b| b.is_ascii_digit() || b == b'_');
    let has_digit = int_part
        .bytes()
        .chain(frac.bytes())
        .any(|b| b.is_ascii_digit());
    let exp_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['+', '-']).unwrap_or(e);
        !e.is_empty() && e.bytes().all(|b| b.is_ascii_digit())
    });
    ok(int_part) && ok(frac) && has_digit && exp_ok
}

fn quote_into(out: &mut String, s: &str) {
    out.reserve(s.len().saturating_add(2));
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\0' => out.push_str("\\0"),
            c if c.is_control() || crate::text::is_invisible(c) => {
                let n = u32::from(c);
                // writing to a String cannot fail
                let _ = if n <= 0xff {
                    write!(out, "\\x{n:02x}")
                } else {
                    write!(out, "\\u{n:04x}")
                };
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_other_readers_would_misread_are_quoted() {
        for s in [
            "001e6602",
            "NO",
            "on",
            "12:30",
            "1e300",
            "0x1f",
            "",
            " a",
            "a ",
            "~",
            "-x",
            "1.5",
            "2024-05-01",
            "007",
            "1_000",
            ".5",
            "Yes",
            "a: b",
            "a #b",
            "@x",
            "[x",
            "'q'",
        ] {
            assert!(scalar(s, false).starts_with('"'), "{s:?} should be quoted");
        }
    }

    #[test]
    fn ordinary_strings_stay_plain() {
        for s in [
            "13dbb0c8aa05101a9bb000aa002fc45a",
            "mail.example.com:44300",
            "mail.example.com-44300",
            "C:\\Users\\jdoe\\Documents\\Outlook Files\\jdoe.pst",
            "HKEY_CURRENT_USER\\Software",
            "Account Name",
            "msstd:mail.example.com",
            "Outlook アドレス帳",
            "RPCProxyServer",
        ] {
            assert_eq!(scalar(s, false), s);
        }
        assert_eq!(scalar("a,b", true), "\"a,b\"");
    }

    #[test]
    fn escapes() {
        assert_eq!(scalar("a\"b\\c\nd\u{1}", false), "\"a\\\"b\\\\c\\nd\\x01\"");
        // text direction controls are shown, not obeyed
        assert_eq!(scalar("a\u{202e}b\u{2066}", false), "\"a\\u202eb\\u2066\"");
    }

    #[test]
    fn layout() {
        let mut e = Emitter::new();
        e.open(0, "root", Some("c"));
        e.entry(
            2,
            "short",
            &Y::Seq(vec![Y::Int(1), Y::Str("a".into())]),
            Some("raw"),
        );
        e.entry(2, "long", &Y::Hex((0..40).collect()), None);
        e.entry(2, "map", &Y::tagged("hex", Y::Hex(vec![1, 2])), None);
        let text = e.finish();
        assert_eq!(
            text,
            "root:  # c\n  short: [1, a]  # raw\n  long:\n    00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f\n    10 11 12 13 14 15 16 17 18 19 1a 1b 1c 1d 1e 1f\n    20 21 22 23 24 25 26 27\n  map: {hex: 01 02}\n"
        );
    }

    #[test]
    fn short_hex_and_wide_flow_values() {
        let mut e = Emitter::new();
        e.entry(0, "none", &Y::Hex(vec![]), None);
        e.entry(0, "one", &Y::Hex(vec![0x10]), None);
        e.entry(0, "two", &Y::Hex(vec![0x10, 0x20]), None);
        let wide: Vec<Y> = (0..30).map(|n| Y::Int(1000 + n)).collect();
        e.entry(0, "wide", &Y::Seq(wide[..3].to_vec()), None);
        e.entry(0, "wider", &Y::Seq(wide), Some("c"));
        let text = e.finish();
        let mut expected = String::from(
            "none: \"\"\none: \"10\"\ntwo: 10 20\nwide: [1000, 1001, 1002]\nwider:  # c\n",
        );
        for n in 1000..1030 {
            expected.push_str(&format!("  - {n}\n"));
        }
        assert_eq!(text, expected);
    }
}
