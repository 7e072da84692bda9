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
    assert!(share >= 61, "named share fell to {share}%");
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
