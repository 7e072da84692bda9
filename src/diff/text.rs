//! Changes as text for people: grouped by section, `+` added, `-` removed,
//! `~` changed, optionally coloured (green, red, yellow).

use super::{Change, Kind};
use crate::text::visible;

/// The changes as text; `color` adds ANSI colours.
pub fn to_text(changes: &[Change], color: bool) -> String {
    let mut out = String::new();
    let mut current: Option<String> = None;
    for c in changes {
        let (mark, paint) = match c.change {
            Kind::Added => ('+', "\x1b[32m"),
            Kind::Removed => ('-', "\x1b[31m"),
            Kind::Changed => ('~', "\x1b[33m"),
        };
        let (start, end) = if color { (paint, "\x1b[0m") } else { ("", "") };
        let heading = visible(&heading(c)).into_owned();
        let value = match (&c.old, &c.new, c.change) {
            (Some(old), Some(new), _) => format!("{} → {}", visible(old), visible(new)),
            (Some(old), None, _) => visible(old).into_owned(),
            (None, Some(new), _) => visible(new).into_owned(),
            (None, None, _) => String::new(),
        };
        match &c.name {
            None => {
                out.push_str(&format!("{start}{mark} {heading}: {value}{end}\n"));
                current = None;
            }
            Some(name) => {
                if current.as_deref() != Some(heading.as_str()) {
                    out.push_str(&format!("{heading}\n"));
                    current = Some(heading);
                }
                let raw = c
                    .raw_name
                    .as_deref()
                    .map(|r| format!(" ({})", visible(r)))
                    .unwrap_or_default();
                let name = visible(name);
                out.push_str(&format!("  {start}{mark} {name}{raw}: {value}{end}\n"));
            }
        }
    }
    out
}

fn heading(c: &Change) -> String {
    let place = match (&c.profile, &c.section) {
        (Some(p), Some(s)) => format!("{p}/{s}"),
        (Some(p), None) => p.clone(),
        (None, Some(s)) => format!("[{s}]"),
        (None, None) => "(document)".to_owned(),
    };
    match &c.label {
        Some(label) => format!("{place} ({label})"),
        None => place,
    }
}
