//! The two mappings of text: path prefixes and whole host names.

/// Path prefixes, old → new, tried longest first. A prefix matches without
/// regard to case, as Windows compares paths, `\` and `/` alike, and only
/// where a path part ends: `C:\Users\jdoe` moves `C:\Users\jdoe\a.pst`,
/// never `C:\Users\jdoe2\a.pst`. Separators at the end of either side do
/// not count: `D:\Mail\=E:\Post` and `D:\Mail=E:\Post\` both give
/// `E:\Post\a.pst`.
#[derive(Debug, Clone, Default)]
pub struct PathMap(Vec<(String, String)>);

impl PathMap {
    /// The mapping of `pairs` (each side already known not to be empty
    /// once its ending separators are left out: see
    /// [`super::path_pair`]).
    pub fn new(pairs: Vec<(String, String)>) -> PathMap {
        let mut pairs: Vec<(String, String)> = pairs
            .into_iter()
            .map(|(old, new)| (trimmed(&old).to_owned(), trimmed(&new).to_owned()))
            .filter(|(old, _)| !old.is_empty())
            .collect();
        pairs.sort_by_key(|(old, _)| std::cmp::Reverse(old.chars().count()));
        PathMap(pairs)
    }

    /// Whether it maps nothing.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The old prefixes.
    pub fn olds(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|(old, _)| old.as_str())
    }

    /// The mappings, longest old prefix first.
    pub fn pairs(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(old, new)| (old.as_str(), new.as_str()))
    }

    /// `path` with its prefix mapped, and the old prefix, when one matches.
    pub fn map(&self, path: &str) -> Option<(String, &str)> {
        self.0.iter().find_map(|(old, new)| {
            let rest = strip_prefix_folded(path, old)?;
            (rest.is_empty() || rest.starts_with(['\\', '/']))
                .then(|| (format!("{new}{rest}"), old.as_str()))
        })
    }
}

/// `path` without the separators it ends with.
pub(super) fn trimmed(path: &str) -> &str {
    path.trim_end_matches(['\\', '/'])
}

/// What follows `prefix` in `text`, compared without regard to case and
/// with `\` and `/` alike.
fn strip_prefix_folded<'t>(text: &'t str, prefix: &str) -> Option<&'t str> {
    let separator = |c: char| c == '\\' || c == '/';
    let mut chars = text.char_indices();
    for p in prefix.chars() {
        let (_, t) = chars.next()?;
        let alike =
            t == p || (separator(t) && separator(p)) || t.to_lowercase().eq(p.to_lowercase());
        if !alike {
            return None;
        }
    }
    Some(
        chars
            .next()
            .map_or("", |(at, _)| text.get(at..).unwrap_or_default()),
    )
}

/// Host names, old → new. A name matches whole, without regard to case:
/// `mail.example.com` in `msstd:mail.example.com`, `mail.example.com:443`
/// and `https://mail.example.com/ews`, never in `mail.example.community`
/// or `webmail.example.com`.
#[derive(Debug, Clone, Default)]
pub struct HostMap(Vec<(String, String)>);

impl HostMap {
    /// The mapping of `pairs` (an empty old name maps nothing).
    pub fn new(mut pairs: Vec<(String, String)>) -> HostMap {
        pairs.retain(|(old, _)| !old.is_empty());
        pairs.sort_by_key(|(old, _)| std::cmp::Reverse(old.len()));
        HostMap(pairs)
    }

