//! Edits in place: change the text of one line and nothing else, so that
//! comments, spacing, line ends and every other line keep their bytes.

use crate::diag::Span;

use super::syntax::{Line, LineKind, Parsed};

/// What an edit did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edited {
    /// The value of an active entry was replaced.
    Replaced,
    /// A commented-out entry (`;Key=old`) was switched on with the new value.
    SwitchedOn,
}

/// Set `key` in `section` (both matched without regard to case, the first
/// occurrence as Outlook reads it) to `value` in `text`: an active entry gets
/// its value replaced; otherwise a commented-out `;key=…` line in that section
/// is switched on. Returns the new text, or `None` when the section has
/// neither (adding lines is the caller's decision).
pub fn set(
    text: &str,
    parsed: &Parsed,
    section: &str,
    key: &str,
    value: &str,
) -> Option<(String, Edited)> {
    let mut commented = None;
    for line in section_lines(text, parsed, section) {
        match &line.kind {
            LineKind::Entry {
                key_span,
                value_span,
            } if key_span.of(text).eq_ignore_ascii_case(key) => {
                let mut out = String::with_capacity(text.len().saturating_add(value.len()));
                out.push_str(text.get(..value_span.start)?);
                out.push_str(value);
                out.push_str(text.get(value_span.end..)?);
                return Some((out, Edited::Replaced));
            }
            LineKind::Comment if commented.is_none() => {
                let body = line.span.of(text);
                if commented_key(body).is_some_and(|k| k.eq_ignore_ascii_case(key)) {
                    commented = Some(line.span);
                }
            }
            _ => {}
        }
    }
    let span = commented?;
    let body = span.of(text);
    let content_end = body.trim_end_matches(['\r', '\n']).len();
    let line_break = body.get(content_end..)?;
    let lead_len = body
        .len()
        .saturating_sub(body.trim_start_matches([' ', '\t']).len());
    let lead = body.get(..lead_len)?;
    let after = body.get(lead_len.saturating_add(1)..content_end)?;
    let written_key = after.split_once('=')?.0.trim_matches([' ', '\t']);
    let mut out = String::with_capacity(text.len().saturating_add(value.len()));
    out.push_str(text.get(..span.start)?);
    out.push_str(&format!("{lead}{written_key}={value}{line_break}"));
    out.push_str(text.get(span.end..)?);
    Some((out, Edited::SwitchedOn))
}

/// Comment out the active `key` of `section` (`Key=v` → `;Key=v`), the
/// line otherwise unchanged; `None` when there is no such entry.
pub fn comment_out(text: &str, parsed: &Parsed, section: &str, key: &str) -> Option<String> {
    let line = entry_line(text, parsed, section, key)?;
    let body = line.of(text);
    let lead = body
        .len()
        .saturating_sub(body.trim_start_matches([' ', '\t']).len());
    let at = line.start.saturating_add(lead);
    Some(format!("{};{}", text.get(..at)?, text.get(at..)?))
}

/// Add `key=value` after the last line of the first `section` that is not
/// blank, with that section's line break; `None` when there is no such
/// section.
pub fn add(text: &str, parsed: &Parsed, section: &str, key: &str, value: &str) -> Option<String> {
    add_with_newline(text, parsed, section, key, value, newline_of(text))
}

