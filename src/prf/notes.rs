//! The lines of a `.prf` that are no setting (comments other than the
//! commented-out settings the model keeps, and lines Outlook skips), as the
//! model keeps them in `head` and `notes`: which lines those are, and which
//! banners are the writer's own (left out, so that a file written and read
//! again does not gather them twice).

use super::document::commented_entry;
use super::mapping::{self, Generation, MapLine};
use super::model::{Listed, Settings};

/// Where a section's notes go: a group (`[General]`, the two lists, the
/// services, the accounts, other sections, mapping blocks) and the index in
/// it.
pub(super) type Rank = (u8, usize);

/// Whether a comment `line` is one of the commented-out settings kept in
/// `settings`.
pub(super) fn kept(settings: &Settings, line: &str) -> bool {
    commented_entry(line, 0)
        .is_some_and(|(key, value, _)| settings.commented.get(key) == Some(value))
}

/// Whether a comment `line` of a list section is one of its commented-out
/// entries kept in `items` (`(id, block, listed)`).
pub(super) fn listed(items: &[(&str, &str, Listed)], line: &str) -> bool {
    commented_entry(line, 0).is_some_and(|(key, value, _)| {
        items.iter().any(|(id, block, how)| {
            *how == Listed::Commented && id.eq_ignore_ascii_case(key) && *block == value
        })
    })
}

/// Whether `line` is a sub-banner of the built-in mapping block `name`,
/// which the writer writes itself.
pub(super) fn sub_banner(name: &str, line: &str) -> bool {
    let trimmed = line.trim();
    Generation::ALL
        .into_iter()
        .filter_map(|g| mapping::builtin(g, name))
        .any(|b| {
            b.lines
                .iter()
                .any(|l| matches!(l, MapLine::Comment(c) if c.trim() == trimmed))
        })
}

/// A line the `.prf` writer writes itself: its first line, and the banners
/// of OCT's layout (`;*****`, `; Section 4 - Default values …`).
pub(super) fn is_banner(line: &str) -> bool {
    let text = line.trim();
    if text == super::write::SIGNATURE {
        return true;
    }
    let Some(body) = text.strip_prefix(';') else {
        return false;
    };
    let body = body.trim();
    // the writer's rules are asterisks (as OCT's are); other rules
    // (`;-----`) are the user's own and stay
    let rule = !body.is_empty() && body.chars().all(|c| c == '*');
    let numbered = body
        .strip_prefix("Section ")
        .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()) && rest.contains(" - "));
    rule || numbered
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_writers_own_banners_are_left_out_of_the_notes() {
        for (line, banner) in [
            (
                ";***************************************************************",
                true,
            ),
            (
                "; **************************************************************",
                true,
            ),
            ("; Section 6 - Mapping for profile properties", true),
            (crate::prf::SIGNATURE, true),
            (";---------------------------------", false),
            (";Uncomment the ports that match the server.", false),
            ("--- POP3 Account Settings ---", false),
            ("; Section about ports", false),
        ] {
            assert_eq!(is_banner(line), banner, "{line}");
        }
    }
}
