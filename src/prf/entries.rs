//! A compact list of `key=value` settings: the keys and values of a
//! section one after the other in a single string, with where each ends.
//! A large `.prf` holds hundreds of thousands of short settings; two
//! `String`s each would cost several times the text they hold.

use std::fmt;

/// `key=value` settings in order, each read back as `(&str, &str)`.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Entries {
    /// Every key and value, one after the other.
    text: String,
    /// For each entry, where its key ends and where its value ends in `text`;
    /// it starts where the entry before it ends.
    ends: Ends,
}

impl Entries {
    /// No settings.
    pub fn new() -> Self {
        Entries::default()
    }

    /// How many settings there are.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.ends.len() == 0
    }

    /// Add `key=value` at the end.
    pub fn push(&mut self, key: &str, value: &str) {
        self.text.push_str(key);
        let key_end = self.text.len();
        self.text.push_str(value);
        self.ends.push(key_end, self.text.len());
    }

    /// Free the spare room left by adding settings one by one.
    pub fn shrink_to_fit(&mut self) {
        self.text.shrink_to_fit();
        self.ends.shrink_to_fit();
    }

    /// The settings in order.
    pub fn iter(&self) -> Iter<'_> {
        Iter {
            entries: self,
            start: 0,
            next: 0,
        }
    }

    /// The value of `key` (case-insensitive), the first if repeated.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v)
    }

    /// Keep the settings for which `f` gives a value, with that value.
    pub fn retain_map(&mut self, mut f: impl FnMut(&str, &str) -> Option<String>) {
        let mut out = Entries::new();
        for (key, value) in self.iter() {
            if let Some(value) = f(key, value) {
                out.push(key, &value);
            }
        }
        out.shrink_to_fit();
        *self = out;
    }

    /// Change each value in place with `f`, given its key.
    pub fn map_values(&mut self, mut f: impl FnMut(&str, &mut String)) {
        self.retain_map(|key, value| {
            let mut value = value.to_owned();
            f(key, &mut value);
            Some(value)
        });
    }
}

/// Where the keys and values of an [`Entries`] end: in 32 bits, half the
/// room of two `usize`s, until the text outgrows them (never, for a file
/// the command line reads: it refuses inputs long before 4 GiB).
#[derive(Debug, Clone, PartialEq, Eq)]
enum Ends {
    Narrow(Vec<(u32, u32)>),
    Wide(Vec<(usize, usize)>),
}

impl Default for Ends {
    fn default() -> Self {
        Ends::Narrow(Vec::new())
    }
}

impl Ends {
    fn with_capacity(n: usize) -> Self {
        Ends::Narrow(Vec::with_capacity(n))
    }

    fn len(&self) -> usize {
        match self {
            Ends::Narrow(list) => list.len(),
            Ends::Wide(list) => list.len(),
        }
    }

    fn push(&mut self, key_end: usize, value_end: usize) {
        if let Ends::Narrow(list) = self {
            match (u32::try_from(key_end), u32::try_from(value_end)) {
                (Ok(k), Ok(v)) => return list.push((k, v)),
                _ => {
                    *self = Ends::Wide(
                        list.iter()
                            .map(|&(k, v)| (k as usize, v as usize))
                            .collect(),
                    )
                }
            }
        }
        if let Ends::Wide(list) = self {
            list.push((key_end, value_end));
        }
    }

    fn get(&self, i: usize) -> Option<(usize, usize)> {
        match self {
            Ends::Narrow(list) => list.get(i).map(|&(k, v)| (k as usize, v as usize)),
            Ends::Wide(list) => list.get(i).copied(),
        }
    }

    fn shrink_to_fit(&mut self) {
        match self {
            Ends::Narrow(list) => list.shrink_to_fit(),
            Ends::Wide(list) => list.shrink_to_fit(),
        }
    }
}

impl fmt::Debug for Entries {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl<K: AsRef<str>, V: AsRef<str>> FromIterator<(K, V)> for Entries {
    /// The settings of `iter`, held without spare room.
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        let iter = iter.into_iter();
        let mut out = Entries {
            text: String::new(),
            ends: Ends::with_capacity(iter.size_hint().0),
        };
        for (key, value) in iter {
            out.push(key.as_ref(), value.as_ref());
        }
        out.shrink_to_fit();
        out
    }
}

impl<'e> IntoIterator for &'e Entries {
    type Item = (&'e str, &'e str);
    type IntoIter = Iter<'e>;

    fn into_iter(self) -> Iter<'e> {
        self.iter()
    }
}

/// The settings of an [`Entries`] in order.
#[derive(Debug, Clone)]
pub struct Iter<'e> {
    entries: &'e Entries,
    /// Where the next entry starts in the text.
    start: usize,
    /// Its index.
    next: usize,
}

impl<'e> Iterator for Iter<'e> {
    type Item = (&'e str, &'e str);

    fn next(&mut self) -> Option<(&'e str, &'e str)> {
        let (key_end, value_end) = self.entries.ends.get(self.next)?;
        let text = &self.entries.text;
        let key = text.get(self.start..key_end).unwrap_or_default();
        let value = text.get(key_end..value_end).unwrap_or_default();
        self.start = value_end;
        self.next = self.next.saturating_add(1);
        Some((key, value))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = self.entries.ends.len().saturating_sub(self.next);
        (left, Some(left))
    }
}

impl ExactSizeIterator for Iter<'_> {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_read_back_as_pushed() {
        let mut e: Entries = [("A", "1"), ("", ""), ("Bc", "")].into_iter().collect();
        e.push("d", "xyz");
        assert_eq!(
            e.iter().collect::<Vec<_>>(),
            [("A", "1"), ("", ""), ("Bc", ""), ("d", "xyz")]
        );
        assert_eq!(e.len(), 4);
        assert_eq!(e.get("D"), Some("xyz"));
        assert_eq!(e.get("z"), None);
        e.retain_map(|k, v| (!k.is_empty()).then(|| format!("{v}!")));
        assert_eq!(
            format!("{e:?}"),
            r#"[("A", "1!"), ("Bc", "!"), ("d", "xyz!")]"#
        );
    }
}
