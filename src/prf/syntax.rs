//! The `.prf` grammar (nom 8): one line at a time, every byte of the text in
//! exactly one [`Line`], so that an unchanged file writes back byte for byte
//! and an edit touches only its own line.
//!
//! Rules, from the PRF reference: `;` (and, in old samples, `'`) starts a
//! comment only at the start of a line; a section header may be followed by
//! a `;` comment; names, keys and values are trimmed of spaces and tabs; a
//! value runs to the end of the line (a `;` inside it is part of it). A line
//! that is none of these is kept as it is and reported: Outlook skips it.

use nom::bytes::complete::take_till;
use nom::character::complete::{char, space0};
use nom::combinator::{eof, opt, rest};
use nom::sequence::preceded;
use nom::{IResult, Parser};

use crate::diag::{LineIndex, Span, Warning, line_bounds};

/// One line of a `.prf` file, with its line break.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// The whole line including its line break.
    pub span: Span,
    /// What the line is.
    pub kind: LineKind,
}

/// What a line is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineKind {
    /// Empty or only spaces and tabs.
    Blank,
    /// `; text` (or `' text`).
    Comment,
    /// `[Name]`, optionally followed by `; comment`.
    Section {
        /// Where the name between the brackets is, trimmed.
        name_span: Span,
    },
    /// `Key=Value`.
    Entry {
        /// Where the key is, trimmed.
        key_span: Span,
        /// Where the value as written is, trimmed (quotes kept); an empty
        /// span after `=` for an empty value.
        value_span: Span,
    },
    /// Anything else, kept verbatim.
    Stray,
}

/// A parsed `.prf` file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrfFile {
    /// Every line in order.
    pub lines: Vec<Line>,
}

/// A parsed file, its line index and what the parser tolerated.
#[derive(Debug, Clone)]
pub struct Parsed {
    /// The lossless tree.
    pub file: PrfFile,
    /// Lines Outlook would skip.
    pub warnings: Vec<Warning>,
    /// For turning offsets into line and column.
    pub lines: LineIndex,
}

/// Parse the text of a `.prf` file. Never fails: a PRF has no header, and
/// every line is kept.
pub fn parse(text: &str) -> Parsed {
    let index = LineIndex::new(text);
    let warnings = warnings_of(text, &index);
    Parsed {
        file: PrfFile {
            lines: lines(text).collect(),
        },
        warnings,
        lines: index,
    }
}

/// The lines of `text` one at a time, as [`parse`] reads them, for a
/// reader that needs no more than one line at once.
pub fn lines(text: &str) -> Lines<'_> {
    Lines { text, pos: 0 }
}

/// The lines Outlook would skip in `text` (those [`parse`] reports), located
/// with `index`.
pub fn warnings_of(text: &str, index: &LineIndex) -> Vec<Warning> {
    lines(text)
        .filter(|line| line.kind == LineKind::Stray)
        .map(|line| {
            let body = line.span.of(text);
            let column = body.len().saturating_sub(body.trim_start().len());
            Warning::at(
                index.locate(text, line.span.start.saturating_add(column)),
                "line is not a [section], a key=value entry or a ; comment; kept as it is, Outlook skips it",
            )
            .with(crate::diag::Effect::Ignored)
        })
        .collect()
}

/// The lines of a text, from [`lines`].
#[derive(Debug, Clone)]
pub struct Lines<'a> {
    text: &'a str,
    pos: usize,
}

impl Iterator for Lines<'_> {
    type Item = Line;

    fn next(&mut self) -> Option<Line> {
        let pos = self.pos;
        if pos >= self.text.len() {
            return None;
        }
        let (body_end, end) = line_bounds(self.text, pos);
        let body = self.text.get(pos..body_end).unwrap_or_default();
        self.pos = end;
        Some(Line {
            span: Span::new(pos, end),
            kind: classify(body, pos),
        })
    }
}

fn is_space(c: char) -> bool {
    c == ' ' || c == '\t'
}

/// What the line `body` (without its break), starting at `offset`, is.
fn classify(body: &str, offset: usize) -> LineKind {
    let trimmed = body.trim_start_matches(is_space);
    let lead = body.len().saturating_sub(trimmed.len());
    if trimmed.trim_end_matches(is_space).is_empty() {
        return LineKind::Blank;
    }
    if trimmed.starts_with(';') || trimmed.starts_with('\'') {
        return LineKind::Comment;
    }
    if let Ok((_, (name, name_at))) = section(trimmed) {
        return LineKind::Section {
            name_span: Span::new(
                offset.saturating_add(lead).saturating_add(name_at),
                offset
                    .saturating_add(lead)
                    .saturating_add(name_at)
                    .saturating_add(name.len()),
            ),
        };
    }
    if let Ok((_, (key, value))) = entry(trimmed) {
        let key_trimmed = key.trim_end_matches(is_space);
        let value_lead = value
            .len()
            .saturating_sub(value.trim_start_matches(is_space).len());
        let value_trimmed = value.trim_matches(is_space);
        if !key_trimmed.is_empty() && !key_trimmed.starts_with('[') {
            let key_start = offset.saturating_add(lead);
            // past the key and its `=`
            let value_start = key_start
                .saturating_add(key.len())
                .saturating_add(1)
                .saturating_add(value_lead);
            return LineKind::Entry {
                key_span: Span::new(key_start, key_start.saturating_add(key_trimmed.len())),
                value_span: Span::new(value_start, value_start.saturating_add(value_trimmed.len())),
            };
        }
    }
    LineKind::Stray
}

