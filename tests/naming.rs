//! How many MAPI values of the real exports get a name: the figure the
//! dictionary is measured by. Run with `--nocapture` to see it.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

mod common;

use mapiprof::mapi::TagName;
use mapiprof::{model, yaml};

common::corpus_test!(named_share_of_mapi_values_in_the_real_exports, {
    let corpus = common::corpus();
    let (mut named, mut total) = (0usize, 0usize);
    for path in common::files(&corpus.join("reg"), "reg")
        .iter()
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with("o16_"))
    {
        let model = common::model_of(&std::fs::read(path).unwrap());
        for profile in &model.profiles {
            let infos = model::describe(profile, model.source.codepage);
            for (key, info) in profile.keys.iter().zip(&infos) {
                let ctx = yaml::Context::new(&model.source, true, info);
                for value in &key.values {
                    if info.account_manager || TagName::parse(value.name.as_str()).is_none() {
                        continue;
                    }
                    total += 1;
                    if yaml::show_value(value, &ctx).key != value.name.as_str() {
                        named += 1;
                    }
                }
            }
        }
    }
    let share = named * 100 / total.max(1);
    eprintln!("named {named} of {total} MAPI values ({share}%)");
    assert!(total > 200, "expected the two full exports");
    // The floor only rises: raise it when the dictionary grows.
    assert!(share >= 64, "named share fell to {share}%");
});

/// `show --sort` orders names as Windows does: each UTF-16 unit upper-cased
/// on its own, so `_` comes after the letters and `ß` (which has no capital
/// in Windows' table) after `~`.
#[test]
fn sorted_names_follow_the_registry_order() {
    let dir = common::scratch("order");
    let text = "Windows Registry Editor Version 5.00\r\n\r\n\
        [HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\16.0\\Outlook\\Profiles\\Outlook\\9375CFF0413111d3B88A00104B2A6676\\00000001]\r\n\
        \"ß\"=\"1\"\r\n\"~\"=\"2\"\r\n\"sz\"=\"3\"\r\n\"a\"=\"4\"\r\n\"Z\"=\"5\"\r\n\"_\"=\"6\"\r\n\r\n";
    std::fs::write(dir.join("order.reg"), common::utf16(text)).unwrap();
    let out = common::mapiprof_in(&dir, &["show", "--sort", "order.reg"]);
    assert!(out.status.success());
    let shown = String::from_utf8(out.stdout).unwrap();
    let names: Vec<&str> = shown
        .lines()
        .filter_map(|l| l.strip_prefix("      "))
        .map(|l| l.split(':').next().unwrap())
        .collect();
    assert_eq!(names, ["a", "sz", "Z", "_", "\"~\"", "ß"]);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The YAML `show` prints for `path`, and what it says on stderr.
fn show(path: &std::path::Path, extra: &[&str]) -> (String, String) {
    let mut args = vec!["show", path.to_str().unwrap()];
    args.extend_from_slice(extra);
    let out = common::mapiprof_in(&common::samples(), &args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// The line of `yaml` that starts (after its indent) with `key:`.
fn line<'y>(yaml: &'y str, key: &str) -> &'y str {
    yaml.lines()
        .find(|l| l.trim_start().starts_with(&format!("{key}:")))
        .unwrap_or_else(|| panic!("no {key} in\n{yaml}"))
}

#[test]
fn eight_bit_lists_read_in_the_code_page_they_are_written_in() {
    let sample = common::samples().join("reg/o16_ldap_contab_shift_jis_lists.reg");
    let (yaml, stderr) = show(&sample, &[]);
    assert!(line(&yaml, "PR_CONTAB_FOLDER_NAMES_A").contains("連絡先 (このコンピューターのみ)"));
    assert!(line(&yaml, "SearchBase").contains("ou=社員"));
    assert!(line(&yaml, "codepage").contains("Shift_JIS"), "{yaml}");
    assert!(stderr.contains("read as Shift_JIS"), "{stderr}");
    // --codepage overrides the guess
    let (yaml, stderr) = show(&sample, &["--codepage", "1252"]);
    assert!(!line(&yaml, "PR_CONTAB_FOLDER_NAMES_A").contains("連絡先"));
    assert!(!stderr.contains("read as"), "{stderr}");
    // a Western export keeps Windows-1252 without a note
    let western = common::samples().join("reg/regedit4_cp1252_pst_umlauts.reg");
    let (yaml, stderr) = show(&western, &[]);
    assert!(yaml.contains("Persönliche Ordner"));
    assert!(!yaml.contains("codepage:") && stderr.is_empty(), "{stderr}");
}

#[test]
fn documented_names_for_what_real_profiles_hold() {
    let sample = common::samples().join("reg/o16_ldap_contab_shift_jis_lists.reg");
    let (yaml, _) = show(&sample, &[]);
    // the LDAP password is a secure PT_STRING8: raw name, named in the comment
    assert!(line(&yaml, "S001e67f1").contains("# LDAPPassword, secure PT_STRING8"));
    assert!(line(&yaml, "PR_CONTAB_UID").contains("0a1b2c3d4e5f60718293a4b5c6d7e8f9"));
    assert!(line(&yaml, "ContabStoreNamesUnicode").contains("no public name"));
    assert!(line(&yaml, "PR_CONTAB_DISPLAY_NAMES_W").contains("# 101f6629"));
    // PR_RESOURCE_FLAGS: SERVICE_* in a service's section
    let flags = yaml
        .lines()
        .filter(|l| l.contains("PR_RESOURCE_FLAGS"))
        .collect::<Vec<_>>();
    assert!(
        flags[0].contains("[service-single-copy, service-no-primary-identity]"),
        "{flags:?}"
    );
}

common::corpus_test!(the_real_exports_name_their_lists_and_settings, {
    let corpus = common::corpus();
    let (yaml, stderr) = show(
        &corpus.join("reg/o16_full_profile_pop_pst_mvbin16_utf16le.reg"),
        &[],
    );
    for key in ["PR_CONTAB_FOLDER_NAMES_A", "PR_CONTAB_DISPLAY_NAMES_A"] {
        assert!(
            line(&yaml, key).contains("連絡先 (このコンピューターのみ)"),
            "{key}"
        );
    }
    assert!(stderr.contains("read as Shift_JIS"), "{stderr}");
    assert_eq!(
        line(&yaml, "Leave on Server").trim(),
        "Leave on Server: leave, remove after 14 days"
    );
    assert!(
        yaml.contains("(its Preferences UID)"),
        "AcctSettings sections are labelled"
    );
    // the patch names PR_PROFILE_SERVER in sections the export does not place
    let (patch, _) = show(
        &corpus.join("reg/wms_profile_exchange_server_patch_ascii.reg"),
        &[],
    );
    assert_eq!(
        patch
            .matches("PR_PROFILE_SERVER: outlook.company.corp")
            .count(),
        3
    );
});