/// [`add`] for a part of a file (its text and lines): `newline` is the
/// line break of the whole file, for a line added after a last line
/// without one.
pub(crate) fn add_with_newline(
    text: &str,
    parsed: &Parsed,
    section: &str,
    key: &str,
    value: &str,
    newline: &str,
) -> Option<String> {
    // the section's body: through its last entry and the comment lines
    // right below it, not a banner set off by a blank line before the next
    // section
    let mut last = None;
    let mut after_blank = false;
    for line in section_lines(text, parsed, section) {
        match line.kind {
            LineKind::Blank => after_blank = true,
            LineKind::Section { .. } | LineKind::Entry { .. } => {
                last = Some(line.span);
                after_blank = false;
            }
            LineKind::Comment | LineKind::Stray if !after_blank => last = Some(line.span),
            LineKind::Comment | LineKind::Stray => {}
        }
    }
    let last = last?;
    let body = last.of(text);
    let content_end = body.trim_end_matches(['\r', '\n']).len();
    let mut line_break = body.get(content_end..)?.to_owned();
    let mut out = String::with_capacity(
        text.len()
            .saturating_add(key.len())
            .saturating_add(value.len()),
    );
    out.push_str(text.get(..last.end)?);
    if line_break.is_empty() {
        // the section ends the file without a line break: the file's own
        newline.clone_into(&mut line_break);
        out.push_str(&line_break);
        out.push_str(&format!("{key}={value}"));
    } else {
        out.push_str(&format!("{key}={value}{line_break}"));
    }
    out.push_str(text.get(last.end..)?);
    Some(out)
}

/// The line break a line added to `text` ends with when the line before it
/// has none: CRLF if the text has one anywhere, else LF, else CR, else CRLF.
fn newline_of(text: &str) -> &'static str {
    ["\r\n", "\n", "\r"]
        .into_iter()
        .find(|nl| text.contains(nl))
        .unwrap_or("\r\n")
}

/// The span of the first active `key` in the first `section`.
fn entry_line(text: &str, parsed: &Parsed, section: &str, key: &str) -> Option<Span> {
    section_lines(text, parsed, section)
        .into_iter()
        .find(|line| matches!(&line.kind, LineKind::Entry { key_span, .. } if key_span.of(text).eq_ignore_ascii_case(key)))
        .map(|line| line.span)
}

/// Replace the values of active entries in one pass: each `(section, key,
/// value)` as [`set`] would replace it (the first entry of that key in the
/// first section of that name, both without regard to case), the others
/// left out. Every other byte stays. Time in proportion to the text and
/// the edits, however many there are.
pub fn set_values(text: &str, parsed: &Parsed, edits: &[(String, String, String)]) -> String {
    use std::collections::{HashMap, HashSet};
    let mut spans: HashMap<(String, String), Span> = HashMap::new();
    let mut sections: HashSet<String> = HashSet::new();
    let mut current: Option<String> = None;
    for line in &parsed.file.lines {
        match &line.kind {
            LineKind::Section { name_span } => {
                let name = name_span.of(text).to_ascii_lowercase();
                current = sections.insert(name.clone()).then_some(name);
            }
            LineKind::Entry {
                key_span,
                value_span,
            } => {
                if let Some(section) = &current {
                    spans
                        .entry((section.clone(), key_span.of(text).to_ascii_lowercase()))
                        .or_insert(*value_span);
                }
            }
            _ => {}
        }
    }
    let mut targets: Vec<(Span, &str)> = edits
        .iter()
        .filter_map(|(section, key, value)| {
            let span = spans.get(&(section.to_ascii_lowercase(), key.to_ascii_lowercase()))?;
            Some((*span, value.as_str()))
        })
        .collect();
    targets.sort_by_key(|(span, _)| span.start);
    targets.dedup_by_key(|(span, _)| span.start);
    let mut out = String::with_capacity(text.len());
    let mut at = 0usize;
    for (span, value) in targets {
        out.push_str(text.get(at..span.start).unwrap_or_default());
        out.push_str(value);
        at = span.end;
    }
    out.push_str(text.get(at..).unwrap_or_default());
    out
}

/// The lines of the first section called `section` (only the first counts,
/// as Outlook reads the file), its header first.
fn section_lines<'p>(text: &str, parsed: &'p Parsed, section: &str) -> Vec<&'p Line> {
    let mut out = Vec::new();
    let mut seen = false;
    let mut inside = false;
    for line in &parsed.file.lines {
        if let LineKind::Section { name_span } = &line.kind {
            let matches = name_span.of(text).eq_ignore_ascii_case(section);
            inside = matches && !seen;
            seen |= matches;
        }
        if inside {
            out.push(line);
        }
    }
    out
}