/// `[name]` then nothing or a `;` comment; gives what is between the
/// brackets and its offset within the input.
fn section(input: &str) -> IResult<&str, (&str, usize)> {
    let (after, (_, inner, _, _, _, _)) = (
        char('['),
        take_till(|c| c == ']' || c == '['),
        char(']'),
        space0,
        opt(preceded(char(';'), rest)),
        eof,
    )
        .parse(input)?;
    let name = inner.trim_matches(is_space);
    let name_at = inner
        .len()
        .saturating_sub(inner.trim_start_matches(is_space).len())
        .saturating_add(1);
    Ok((after, (name, name_at)))
}

/// `key=value`: the key up to the first `=`, the value to the end.
fn entry(input: &str) -> IResult<&str, (&str, &str)> {
    let (after, (key, _, value)) = (take_till(|c| c == '='), char('='), rest).parse(input)?;
    Ok((after, (key, value)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<LineKind> {
        parse(text).file.lines.into_iter().map(|l| l.kind).collect()
    }

    fn entry_of(text: &str) -> (String, String) {
        match &kinds(text)[0] {
            LineKind::Entry {
                key_span,
                value_span,
                ..
            } => (key_span.of(text).to_owned(), value_span.of(text).to_owned()),
            other => panic!("not an entry: {other:?}"),
        }
    }

    #[test]
    fn every_byte_is_in_exactly_one_line() {
        let text = "[General]\r\nProfileName=Outlook\n\r;c\rx";
        let parsed = parse(text);
        let mut pos = 0;
        for line in &parsed.file.lines {
            assert_eq!(line.span.start, pos);
            pos = line.span.end;
        }
        assert_eq!(pos, text.len());
        assert_eq!(parsed.file.lines.len(), 5);
    }

    #[test]
    fn sections_entries_comments_and_blanks() {
        assert_eq!(
            kinds("[Service List]\nService1=Microsoft Exchange Server\n;c\n  \n' old\n"),
            vec![
                LineKind::Section {
                    name_span: Span::new(1, 13),
                },
                LineKind::Entry {
                    key_span: Span::new(15, 23),
                    value_span: Span::new(24, 49),
                },
                LineKind::Comment,
                LineKind::Blank,
                LineKind::Comment,
            ]
        );
    }

    #[test]
    fn a_comment_may_follow_a_section_header_but_not_a_value() {
        let text = "[Service2]      ; Outlook Address Book\n";
        assert!(matches!(
            &kinds(text)[0],
            LineKind::Section { name_span } if name_span.of(text) == "Service2"
        ));
        assert_eq!(
            entry_of("Key=Value ; note\n"),
            ("Key".into(), "Value ; note".into())
        );
        assert_eq!(kinds("[General] junk\n"), vec![LineKind::Stray]);
    }

    #[test]
    fn spaces_around_equals_and_quotes_are_kept_out_and_in() {
        assert_eq!(
            entry_of("PathToPersonalFolders = \"z:\\%UserName%.pst\"  \n"),
            (
                "PathToPersonalFolders".into(),
                "\"z:\\%UserName%.pst\"".into()
            )
        );
        assert_eq!(
            entry_of("Connection Type=PT_LONG,0x000F\n"),
            ("Connection Type".into(), "PT_LONG,0x000F".into())
        );
        assert_eq!(
            entry_of("ReplyEMailAddress=\n"),
            ("ReplyEMailAddress".into(), String::new())
        );
        assert_eq!(entry_of("a=b=c"), ("a".into(), "b=c".into()));
    }

    #[test]
    fn spans_point_at_key_and_value() {
        let text = "  BackupProfile = No \n";
        let parsed = parse(text);
        let LineKind::Entry {
            key_span,
            value_span,
            ..
        } = &parsed.file.lines[0].kind
        else {
            panic!("not an entry");
        };
        assert_eq!(key_span.of(text), "BackupProfile");
        assert_eq!(value_span.of(text), "No");
    }

    #[test]
    fn stray_lines_are_kept_and_reported_with_their_place() {
        let text = ";comment\nconfiguration\n=no key\n----------\n";
        let parsed = parse(text);
        assert_eq!(
            parsed
                .file
                .lines
                .iter()
                .filter(|l| l.kind == LineKind::Stray)
                .count(),
            3
        );
        let at: Vec<String> = parsed.warnings.iter().map(|w| w.to_string()).collect();
        assert!(at[0].starts_with("2:1: line is not a [section]"), "{at:?}");
        assert!(at[2].starts_with("4:1: "), "{at:?}");
    }
}
