//! How the registry compares and orders key names and value names: without
//! regard to case, one UTF-16 unit at a time, as Windows does: each unit is
//! upper-cased on its own through Windows' table (see `upcase.rs`), so `ß`,
//! `ı`, `ſ` and the halves of a surrogate pair stay as they are. Key paths
//! are compared and ordered component by component, the way Regedit lists
//! subkeys.
//!
//! Every place that asks whether two names are the same key or value, or
//! sorts them, asks here; nothing else lower- or upper-cases a registry name.
//! (`show --sort` orders a key's values by the names YAML shows, mostly
//! property names such as `RPCProxyServer`, with the same comparison.)

use std::cmp::Ordering;

use super::upcase;
use std::ops::Range;

/// Whether `a` and `b` name the same key or value.
///
/// # Example
/// ```
/// use mapiprof::reg::name;
/// assert!(name::same("RPCProxyServer", "rpcproxyserver"));
/// assert!(name::same("Büro", "BÜRO"));
/// assert!(!name::same("Straße", "STRASSE"));
/// ```
pub fn same(a: &str, b: &str) -> bool {
    // byte by byte while both are ASCII (nearly every name), which also
    // stops at the first difference
    for (at, (x, y)) in a.bytes().zip(b.bytes()).enumerate() {
        if !x.is_ascii() || !y.is_ascii() {
            // both are at a character boundary: the rest, unit by unit
            return match (a.get(at..), b.get(at..)) {
                (Some(a), Some(b)) => units(a).eq(units(b)),
                _ => false,
            };
        }
        if !x.eq_ignore_ascii_case(&y) {
            return false;
        }
    }
    // all of the shorter matched: the same only when they are as long
    a.len() == b.len()
}

/// The order of two names as the registry keeps them.
pub fn compare(a: &str, b: &str) -> Ordering {
    units(a).cmp(units(b))
}

/// The order of two key paths as Regedit exports them: component by
/// component, each compared as [`compare`] does, a key before its subkeys.
///
/// # Example
/// ```
/// use std::cmp::Ordering::*;
/// use mapiprof::reg::name;
/// assert_eq!(name::compare_paths("A\\b", "a\\B"), Equal);
/// assert_eq!(name::compare_paths("A", "A\\b"), Less);
/// assert_eq!(name::compare_paths("A\\b", "A b"), Less);
/// ```
pub fn compare_paths(a: &str, b: &str) -> Ordering {
    let mut left = a.split('\\');
    let mut right = b.split('\\');
    loop {
        match (left.next(), right.next()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(x), Some(y)) => match compare(x, y) {
                Ordering::Equal => {}
                order => return order,
            },
        }
    }
}

/// `name` in the one spelling shared by every spelling of the same name:
/// for map keys and for matching prefixes.
pub fn fold(name: &str) -> String {
    if name.is_ascii() {
        return name.to_ascii_uppercase();
    }
    name.chars().map(upcase_char).collect()
}

/// The key path `path` and every key path above it, longest first
/// (`A\B\C`, `A\B`, `A`): for looking a key and its parents up in a map of
/// (folded) paths.
///
/// # Example
/// ```
/// use mapiprof::reg::name;
/// let all: Vec<&str> = name::key_and_parents("A\\B\\C").collect();
/// assert_eq!(all, ["A\\B\\C", "A\\B", "A"]);
/// ```
pub fn key_and_parents(path: &str) -> impl Iterator<Item = &str> {
    std::iter::once(path).chain(
        path.rmatch_indices('\\')
            .filter_map(move |(at, _)| path.get(..at)),
    )
}

/// `path` without the leading key path `prefix` and the `\` after it, when
/// `path` lies under `prefix` (compared as [`same`] does).
///
/// # Example
/// ```
/// use mapiprof::reg::name;
/// assert_eq!(name::strip_path_prefix("HKCU\\Software\\X", "hkcu\\software"), Some("X"));
/// assert_eq!(name::strip_path_prefix("HKCU\\SoftwareX", "HKCU\\Software"), None);
/// ```
pub fn strip_path_prefix<'p>(path: &'p str, prefix: &str) -> Option<&'p str> {
    // the same spelling (nearly always): one comparison of bytes
    if let Some(rest) = path.strip_prefix(prefix) {
        return rest.strip_prefix('\\');
    }
    // byte by byte while both are ASCII, then unit by unit
    let ascii = path
        .bytes()
        .zip(prefix.bytes())
        .take_while(|(x, y)| x.is_ascii() && y.is_ascii())
        .try_fold(0usize, |n, (x, y)| {
            x.eq_ignore_ascii_case(&y).then_some(n.saturating_add(1))
        })?;
    let (path, prefix) = (path.get(ascii..)?, prefix.get(ascii..)?);
    let mut rest = path.chars();
    for wanted in prefix.chars() {
        if upcase_char(rest.next()?) != upcase_char(wanted) {
            return None;
        }
    }
    rest.as_str().strip_prefix('\\')
}

