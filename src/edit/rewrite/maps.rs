//! The two mappings of text: path prefixes and whole host names.

/// Path prefixes, old → new, tried longest first. A prefix matches without
/// regard to case, as Windows compares paths, and only where a path part
/// ends: `C:\Users\jdoe` moves `C:\Users\jdoe\a.pst`, never
/// `C:\Users\jdoe2\a.pst`.
#[derive(Debug, Clone, Default)]
pub struct PathMap(Vec<(String, String)>);

impl PathMap {
    /// The mapping of `pairs`.
    pub fn new(mut pairs: Vec<(String, String)>) -> PathMap {
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

    /// `path` with its prefix mapped, when one matches.
    pub fn map(&self, path: &str) -> Option<String> {
        self.0.iter().find_map(|(old, new)| {
            let rest = strip_prefix_folded(path, old)?;
            let at_end =
                old.ends_with(['\\', '/']) || rest.is_empty() || rest.starts_with(['\\', '/']);
            at_end.then(|| format!("{new}{rest}"))
        })
    }
}

/// What follows `prefix` in `text`, compared without regard to case.
fn strip_prefix_folded<'t>(text: &'t str, prefix: &str) -> Option<&'t str> {
    let mut chars = text.char_indices();
    for p in prefix.chars() {
        let (_, t) = chars.next()?;
        if t != p && !t.to_lowercase().eq(p.to_lowercase()) {
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
    /// The mapping of `pairs`.
    pub fn new(mut pairs: Vec<(String, String)>) -> HostMap {
        pairs.sort_by_key(|(old, _)| std::cmp::Reverse(old.len()));
        HostMap(pairs)
    }

    /// Whether it maps nothing.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `text` with every whole host name mapped, when one is.
    pub fn map(&self, text: &str) -> Option<String> {
        if self.0.is_empty() {
            return None;
        }
        let mut out = String::with_capacity(text.len());
        let mut changed = false;
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
                    changed = true;
                }
                None => {
                    out.push(c);
                    at = at.saturating_add(c.len_utf8());
                    previous = Some(c);
                }
            }
        }
        changed.then_some(out)
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
        let map = paths(&[
            ("H:\\", "\\\\fs01\\home\\%USERNAME%\\"),
            ("h:\\archive", "\\\\fs02\\archive"),
        ]);
        assert_eq!(
            map.map("h:\\Mail\\a.pst").as_deref(),
            Some("\\\\fs01\\home\\%USERNAME%\\Mail\\a.pst")
        );
        assert_eq!(
            map.map("H:\\ARCHIVE\\2019.pst").as_deref(),
            Some("\\\\fs02\\archive\\2019.pst")
        );
        assert_eq!(map.map("C:\\H:\\x"), None);
        let map = paths(&[("C:\\Users\\jdoe", "D:\\jdoe")]);
        assert_eq!(map.map("C:\\USERS\\JDOE").as_deref(), Some("D:\\jdoe"));
        assert_eq!(
            map.map("c:\\users\\jdoe\\a.pst").as_deref(),
            Some("D:\\jdoe\\a.pst")
        );
        assert_eq!(map.map("C:\\Users\\jdoe2\\a.pst"), None);
        let map = paths(&[("C:\\Users\\Ärger\\", "D:\\")]);
        assert_eq!(map.map("C:\\users\\ärger\\x").as_deref(), Some("D:\\x"));
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
            assert_eq!(map.map(from).as_deref(), Some(to), "{from}");
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
