//! A `.prf` tidied line by line, in place: headers and entries lose the
//! blanks around their brackets and `=` (Outlook trims them anyway), comment
//! lines lose their leading and trailing blanks, runs of blank lines become
//! one. Every other line, including one Outlook skips, stays as written,
//! and so does the order of everything.

use crate::prf::{LineKind, lines};

const NL: &str = "\r\n";

/// The tidied text of the `.prf` text `text`.
pub(super) fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len().saturating_add(text.len() / 16));
    // a blank line waits until a line follows it, so that none ends the file
    let mut blank = false;
    for line in lines(text) {
        let whole = line.span.of(text);
        let body = whole.trim_end_matches(['\r', '\n']);
        let tidied = match &line.kind {
            LineKind::Blank => {
                blank = !out.is_empty();
                continue;
            }
            LineKind::Comment => body.trim_matches([' ', '\t']).to_owned(),
            LineKind::Section { name_span } => {
                let name = name_span.of(text);
                // what follows `]`: nothing, or a comment
                let after = body
                    .trim_start_matches([' ', '\t'])
                    .split_once(']')
                    .map_or("", |(_, rest)| rest.trim_matches([' ', '\t']));
                if after.is_empty() {
                    format!("[{name}]")
                } else {
                    format!("[{name}] {after}")
                }
            }
            LineKind::Entry {
                key_span,
                value_span,
            } => format!("{}={}", key_span.of(text), value_span.of(text)),
            LineKind::Stray => body.to_owned(),
        };
        if std::mem::take(&mut blank) {
            out.push_str(NL);
        }
        out.push_str(&tidied);
        out.push_str(NL);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_tidied_and_none_is_lost() {
        let text = "\n\n  ; head  \n[ General ]  ;the options\r\n Custom = 1 \r\n\r\n\r\n\
                    ;Key = x\n--- stray ---  \n[S]\nk=a;b\n\n";
        assert_eq!(
            tidy(text),
            "; head\r\n[General] ;the options\r\nCustom=1\r\n\r\n;Key = x\r\n\
             --- stray ---  \r\n[S]\r\nk=a;b\r\n"
        );
        // tidy text is left as it is
        assert_eq!(tidy(&tidy(text)), tidy(text));
    }
}
