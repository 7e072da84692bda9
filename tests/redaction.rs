//! `--redact` output is safe to post: none of the personal strings of the
//! original (paths, user names, e-mail addresses, hosts, profile, account
//! and display names, names in free-text lists) is left in it, as text, as
//! UTF-16LE or as ANSI bytes inside binary values; and it is still a
//! document that converts and round-trips.
//!
//! The strings to look for are taken from each original at run time, so the
//! test says nothing about the corpus itself.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use mapiprof::mapi::{self, PropValue, TagName, account, dictionary};
use mapiprof::model::{Model, Reach, describe};
use mapiprof::prf::PrfModel;
use mapiprof::redact::Redactor;
use mapiprof::reg::{RegData, RegValue};
use mapiprof::yaml;

/// The personal strings of a document.
#[derive(Debug, Default)]
struct Sensitive {
    /// Looked for anywhere in the output, in every encoding.
    anywhere: BTreeSet<String>,
    /// Looked for as a whole name or value only: profile names, which are
    /// often a word the product's own strings keep (`Outlook`).
    whole: BTreeSet<String>,
}

impl Sensitive {
    /// A profile name: looked for as a whole.
    fn whole(&mut self, text: &str) {
        let text = text.trim();
        if !text.is_empty() && !is_placeholder(text) {
            self.whole.insert(text.to_owned());
        }
    }

    fn add(&mut self, text: &str) {
        let text = text.trim();
        let chars = text.chars().count();
        // a string this short says nothing about anyone, and would be
        // found by chance
        let too_short = if text.is_ascii() {
            chars < 3
        } else {
            chars < 2
        };
        if !too_short && !is_placeholder(text) {
            self.anywhere.insert(text.to_owned());
        }
    }

    /// A text value: the paths, user names and addresses in it, and, when
    /// `whole` says it names someone or something, the value itself.
    fn text(&mut self, text: &str, whole: bool) {
        if whole {
            self.add(text);
        }
        for path in paths_in(text) {
            self.path(&path);
        }
        for word in text.split(|c: char| c.is_whitespace() || "\"';,<>()[]".contains(c)) {
            if is_email(word) {
                self.add(word);
            }
        }
    }

    fn path(&mut self, path: &str) {
        self.add(path);
        for marker in ["\\Users\\", "\\Documents and Settings\\"] {
            if let Some((_, rest)) = path.split_once(marker) {
                self.add(rest.split('\\').next().unwrap());
            }
        }
    }

    fn host(&mut self, text: &str) {
        let text = text.trim();
        let text = text.strip_prefix("msstd:").unwrap_or(text);
        let text = text.split_once("://").map_or(text, |(_, rest)| rest);
        let host = text.split(['/', ':']).next().unwrap();
        let host = match host.rsplit_once('-') {
            Some((h, port)) if port.bytes().all(|b| b.is_ascii_digit()) && !port.is_empty() => h,
            _ => host,
        };
        self.add(host);
    }
}

/// A `.prf` placeholder Outlook fills in (`%UserName%`, `{$profilename}`).
fn is_placeholder(text: &str) -> bool {
    (text.starts_with('%') && text.ends_with('%'))
        || (text.starts_with("{$") && text.ends_with('}'))
}

fn is_email(word: &str) -> bool {
    word.split_once('@').is_some_and(|(local, domain)| {
        !local.is_empty() && domain.contains('.') && !domain.ends_with("example.invalid")
    })
}

/// Every path in `text`: from a drive letter and `:\`, or from `\\`, to the
/// end.
fn paths_in(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    for i in 0..chars.len() {
        let drive = chars[i].is_ascii_alphabetic()
            && chars.get(i + 1) == Some(&':')
            && chars.get(i + 2) == Some(&'\\')
            && (i == 0 || !chars[i - 1].is_ascii_alphanumeric());
        let unc = chars[i] == '\\'
            && chars.get(i + 1) == Some(&'\\')
            && chars.get(i + 2).is_some_and(|c| c.is_alphanumeric());
        if drive || unc {
            return vec![chars[i..].iter().collect()];
        }
    }
    Vec::new()
}

