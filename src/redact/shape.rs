//! What a piece of text looks like: a path, an e-mail address, a host name,
//! or a value too plain to say anything about anyone (a number, a GUID).

/// Where the path in `text` starts: at a drive letter and `:\`, at `\\`
/// and a name (UNC), or at `%VARIABLE%\`; as a byte offset.
pub(super) fn path_start(text: &str) -> Option<usize> {
    path_start_bytes(text.as_bytes())
}

/// [`path_start`] over bytes (ASCII, or text in an ANSI code page).
pub(super) fn path_start_bytes(bytes: &[u8]) -> Option<usize> {
    (0..bytes.len()).find(|&i| {
        let at = |k: usize| i.checked_add(k).and_then(|j| bytes.get(j)).copied();
        let before = i.checked_sub(1).and_then(|j| bytes.get(j)).copied();
        let drive = at(0).is_some_and(|b| b.is_ascii_alphabetic())
            && at(1) == Some(b':')
            && at(2) == Some(b'\\')
            && !before.is_some_and(|b| b.is_ascii_alphanumeric());
        let unc = at(0) == Some(b'\\')
            && at(1) == Some(b'\\')
            && at(2).is_some_and(|b| b.is_ascii_alphanumeric() || b == b'?' || b == b'.')
            && before != Some(b'\\');
        drive || unc || variable_path(bytes.get(i..).unwrap_or_default())
    })
}

/// `%NAME%\…`: a path under an environment variable.
fn variable_path(bytes: &[u8]) -> bool {
    let Some(rest) = bytes.strip_prefix(b"%") else {
        return false;
    };
    let name_len = rest
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric() || **b == b'_')
        .count();
    name_len > 0
        && rest.get(name_len) == Some(&b'%')
        && rest.get(name_len.saturating_add(1)) == Some(&b'\\')
}

/// Whether `text` holds a path anywhere.
pub(super) fn has_path(text: &str) -> bool {
    path_start(text).is_some()
}

/// The user name of a path under a profile folder
/// (`C:\Users\NAME\…`, `…\Documents and Settings\NAME\…`).
pub(super) fn user_of_path(path: &str) -> Option<&str> {
    let lower = path.to_ascii_lowercase();
    ["\\users\\", "\\documents and settings\\"]
        .iter()
        .find_map(|marker| {
            let at = lower.find(marker)?.checked_add(marker.len())?;
            path.get(at..)?.split('\\').next()
        })
        .filter(|name| !name.is_empty() && !name.starts_with('%'))
}

/// Whether `word` is an e-mail address.
pub(super) fn is_email(word: &str) -> bool {
    let Some((local, domain)) = word.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains('@')
        && !word.contains(['\\', '/', ' '])
}

/// Characters an e-mail address is made of, for finding one in raw text.
pub(super) fn is_email_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "._%+-@'".contains(c)
}

/// Whether `text` is a host name (`mail.example.com`, with an optional
/// port) or a URL: labels of letters, digits and `-`, at least two, the
/// last one not a file extension.
pub(super) fn is_host(text: &str) -> bool {
    if text.contains("://") {
        return true;
    }
    let host = text.rsplit_once([':']).map_or(text, |(h, port)| {
        if !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()) {
            h
        } else {
            text
        }
    });
    let labels: Vec<&str> = host.split('.').collect();
    let last = labels.last().copied().unwrap_or_default();
    labels.len() >= 2
        && labels
            .iter()
            .all(|l| !l.is_empty() && l.chars().all(|c| c.is_alphanumeric() || c == '-'))
        && last.chars().any(char::is_alphabetic)
        && !FILE_EXTENSIONS.contains(&last.to_ascii_lowercase().as_str())
}

/// Extensions that make a dotted name a file rather than a host.
const FILE_EXTENSIONS: &[&str] = &[
    "dll", "exe", "pst", "ost", "pab", "oab", "nk2", "xml", "obi", "dat", "srs", "log", "txt",
    "ini", "prf", "reg", "htm", "html", "rtf", "sharing",
];

/// Whether `text` says nothing about anyone whatever property holds it:
/// empty, a small number, a hexadecimal number, a GUID or a boolean.
pub(super) fn is_plain(text: &str) -> bool {
    let text = text.trim();
    let hex = text
        .strip_prefix("0x")
        .or_else(|| text.strip_prefix("0X"))
        .is_some_and(|h| {
            !h.is_empty() && h.len() <= 16 && h.bytes().all(|b| b.is_ascii_hexdigit())
        });
    let number = !text.is_empty()
        && text.len() <= 6
        && text
            .trim_start_matches('-')
            .bytes()
            .all(|b| b.is_ascii_digit());
    let guid = crate::mapi::parse_guid(text).is_some() && text.starts_with('{');
    let boolean = ["true", "false", "yes", "no"]
        .iter()
        .any(|b| text.eq_ignore_ascii_case(b));
    text.is_empty() || hex || number || guid || boolean
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths() {
        assert_eq!(path_start(r"C:\Users\jdoe\a.pst"), Some(0));
        assert_eq!(path_start(r"file C:\x"), Some(5));
        assert_eq!(path_start(r"\\files01\home$\jdoe"), Some(0));
        assert_eq!(path_start(r"%LOCALAPPDATA%\Microsoft\Outlook"), Some(0));
        assert_eq!(path_start("https://mail.example.com/x"), None);
        assert_eq!(path_start("ABC:\\x"), None);
        assert_eq!(user_of_path(r"C:\Users\jdoe\Documents"), Some("jdoe"));
        assert_eq!(
            user_of_path(r"C:\Documents and Settings\Jane Doe\x.pst"),
            Some("Jane Doe")
        );
        assert_eq!(user_of_path(r"C:\Users\%USERNAME%\x"), None);
    }

    #[test]
    fn shapes() {
        assert!(is_email("jane.doe@example.com"));
        assert!(!is_email("@example.com"));
        assert!(is_host("mail.example.com"));
        assert!(is_host("mail.example.com:443"));
        assert!(is_host("https://mail.example.com/owa"));
        assert!(!is_host("mspst.dll"));
        assert!(!is_host("Outlook"));
        assert!(!is_host("1.5"));
        assert!(is_plain("993"));
        assert!(is_plain("0x00000004"));
        assert!(is_plain("{6485D262-C2AC-11D1-AD3E-10A0C911C9C0}"));
        assert!(is_plain("TRUE"));
        assert!(!is_plain("0891234567"));
        assert!(!is_plain("Jane"));
    }
}
