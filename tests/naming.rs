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