/// The printable runs of `bytes` as UTF-16LE (both alignments) and as
/// single bytes (Windows-1252 and Shift-JIS, the code pages of the corpus).
fn runs_in(bytes: &[u8]) -> Vec<String> {
    let mut runs = Vec::new();
    for start in 0..2 {
        let units: Vec<u16> = bytes
            .get(start..)
            .unwrap_or_default()
            .chunks_exact(2)
            .map(|p| u16::from_le_bytes([p[0], p[1]]))
            .collect();
        for run in units.split(|&u| u < 0x20 || (0xD800..0xE000).contains(&u) || u >= 0xFFFE) {
            if run.len() >= 3 {
                runs.push(String::from_utf16_lossy(run));
            }
        }
    }
    for run in bytes.split(|&b| b < 0x20 || b == 0x7F) {
        if run.len() >= 3 {
            for cp in [encoding_rs::WINDOWS_1252, encoding_rs::SHIFT_JIS] {
                runs.push(cp.decode_without_bom_handling(run).0.into_owned());
            }
        }
    }
    runs
}

/// The texts of a value: its string, the text of a MAPI string property
/// written as hex, the items of a multi-valued one, or account text in
/// UTF-16.
fn texts_of(value: &RegValue, cp: &'static encoding_rs::Encoding) -> Vec<String> {
    match &value.data {
        RegData::String(text) => vec![text.clone()],
        RegData::Hex { bytes, .. } => {
            let name = value.name.as_str();
            if let Some(tag) = TagName::parse(name) {
                return match mapi::decode(tag.tag.ptype, bytes, cp) {
                    Some(PropValue::Unicode(t) | PropValue::String8(t)) => vec![t],
                    Some(PropValue::MvUnicode(items, _) | PropValue::MvString8(items, _)) => items,
                    _ => Vec::new(),
                };
            }
            match account::form(name) {
                Some(account::Form::Text) => mapi::unicode_text(bytes).into_iter().collect(),
                _ => Vec::new(),
            }
        }
        _ => Vec::new(),
    }
}

/// The binary items of a value: the bytes of any hex value not shown as
/// text, each entry of a multi-valued binary.
fn binaries_of(value: &RegValue, cp: &'static encoding_rs::Encoding) -> Vec<Vec<u8>> {
    let RegData::Hex { bytes, .. } = &value.data else {
        return Vec::new();
    };
    if let Some(tag) = TagName::parse(value.name.as_str())
        && let Some(PropValue::MvBinary(items, _)) = mapi::decode(tag.tag.ptype, bytes, cp)
    {
        return items;
    }
    vec![bytes.clone()]
}

/// Which ids name a host, a user or mailbox, an account or a display name:
/// whatever the section, so the test does not depend on the redactor's view
/// of scopes.
const HOST_IDS: &[u16] = &[0x6602, 0x6608, 0x660C, 0x662A, 0x6622, 0x6625];
const NAME_IDS: &[u16] = &[
    0x3001, 0x3D12, 0x3E00, 0x6603, 0x6607, 0x660B, 0x6620, 0x66A0, 0x6641,
];
/// An LDAP directory's section gives the ids other meanings: its server,
/// and its bind user and search base.
const LDAP_HOST_IDS: &[u16] = &[0x6600];
const LDAP_NAME_IDS: &[u16] = &[0x3001, 0x3D12, 0x3E00, 0x6602, 0x6603];

fn sensitive_of_model(model: &Model) -> Sensitive {
    let cp = model.source.codepage;
    let mut found = Sensitive::default();
    for block in &model.keys {
        for value in &block.values {
            for text in texts_of(value, cp) {
                if value.name.as_str().eq_ignore_ascii_case("DefaultProfile") {
                    found.whole(&text);
                }
                found.text(&text, false);
            }
            for bytes in binaries_of(value, cp) {
                binary(&mut found, &bytes);
            }
        }
    }
    for profile in &model.profiles {
        found.whole(&profile.name);
        let infos = describe(profile, cp);
        for (key, info) in profile.keys.iter().zip(infos) {
            for value in &key.values {
                let name = value.name.as_str();
                let lower = name.to_ascii_lowercase();
                let tag = TagName::parse(name).map(|t| t.tag);
                let (host_ids, name_ids) = match info.scope {
                    Some(mapiprof::mapi::dictionary::Scope::Ldap) => (LDAP_HOST_IDS, LDAP_NAME_IDS),
                    _ => (HOST_IDS, NAME_IDS),
                };
                let is_host = if info.account_manager {
                    lower.ends_with(" server") || lower.ends_with(" server url")
                } else {
                    tag.is_some_and(|t| host_ids.contains(&t.id))
                };
                let is_name = if info.account_manager {
                    lower.ends_with(" user")
                        || ["account name", "display name", "email"].contains(&lower.as_str())
                } else {
                    tag.is_some_and(|t| {
                        name_ids.contains(&t.id)
                            // a list no dictionary entry explains: free text
                            || (t.ptype.is_multi()
                                && dictionary::lookup(t, info.scope).is_none())
                    })
                };
                for text in texts_of(value, cp) {
                    if is_host {
                        found.host(&text);
                    }
                    found.text(&text, is_name);
                }
                for bytes in binaries_of(value, cp) {
                    binary(&mut found, &bytes);
                }
            }
        }
    }
    found
}