    /// Whether it maps nothing.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The mappings, longest old name first.
    pub fn pairs(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(old, new)| (old.as_str(), new.as_str()))
    }

    /// `text` with every whole host name mapped, with the old names found,
    /// when one is.
    pub fn map(&self, text: &str) -> Option<(String, Vec<&str>)> {
        if self.0.is_empty() {
            return None;
        }
        let mut out = String::with_capacity(text.len());
        let mut found_olds: Vec<&str> = Vec::new();
        let mut at = 0usize;
        let mut previous: Option<char> = None;
        while let Some(rest) = text.get(at..) {
            let Some(c) = rest.chars().next() else {
                break;
            };
            let starts_name = previous.is_none_or(|p| !in_host(p));
            let found = starts_name
                .then(|| {
                    self.0.iter().find(|(old, _)| {
                        rest.get(..old.len())
                            .is_some_and(|head| head.eq_ignore_ascii_case(old))
                            && rest
                                .get(old.len()..)
                                .and_then(|after| after.chars().next())
                                .is_none_or(|next| !in_host(next))
                    })
                })
                .flatten();
            match found {
                Some((old, new)) => {
                    out.push_str(new);
                    at = at.saturating_add(old.len());
                    previous = old.chars().last();
                    found_olds.push(old);
                }
                None => {
                    out.push(c);
                    at = at.saturating_add(c.len_utf8());
                    previous = Some(c);
                }
            }
        }
        (!found_olds.is_empty()).then_some((out, found_olds))
    }
}

/// Whether `c` can be part of a host name.
fn in_host(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '.' | '-' | '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(pairs: &[(&str, &str)]) -> PathMap {
        PathMap::new(
            pairs
                .iter()
                .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
                .collect(),
        )
    }

    fn hosts(pairs: &[(&str, &str)]) -> HostMap {
        HostMap::new(
            pairs
                .iter()
                .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
                .collect(),
        )
    }

    #[test]
    fn paths_map_by_prefix_longest_first_without_case() {
        let new = |map: &PathMap, path: &str| map.map(path).map(|(new, _)| new);
        let map = paths(&[
            ("H:\\", "\\\\fs01\\home\\%USERNAME%\\"),
            ("h:\\archive", "\\\\fs02\\archive"),
        ]);
        assert_eq!(
            new(&map, "h:\\Mail\\a.pst").as_deref(),
            Some("\\\\fs01\\home\\%USERNAME%\\Mail\\a.pst")
        );
        assert_eq!(
            new(&map, "H:\\ARCHIVE\\2019.pst").as_deref(),
            Some("\\\\fs02\\archive\\2019.pst")
        );
        assert_eq!(map.map("h:/archive/2019.pst").unwrap().1, "h:\\archive");
        assert_eq!(new(&map, "C:\\H:\\x"), None);
        let map = paths(&[("C:\\Users\\jdoe", "D:\\jdoe")]);
        assert_eq!(new(&map, "C:\\USERS\\JDOE").as_deref(), Some("D:\\jdoe"));
        assert_eq!(
            new(&map, "c:\\users\\jdoe\\a.pst").as_deref(),
            Some("D:\\jdoe\\a.pst")
        );
        assert_eq!(new(&map, "C:\\Users\\jdoe2\\a.pst"), None);
        let map = paths(&[("C:\\Users\\Ärger\\", "D:\\")]);
        assert_eq!(new(&map, "C:\\users\\ärger\\x").as_deref(), Some("D:\\x"));
        // a separator at the end of one side and not the other
        for (old, to) in [("D:\\Mail\\", "E:\\Post"), ("D:\\Mail", "E:\\Post\\")] {
            let map = paths(&[(old, to)]);
            assert_eq!(
                new(&map, "d:\\mail\\a.pst").as_deref(),
                Some("E:\\Post\\a.pst")
            );
        }
    }

    #[test]
    fn hosts_map_whole_names_only() {
        let map = hosts(&[("mail.example.com", "mx.example.net")]);
        for (from, to) in [
            ("mail.example.com", "mx.example.net"),
            ("MAIL.Example.com:443", "mx.example.net:443"),
            ("msstd:mail.example.com", "msstd:mx.example.net"),
            ("https://mail.example.com/ews", "https://mx.example.net/ews"),
            (
                "ncacn_http:mail.example.com ncacn_ip_tcp:mail.example.com",
                "ncacn_http:mx.example.net ncacn_ip_tcp:mx.example.net",
            ),
        ] {
            assert_eq!(map.map(from).map(|(t, _)| t).as_deref(), Some(to), "{from}");
        }
        for alike in [
            "mail.example.community",
            "webmail.example.com",
            "mail.example.com.au",
            "mail-example.com",
            "ex-mail.example.com",
        ] {
            assert_eq!(map.map(alike), None, "{alike}");
        }
    }
}