/// Where `needle` first stands in `text`, compared as [`same`] does: the
/// byte range in `text`.
///
/// # Example
/// ```
/// use mapiprof::reg::name;
/// let path = "HKCU\\Software\\Microsoft\\OFFICE\\16.0";
/// assert_eq!(name::find(path, "\\office\\"), Some(23..31));
/// ```
pub fn find(text: &str, needle: &str) -> Option<Range<usize>> {
    text.char_indices().find_map(|(start, _)| {
        let rest = text.get(start..)?;
        let mut chars = rest.chars();
        for wanted in needle.chars() {
            if upcase_char(chars.next()?) != upcase_char(wanted) {
                return None;
            }
        }
        let end = text.len().saturating_sub(chars.as_str().len());
        Some(start..end)
    })
}

/// The UTF-16 units of `name`, each upper-cased as the registry does.
fn units(name: &str) -> impl Iterator<Item = u16> + '_ {
    name.encode_utf16().map(upcase_unit)
}

fn upcase_unit(unit: u16) -> u16 {
    match char::from_u32(u32::from(unit)) {
        Some(c) => u16::try_from(u32::from(upcase_char(c))).unwrap_or(unit),
        // half of a surrogate pair
        None => unit,
    }
}

fn upcase_char(c: char) -> char {
    upcase::upcase(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_is_ignored_one_unit_at_a_time() {
        assert!(same("001F6622", "001f6622"));
        assert!(same("Ä", "ä"));
        assert!(same("ÿ", "Ÿ"), "a capital outside Latin-1");
        assert!(!same("σ", "ς"), "Windows leaves the final sigma as it is");
        assert!(!same("SMTP Server", "SMTP ſerver"), "nor the long s");
        assert!(!same("ı", "I"));
        assert!(same("ᾀ", "ᾈ"), "the table maps ypogegrammeni to title case");
        assert!(!same("ß", "SS"), "ß has no one-unit capital: it stays");
        assert!(!same("ﬁ", "FI"));
        assert!(same("😀", "😀"));
        assert!(!same("a", "ab"));
        assert!(!same("ab", "a"));
        assert!(
            same("Kontakte Büro", "KONTAKTE BÜRO"),
            "ASCII, then the rest"
        );
        assert!(!same("Büro", "Buro"));
        assert!(!same("b", "ü"));
        assert_eq!(fold("Büro\\x"), "BÜRO\\X");
        assert_eq!(fold("ß"), "ß");
    }

    #[test]
    fn names_order_by_their_capitals_in_utf16() {
        assert_eq!(compare("a", "B"), Ordering::Less);
        assert_eq!(compare("_", "a"), Ordering::Greater, "'_' is after 'A'");
        assert_eq!(compare("0a0d", "9375CFF0"), Ordering::Less);
        assert_eq!(compare("9375CFF0", "dca7"), Ordering::Less);
        // a surrogate pair (U+1F600) sorts before U+FF21 in UTF-16
        assert_eq!(compare("😀", "\u{ff21}"), Ordering::Less);
    }

    #[test]
    fn paths_order_component_by_component() {
        assert_eq!(compare_paths("A\\b", "a\\B"), Ordering::Equal);
        assert_eq!(compare_paths("A", "A\\b"), Ordering::Less);
        assert_eq!(compare_paths("A\\b", "A b"), Ordering::Less);
        assert_eq!(compare_paths("A b", "A\\b"), Ordering::Greater);
    }

    #[test]
    fn a_name_is_found_in_any_case() {
        assert_eq!(find("a\\Software\\x", "\\software\\"), Some(1..11));
        assert_eq!(find("abc", "C"), Some(2..3));
        assert_eq!(find("abc", "d"), None);
        assert_eq!(find("abc", ""), Some(0..0));
    }

    #[test]
    fn prefixes_match_whole_components() {
        assert_eq!(strip_path_prefix("A\\B\\C", "a\\b"), Some("C"));
        assert_eq!(strip_path_prefix("A\\B", "a\\b"), None);
        assert_eq!(strip_path_prefix("A\\BC", "a\\b"), None);
        assert_eq!(strip_path_prefix("Ä\\x", "ä"), Some("x"));
        assert_eq!(strip_path_prefix("é\\x", "e"), None);
        // Windows leaves the long s as it is: no prefix
        assert_eq!(strip_path_prefix("ſ\\x", "s"), None);
        // capitals of another length in UTF-8: ᾀ (3 bytes) is ᾈ (3 bytes), ÿ (2) is Ÿ (2)
        assert_eq!(strip_path_prefix("ÿ\\x", "Ÿ"), Some("x"));
    }
}
