//! Which ANSI code page a file's 8-bit text is in, when the user does not
//! say: Regedit and MAPI read such text in the code page of the machine
//! that wrote it, which the file does not record. The guess looks at all
//! of the file's 8-bit strings at once (chardetng, written for Firefox's
//! guess of unlabelled pages), so that one short name does not decide.

use encoding_rs::Encoding as CodePage;

use super::TagName;
use crate::reg::{RegData, RegValue};

/// The Windows ANSI code pages a guess may switch to: those of scripts
/// that Windows-1252 turns into noise (CJK, Cyrillic, Greek, Hebrew,
/// Arabic, Thai). The Latin pages (1250, 1254, 1257, 1258) are left out:
/// they differ from 1252 in a few letters, so that names such as "Hélène"
/// or "Škoda" look as much like one as the other, and a wrong guess would
/// change what was written. A guess outside Windows (EUC-JP, KOI8-R, an
/// ISO 8859 page) is not what any Windows wrote.
const SWITCH_TO: [&CodePage; 9] = [
    encoding_rs::SHIFT_JIS,
    encoding_rs::GBK,
    encoding_rs::EUC_KR,
    encoding_rs::BIG5,
    encoding_rs::WINDOWS_1251,
    encoding_rs::WINDOWS_1253,
    encoding_rs::WINDOWS_1255,
    encoding_rs::WINDOWS_1256,
    encoding_rs::WINDOWS_874,
];

/// The bytes outside ASCII a guess needs before it is taken: one short
/// word is not evidence.
const EVIDENCE: usize = 6;

/// Collects 8-bit text and guesses its code page.
pub struct Guess {
    detector: chardetng::EncodingDetector,
    /// How many bytes fed were outside ASCII: without enough there is
    /// nothing to guess from.
    seen: usize,
}

impl Default for Guess {
    fn default() -> Self {
        Guess::new()
    }
}

impl Guess {
    /// Nothing seen yet.
    pub fn new() -> Guess {
        Guess {
            detector: chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny),
            seen: 0,
        }
    }

    /// Feed text whose bytes are in the code page sought.
    pub fn feed(&mut self, bytes: &[u8]) {
        if bytes.is_ascii() {
            return;
        }
        let high = bytes.iter().filter(|b| !b.is_ascii()).count();
        self.seen = self.seen.saturating_add(high);
        self.detector.feed(bytes, false);
        // the strings are separate: keep one from running into the next
        self.detector.feed(b" ", false);
    }

    /// Feed the `PT_STRING8` strings of a profile value (`001e…`, and
    /// each string of a `101e…` list); other values are left alone.
    pub fn feed_value(&mut self, value: &RegValue) {
        let Some(tag) = TagName::parse(value.name.as_str()) else {
            return;
        };
        if tag.secure || tag.tag.ptype.base() != super::PropType::STRING8 {
            return;
        }
        let RegData::Hex { bytes, .. } = &value.data else {
            return;
        };
        // the strings are the runs between NULs; a list's header (counts
        // and offsets) is runs of control bytes, which are not text
        for run in bytes.split(|b| *b == 0) {
            if run.iter().all(|b| *b >= 0x20 || *b == b'\t') {
                self.feed(run);
            }
        }
    }

    /// The code page guessed, when enough text outside ASCII was seen and
    /// the guess is one of the pages Windows-1252 would garble.
    pub fn finish(mut self) -> Option<&'static CodePage> {
        if self.seen < EVIDENCE {
            return None;
        }
        self.detector.feed(b"", true);
        // Regedit never reads a file as UTF-8: the candidates are ANSI
        // code pages
        let guess = self.detector.guess(None, chardetng::Utf8Detection::Deny);
        SWITCH_TO.contains(&guess).then_some(guess)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn guess(texts: &[&str], codepage: &'static CodePage) -> Option<&'static CodePage> {
        let mut g = Guess::new();
        for text in texts {
            let (bytes, _, bad) = codepage.encode(text);
            assert!(!bad);
            g.feed(&bytes);
        }
        g.finish()
    }

    #[test]
    fn japanese_names_read_as_shift_jis() {
        let found = guess(
            &["連絡先", "連絡先 (このコンピューターのみ)"],
            encoding_rs::SHIFT_JIS,
        );
        assert_eq!(found, Some(encoding_rs::SHIFT_JIS));
    }

    #[test]
    fn cyrillic_and_greek_names_read_as_theirs() {
        let found = guess(&["Иван Петров", "Контакты"], encoding_rs::WINDOWS_1251);
        assert_eq!(found, Some(encoding_rs::WINDOWS_1251));
        let found = guess(
            &["Γιώργος Παπαδόπουλος", "Επαφές"],
            encoding_rs::WINDOWS_1253,
        );
        assert_eq!(found, Some(encoding_rs::WINDOWS_1253));
    }

    #[test]
    fn western_text_and_ascii_keep_the_default() {
        assert_eq!(guess(&["Müller", "Café"], encoding_rs::WINDOWS_1252), None);
        // names that also read as Central European, Turkish or Baltic text
        for name in [
            "Hélène Dupont",
            "Œuvre",
            "Škoda",
            "Ìtalo",
            "Çelik",
            "Ýr",
            "Ðavid",
        ] {
            assert_eq!(guess(&[name], encoding_rs::WINDOWS_1252), None, "{name}");
        }
        assert_eq!(
            guess(
                &["Hélène Dupont", "Françoise Lefèvre", "Réunion à Genève"],
                encoding_rs::WINDOWS_1252
            ),
            None
        );
        assert_eq!(guess(&["plain", "ascii"], encoding_rs::WINDOWS_1252), None);
        assert_eq!(guess(&[], encoding_rs::WINDOWS_1252), None);
    }

    #[test]
    fn only_string8_values_count() {
        let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode("連絡先 (このコンピューターのみ)");
        let mut bytes = sjis.to_vec();
        bytes.push(0);
        let mut g = Guess::new();
        // the same bytes as binary or Unicode data are not 8-bit text
        for name in ["01020001", "001f3001", "S001e67f1", "Name"] {
            g.feed_value(&RegValue::named(
                name,
                RegData::Hex {
                    kind: 3,
                    bytes: bytes.clone(),
                },
            ));
        }
        assert_eq!(g.seen, 0);
        g.feed_value(&RegValue::named(
            "001e3001",
            RegData::Hex { kind: 3, bytes },
        ));
        assert_eq!(g.finish(), Some(encoding_rs::SHIFT_JIS));
    }
}
