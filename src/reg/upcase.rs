//! The capital Windows gives one UTF-16 unit when it compares names without
//! regard to case: Microsoft's published table, [MS-UCODEREF] 3.1.5.3
//! "Windows 8 Upper Case Mapping Table". That table is Unicode's simple
//! upper-case mapping of the Basic Multilingual Plane as Unicode stood
//! around version 6.0, except that title-case letters (`ǅ`) and letters that
//! are other forms of a capital's lower case (`ı`, `ſ`, `µ`, `ς`, the Greek
//! symbol forms) keep their own code, and the Greek small letters with
//! ypogegrammeni map to their title-case forms. Rust's own mapping follows
//! a newer Unicode, so the differences are listed here, and the tests hold
//! rows of the table to them.

/// Units that Unicode (as Rust knows it) gives one capital and the table
/// leaves as they are: ranges, both ends included. A range may hold units
/// that have no capital at all.
const KEPT: &[(u16, u16)] = &[
    (0x00B5, 0x00B5), // micro sign
    (0x0131, 0x0131), // dotless i
    (0x017F, 0x017F), // long s
    (0x019B, 0x019B),
    (0x01C5, 0x01C5), // title-case letters
    (0x01C8, 0x01C8),
    (0x01CB, 0x01CB),
    (0x01F2, 0x01F2),
    (0x023F, 0x0240),
    (0x0252, 0x0252),
    (0x025C, 0x025C),
    (0x0261, 0x0261),
    (0x0264, 0x0266),
    (0x026A, 0x026A),
    (0x026C, 0x026C),
    (0x0282, 0x0282),
    (0x0287, 0x0287),
    (0x029D, 0x029E),
    (0x0345, 0x0345), // combining ypogegrammeni
    (0x03C2, 0x03C2), // final sigma
    (0x03D0, 0x03D1), // Greek symbol forms
    (0x03D5, 0x03D6),
    (0x03F0, 0x03F1),
    (0x03F3, 0x03F3),
    (0x03F5, 0x03F5),
    (0x0525, 0x052F),
    (0x10D0, 0x10FF), // Georgian (capitals since Unicode 11)
    (0x13F8, 0x13FD), // Cherokee small letters
    (0x1C80, 0x1C8A), // Cyrillic extended-C
    (0x1D8E, 0x1D8E),
    (0x1E9B, 0x1E9B),
    (0x1FBE, 0x1FBE), // Greek prosgegrammeni
    (0x2C5F, 0x2C5F),
    (0x2CEC, 0x2CEC),
    (0x2CEE, 0x2CEE),
    (0x2CF3, 0x2CF3),
    (0x2D27, 0x2D27),
    (0x2D2D, 0x2D2D),
    (0xA661, 0xA661),
    (0xA699, 0xA69B),
    (0xA791, 0xA7FF),
    (0xAB53, 0xAB53),
    (0xAB70, 0xABBF), // Cherokee small letters
];

/// The capital Windows gives `c` (one UTF-16 unit: a character of the
/// Basic Multilingual Plane); `c` itself when it has none.
pub(super) fn upcase(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_uppercase();
    }
    let Ok(unit) = u16::try_from(u32::from(c)) else {
        return c;
    };
    if KEPT
        .iter()
        .any(|&(first, last)| (first..=last).contains(&unit))
    {
        return c;
    }
    if let Some(title) = ypogegrammeni(unit) {
        return title;
    }
    let mut upper = c.to_uppercase();
    match (upper.next(), upper.next()) {
        (Some(u), None) if u32::from(u) <= 0xFFFF => u,
        _ => c,
    }
}

