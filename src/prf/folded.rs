//! A section name or key as a map key, compared as the rest of the `.prf`
//! reader compares them: without regard to ASCII case. It borrows the name,
//! so that indexing the sections of a large file allocates nothing per name.

use std::hash::{Hash, Hasher};

/// `name`, equal to any spelling that differs only in ASCII case.
#[derive(Debug, Clone, Copy)]
pub struct Folded<'a>(pub &'a str);

impl PartialEq for Folded<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.0.eq_ignore_ascii_case(other.0)
    }
}

impl Eq for Folded<'_> {}

impl Hash for Folded<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        for b in self.0.bytes() {
            state.write_u8(b.to_ascii_lowercase());
        }
        // as `str` does: "ab" + "c" and "a" + "bc" hash apart in a tuple
        state.write_u8(0xff);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn spellings_that_differ_in_ascii_case_are_one_key() {
        let set: HashSet<Folded> = ["Service1", "SERVICE1", "service1", "Service2", "Sérvice1"]
            .into_iter()
            .map(Folded)
            .collect();
        assert_eq!(set.len(), 3);
        assert!(set.contains(&Folded("sErViCe2")));
        assert!(!set.contains(&Folded("SÉRVICE1")));
    }
}
