//! Every `err_*` sample, of every format, is refused with exit code 2 and a
//! message that says where: the file, then `line:column` for syntax, the
//! `profiles.<profile>.<section>.<property>` path for meaning, or the byte
//! offset for encodings. Each message is a snapshot.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

mod common;

#[test]
fn every_error_sample_is_refused_with_a_located_message() {
    common::snapshots().bind(|| {
        insta::glob!("../samples", "*/err_*", |path| {
            let relative = path.strip_prefix(env!("CARGO_MANIFEST_DIR")).unwrap();
            let shown = relative.to_string_lossy().replace('\\', "/");
            let out = common::mapiprof_command(&["show", &shown])
                .output()
                .unwrap();
            assert_eq!(out.status.code(), Some(2), "{shown}");
            assert!(out.stdout.is_empty(), "{shown}: nothing on stdout");
            let stderr = String::from_utf8(out.stderr).unwrap();
            assert!(stderr.starts_with(&format!("error: {shown}: ")), "{stderr}");
            insta::assert_snapshot!(stderr);
        });
    });
}
