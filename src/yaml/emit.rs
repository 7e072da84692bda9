//! Writing [`Y`] trees as block YAML with comments.
//!
//! Strings are written plain when no YAML 1.1 or 1.2 reader could take them
//! for anything else (a number, a boolean, a date, `null`, a sexagesimal
//! `12:30`); otherwise they are double-quoted.

use super::tree::{Y, hex_text};

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
        self.out.push_str(&scalar(key, false));
        self.out.push(':');
        self.trailing(comment);
        self.out.push('\n');
    }

    /// `key: value` with an optional trailing comment; nested values go below.
    pub fn entry(&mut self, indent: usize, key: &str, value: &Y, comment: Option<&str>) {
        self.pad(indent);
        self.out.push_str(&scalar(key, false));
        self.out.push(':');
        self.value(indent, value, comment);
    }

    fn value(&mut self, indent: usize, value: &Y, comment: Option<&str>) {
        if let Some(inline) = inline(value) {
            self.out.push(' ');
            self.out.push_str(&inline);
            self.trailing(comment);
            self.out.push('\n');
            return;
        }
        self.trailing(comment);
        self.out.push('\n');
        match value {
            Y::Hex(bytes) => {
                for chunk in bytes.chunks(HEX_PER_LINE) {
                    self.pad(indent.saturating_add(2));
                    self.out.push_str(&hex_text(chunk));
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
                self.out.push_str(&inline(other).unwrap_or_default());
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

/// The one-line form of `value`, if it has a short one.
fn inline(value: &Y) -> Option<String> {
    let text = flow(value, false)?;
    (text.len() <= FLOW_WIDTH || !matches!(value, Y::Seq(_) | Y::Map(_) | Y::Hex(_)))
        .then_some(text)
}

/// `value` in flow style; `in_flow` when inside `[…]` or `{…}`.
fn flow(value: &Y, in_flow: bool) -> Option<String> {
    Some(match value {
        Y::Null => "null".into(),
        Y::Bool(b) => b.to_string(),
        Y::Int(n) => n.to_string(),
        Y::Float(f) => float(*f),
        Y::Str(s) => scalar(s, in_flow),
        Y::Hex(bytes) if bytes.len() > 2 * HEX_PER_LINE => return None,
        Y::Hex(bytes) => scalar(&hex_text(bytes), in_flow),
        Y::Lit(text) => text.clone(),
        Y::Seq(items) => {
            let parts = items
                .iter()
                .map(|i| flow(i, true))
                .collect::<Option<Vec<_>>>()?;
            format!("[{}]", parts.join(", "))
        }
        Y::Map(entries) => {
            let parts = entries
                .iter()
                .map(|(k, v)| Some(format!("{}: {}", scalar(k, true), flow(v, true)?)))
                .collect::<Option<Vec<_>>>()?;
            format!("{{{}}}", parts.join(", "))
        }
    })
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
    if is_plain_safe(s, in_flow) {
        s.to_owned()
    } else {
        quote(s)
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
    if s.contains(": ") || s.contains(" #") || s.contains(":\t") {
        return false;
    }
    if in_flow && s.contains([',', '[', ']', '{', '}']) {
        return false;
    }
    if s.chars()
        .any(|c| c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{85}'))
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
    let lower = body.to_ascii_lowercase();
    let digits_ = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit() || b == b'_');
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
    if lower.len() >= 8 && lower.get(4..5) == Some("-") && lower.get(..4).is_some_and(digits_) {
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

fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len().saturating_add(2));
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\0' => out.push_str("\\0"),
            c if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{85}') => {
                let n = u32::from(c);
                if n <= 0xff {
                    out.push_str(&format!("\\x{n:02x}"));
                } else {
                    out.push_str(&format!("\\u{n:04x}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
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
}