/// The paths in the printable runs of `bytes`.
fn binary(found: &mut Sensitive, bytes: &[u8]) {
    for run in runs_in(bytes) {
        for path in paths_in(&run) {
            found.path(&path);
        }
    }
}

fn sensitive_of_prf(model: &PrfModel) -> Sensitive {
    let mut found = Sensitive::default();
    let general = &model.general;
    let items = model.services.iter().chain(&model.accounts);
    let entries = general
        .active
        .iter()
        .chain(&general.commented)
        .chain(items.flat_map(|i| i.settings.active.iter().chain(&i.settings.commented)))
        .chain(
            model
                .sections
                .iter()
                .flat_map(|s| s.entries.iter().map(|(k, v)| (k.as_str(), v.as_str()))),
        );
    for (key, value) in entries {
        let lower = key.to_ascii_lowercase();
        if lower == "profilename" {
            found.whole(value);
            continue;
        }
        if lower.contains("server") {
            found.host(value);
        }
        let is_name = ["user", "mailbox", "name", "email", "address"]
            .iter()
            .any(|w| lower.contains(w));
        found.text(value, is_name);
    }
    found
}

/// Every encoding a string can take inside a binary value.
fn byte_forms(text: &str) -> Vec<Vec<u8>> {
    let mut forms = vec![
        text.encode_utf16().flat_map(u16::to_le_bytes).collect(),
        text.as_bytes().to_vec(),
    ];
    for cp in [encoding_rs::WINDOWS_1252, encoding_rs::SHIFT_JIS] {
        let (bytes, _, unmappable) = cp.encode(text);
        if !unmappable {
            forms.push(bytes.into_owned());
        }
    }
    forms
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && haystack.windows(needle.len()).any(|w| w == needle)
}

/// The leaks of `sensitive` in a redacted model: where each is found.
fn leaks_in_model(sensitive: &Sensitive, redacted: &Model) -> Vec<String> {
    let cp = redacted.source.codepage;
    let reg = redacted.to_reg_bytes(Reach::AnyKey).unwrap();
    let reg_text = match reg.strip_prefix(&[0xFF, 0xFE]) {
        Some(body) => String::from_utf16_lossy(
            &body
                .chunks_exact(2)
                .map(|p| u16::from_le_bytes([p[0], p[1]]))
                .collect::<Vec<_>>(),
        ),
        None => cp.decode_without_bom_handling(&reg).0.into_owned(),
    };
    // without its comments, which name services in mapiprof's own words
    // (`# service MSEMS (Microsoft Exchange)`) and otherwise repeat values
    let yaml_text: String = yaml::write(redacted, &yaml::WriteOptions::default())
        .unwrap()
        .lines()
        .map(|line| line.split_once(" # ").map_or(line, |(data, _)| data))
        .collect::<Vec<_>>()
        .join("\n");
    // the values as a reader of the written .reg gets them
    let again = common::model_of(&reg);
    let mut hex: Vec<Vec<u8>> = Vec::new();
    let mut texts: Vec<String> = Vec::new();
    let mut names: Vec<String> = Vec::new();
    let root = again.root.clone().unwrap_or_default().to_ascii_lowercase();
    for block in again
        .keys
        .iter()
        .chain(again.profiles.iter().flat_map(|p| &p.keys))
    {
        // a key under the profiles' root outside the profiles names one
        if let Some(rest) = block
            .path
            .to_ascii_lowercase()
            .strip_prefix(&format!("{root}\\"))
        {
            names.extend(rest.split('\\').next().map(str::to_owned));
        }
        for value in &block.values {
            texts.extend(texts_of(value, cp));
            if let RegData::Hex { bytes, .. } = &value.data {
                hex.push(bytes.clone());
            }
        }
    }
    names.extend(again.profiles.iter().map(|p| p.name.clone()));
    let mut leaks = Vec::new();
    for s in &sensitive.anywhere {
        if reg_text.contains(s.as_str()) {
            leaks.push(format!("{s:?} in the .reg text"));
        }
        if yaml_text.contains(s.as_str()) {
            leaks.push(format!("{s:?} in the YAML"));
        }
        for form in byte_forms(s) {
            if hex.iter().any(|bytes| contains(bytes, &form)) {
                leaks.push(format!("{s:?} in a hex value ({form:02x?})"));
            }
        }
    }
    for s in &sensitive.whole {
        let same = |t: &String| t.trim().eq_ignore_ascii_case(s.trim());
        if names.iter().any(same) || texts.iter().any(same) {
            leaks.push(format!("{s:?} as a key name or value"));
        }
    }
    leaks
}