/// The key of a `;key=value` comment line.
fn commented_key(line: &str) -> Option<&str> {
    let after = line.trim_start_matches([' ', '\t']).strip_prefix(';')?;
    let key = after.split_once('=')?.0.trim_matches([' ', '\t']);
    (!key.is_empty() && !key.contains(';')).then_some(key)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prf::parse;

    #[test]
    fn values_are_set_in_one_pass_as_set_would() {
        let text = "[A]\r\nx=1\r\n;y=2\r\ny=3\r\n[b]\r\nX=4\r\n[a]\r\nx=5\r\n";
        let edits = [
            ("a".to_owned(), "X".to_owned(), "one".to_owned()),
            ("B".to_owned(), "x".to_owned(), "four".to_owned()),
            ("A".to_owned(), "y".to_owned(), "three".to_owned()),
            ("A".to_owned(), "z".to_owned(), "none".to_owned()),
        ];
        let once = set_values(text, &parse(text), &edits);
        assert_eq!(
            once,
            "[A]\r\nx=one\r\n;y=2\r\ny=three\r\n[b]\r\nX=four\r\n[a]\r\nx=5\r\n"
        );
        let mut by_one = text.to_owned();
        for (section, key, value) in &edits[..3] {
            by_one = set_in(&by_one, section, key, value).unwrap().0;
        }
        assert_eq!(once, by_one);
    }

    fn set_in(text: &str, section: &str, key: &str, value: &str) -> Option<(String, Edited)> {
        set(text, &parse(text), section, key, value)
    }

    #[test]
    fn a_value_is_replaced_and_nothing_else_moves() {
        let text = "; head\r\n[ServiceEGS]\r\nRPCProxyServer = host-44300  \r\nX=1\r\n";
        let (out, how) = set_in(text, "serviceegs", "rpcproxyserver", "host:44300").unwrap();
        assert_eq!(how, Edited::Replaced);
        assert_eq!(
            out,
            "; head\r\n[ServiceEGS]\r\nRPCProxyServer = host:44300  \r\nX=1\r\n"
        );
    }

    #[test]
    fn a_commented_out_setting_is_switched_on_in_place() {
        let text =
            "[ServiceEGS]\nTCPExchangePort=6001\n;HTTPExchangePort=6001\n;HTTPDirectoryPort=6004\n";
        let (out, how) = set_in(text, "ServiceEGS", "HTTPExchangePort", "6011").unwrap();
        assert_eq!(how, Edited::SwitchedOn);
        assert_eq!(
            out,
            "[ServiceEGS]\nTCPExchangePort=6001\nHTTPExchangePort=6011\n;HTTPDirectoryPort=6004\n"
        );
    }

    #[test]
    fn only_the_first_section_of_a_name_is_edited() {
        let text = "[A]\nk=1\n[B]\nk=2\n[a]\nk=3\n";
        let (out, _) = set_in(text, "A", "k", "9").unwrap();
        assert_eq!(out, "[A]\nk=9\n[B]\nk=2\n[a]\nk=3\n");
        assert_eq!(set_in(text, "C", "k", "9"), None);
        assert_eq!(set_in(text, "A", "missing", "9"), None);
    }

    #[test]
    fn commenting_out_and_adding_touch_one_line() {
        let text = "[A]\r\n  k=1\r\n\r\n[B]\r\nx=2";
        let out = comment_out(text, &parse(text), "a", "K").unwrap();
        assert_eq!(out, "[A]\r\n  ;k=1\r\n\r\n[B]\r\nx=2");
        let out = add(text, &parse(text), "A", "n", "5").unwrap();
        assert_eq!(out, "[A]\r\n  k=1\r\nn=5\r\n\r\n[B]\r\nx=2");
        let out = add(text, &parse(text), "B", "y", "3").unwrap();
        assert_eq!(out, "[A]\r\n  k=1\r\n\r\n[B]\r\nx=2\r\ny=3");
        assert_eq!(add(text, &parse(text), "C", "y", "3"), None);
        assert_eq!(comment_out(text, &parse(text), "B", "k"), None);
    }
}