/// The Greek small letters with ypogegrammeni, which the table maps to
/// their title-case forms (Unicode's capital of them is two letters).
fn ypogegrammeni(unit: u16) -> Option<char> {
    let to = match unit {
        0x1F80..=0x1F87 | 0x1F90..=0x1F97 | 0x1FA0..=0x1FA7 => unit.checked_add(8)?,
        0x1FB3 | 0x1FC3 | 0x1FF3 => unit.checked_add(9)?,
        _ => return None,
    };
    char::from_u32(u32::from(to))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn up(unit: u32) -> u32 {
        u32::from(upcase(char::from_u32(unit).unwrap()))
    }

    /// Rows of the published table, from every block it maps in.
    #[test]
    fn rows_of_the_table_map_as_it_says() {
        let rows: &[(u32, u32)] = &[
            (0x0061, 0x0041),
            (0x00E0, 0x00C0),
            (0x00FF, 0x0178),
            (0x0101, 0x0100),
            (0x0180, 0x0243),
            (0x0195, 0x01F6),
            (0x019A, 0x023D),
            (0x019E, 0x0220),
            (0x01BF, 0x01F7),
            (0x01C6, 0x01C4),
            (0x01DD, 0x018E),
            (0x0250, 0x2C6F),
            (0x0251, 0x2C6D),
            (0x026B, 0x2C62),
            (0x027D, 0x2C64),
            (0x0292, 0x01B7),
            (0x0371, 0x0370),
            (0x037B, 0x03FD),
            (0x03AC, 0x0386),
            (0x03C3, 0x03A3),
            (0x03CC, 0x038C),
            (0x03D7, 0x03CF),
            (0x03F2, 0x03F9),
            (0x03F8, 0x03F7),
            (0x0430, 0x0410),
            (0x0450, 0x0400),
            (0x04CF, 0x04C0),
            (0x0523, 0x0522),
            (0x0561, 0x0531),
            (0x1D79, 0xA77D),
            (0x1D7D, 0x2C63),
            (0x1E01, 0x1E00),
            (0x1EFF, 0x1EFE),
            (0x1F00, 0x1F08),
            (0x1F70, 0x1FBA),
            (0x1F7D, 0x1FFB),
            (0x1F80, 0x1F88),
            (0x1FA7, 0x1FAF),
            (0x1FB3, 0x1FBC),
            (0x1FC3, 0x1FCC),
            (0x1FE5, 0x1FEC),
            (0x1FF3, 0x1FFC),
            (0x214E, 0x2132),
            (0x2170, 0x2160),
            (0x2184, 0x2183),
            (0x24D0, 0x24B6),
            (0x2C30, 0x2C00),
            (0x2C5E, 0x2C2E),
            (0x2C65, 0x023A),
            (0x2C66, 0x023E),
            (0x2C76, 0x2C75),
            (0x2CE3, 0x2CE2),
            (0x2D00, 0x10A0),
            (0x2D25, 0x10C5),
            (0xA641, 0xA640),
            (0xA697, 0xA696),
            (0xA723, 0xA722),
            (0xA77A, 0xA779),
            (0xA78C, 0xA78B),
            (0xFF41, 0xFF21),
        ];
        for &(lower, capital) in rows {
            assert_eq!(up(lower), capital, "{lower:04X}");
        }
    }

    /// How many units of each 256-unit block the table maps: every block it
    /// maps in, and no other. (A newer Unicode in Rust that gives more
    /// letters a capital fails here: list them in `KEPT`.)
    #[test]
    fn the_table_maps_as_many_units_per_block() {
        let table: &[(u32, usize)] = &[
            (0x00, 57),
            (0x01, 109),
            (0x02, 58),
            (0x03, 55),
            (0x04, 124),
            (0x05, 56),
            (0x1D, 2),
            (0x1E, 123),
            (0x1F, 96),
            (0x21, 18),
            (0x24, 26),
            (0x2C, 105),
            (0x2D, 38),
            (0xA6, 34),
            (0xA7, 46),
            (0xFF, 26),
        ];
        for block in 0u32..256 {
            let mapped = (0u32..256)
                .filter_map(|low| char::from_u32(block * 256 + low))
                .filter(|&c| upcase(c) != c)
                .count();
            let expected = table
                .iter()
                .find(|(b, _)| *b == block)
                .map_or(0, |(_, n)| *n);
            assert_eq!(mapped, expected, "block {block:02X}xx");
        }
    }

    /// Units the table leaves as they are although Unicode gives them a
    /// capital, and units whose capital is not one unit.
    #[test]
    fn what_the_table_does_not_map_stays() {
        for unit in [
            0x00B5, 0x00DF, 0x0131, 0x017F, 0x01C5, 0x0149, 0x0345, 0x03C2, 0x03D0, 0x03F5, 0x0525,
            0x10D0, 0x13F8, 0x1C80, 0x1E9B, 0x1F50, 0x1F88, 0x1FBE, 0x2C5F, 0xA661, 0xA791, 0xAB70,
            0xFB01,
        ] {
            assert_eq!(up(unit), unit, "{unit:04X}");
        }
        // a capital is its own capital
        for unit in [0x0041, 0x00C0, 0x0178, 0x0391, 0x0410, 0x1F88, 0x2C00] {
            assert_eq!(up(unit), unit, "{unit:04X}");
        }
    }
}