/// The leaks of `sensitive` in the values of a redacted `.prf`.
fn leaks_in_prf(sensitive: &Sensitive, redacted: &PrfModel) -> Vec<String> {
    let text = mapiprof::prf::write(redacted).unwrap();
    let again = common::prf_model_of(text.as_bytes());
    let values: Vec<String> = sensitive_values(&again);
    let mut leaks = Vec::new();
    for s in &sensitive.anywhere {
        if values.iter().any(|v| v.contains(s.as_str())) {
            leaks.push(format!("{s:?} in a value"));
        }
    }
    for s in &sensitive.whole {
        if values
            .iter()
            .any(|v| v.trim().eq_ignore_ascii_case(s.trim()))
        {
            leaks.push(format!("{s:?} as a value"));
        }
    }
    leaks
}

/// Every setting value of a `.prf` (the mapping blocks name properties, not
/// people).
fn sensitive_values(model: &PrfModel) -> Vec<String> {
    let general = &model.general;
    let items = model.services.iter().chain(&model.accounts);
    general
        .active
        .iter()
        .chain(&general.commented)
        .chain(items.flat_map(|i| i.settings.active.iter().chain(&i.settings.commented)))
        .chain(
            model
                .sections
                .iter()
                .flat_map(|s| s.entries.iter().map(|(k, v)| (k.as_str(), v.as_str()))),
        )
        .map(|(_, v)| v.to_owned())
        .collect()
}

/// Redact every `.reg` of `regs` and `.prf` of `prfs` with one redactor per
/// file; returns (files, sensitive strings checked), failing with every
/// leak found.
fn no_leaks(regs: &[std::path::PathBuf], prfs: &[std::path::PathBuf]) -> (usize, usize) {
    let mut checked = 0;
    let mut leaks = Vec::new();
    for path in regs {
        let model = common::model_of(&std::fs::read(path).unwrap());
        let sensitive = sensitive_of_model(&model);
        checked += sensitive.anywhere.len() + sensitive.whole.len();
        let redacted = Redactor::new().model(&model);
        leaks.extend(
            leaks_in_model(&sensitive, &redacted)
                .into_iter()
                .map(|l| format!("{}: {l}", name(path))),
        );
        // still a document that converts and comes back the same
        let reg = redacted.to_reg_bytes(Reach::AnyKey).unwrap();
        let back = common::model_in(&reg, redacted.source.codepage);
        assert_eq!(back, redacted, "{}", name(path));
        let text = yaml::write(&redacted, &yaml::WriteOptions::default()).unwrap();
        assert_eq!(yaml::read(&text).unwrap(), redacted, "{}", name(path));
    }
    for path in prfs {
        let model = common::prf_model_of(&std::fs::read(path).unwrap());
        let sensitive = sensitive_of_prf(&model);
        checked += sensitive.anywhere.len() + sensitive.whole.len();
        let redacted = Redactor::new().prf(&model);
        leaks.extend(
            leaks_in_prf(&sensitive, &redacted)
                .into_iter()
                .map(|l| format!("{}: {l}", name(path))),
        );
    }
    assert!(
        leaks.is_empty(),
        "{} leaks:\n{}",
        leaks.len(),
        leaks.join("\n")
    );
    (regs.len() + prfs.len(), checked)
}

fn name(path: &Path) -> String {
    path.file_name().unwrap().to_string_lossy().into_owned()
}

common::corpus_test!(redacted_corpus_files_leak_nothing_personal, {
    let regs = common::corpus_reg_files();
    let prfs = common::corpus_prf_files();
    let (files, checked) = no_leaks(&regs, &prfs);
    eprintln!("{files} corpus files, {checked} sensitive strings, no leak");
    assert!(files >= 10, "corpus files: {files}");
    assert!(checked >= 50, "sensitive strings: {checked}");
});

#[test]
fn redacted_samples_leak_nothing_personal() {
    let (files, checked) = no_leaks(&common::reg_samples(), &common::prf_samples());
    assert!(
        files >= 10 && checked >= 20,
        "{files} files, {checked} strings"
    );
}
