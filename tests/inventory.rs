//! `mapiprof inventory`: a row per profile per file, from every form the
//! tool reads; the same profile gives the same row whatever its form; bad
//! files are named and the rest listed.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

mod common;

use std::path::Path;

use common::{assert_says, corpus_test, mapiprof_in};
use mapiprof::convert::{self, ConvertOptions};
use mapiprof::{Format, input};
use serde_json::Value;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

#[test]
fn inventory_of_the_reg_samples_as_csv() {
    let out = mapiprof_in(root(), &["inventory", "samples/reg", "-r", "--quiet"]);
    // the err_* samples fail, are named, and the rest are listed
    assert_eq!(out.status.code(), Some(2));
    assert_says(
        &out.stderr,
        &[
            "failed: samples/reg/err_not_a_reg_file.reg",
            "of 18 files failed",
        ],
    );
    common::snapshots().bind(|| insta::assert_snapshot!(stdout(&out)));
}

#[test]
fn inventory_of_the_prf_samples_as_markdown() {
    let out = mapiprof_in(
        root(),
        &[
            "inventory",
            "samples/prf/*.prf",
            "--format",
            "markdown",
            "-q",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert_says(&out.stderr, &["failed: samples/prf/err_binary_file.prf"]);
    common::snapshots().bind(|| insta::assert_snapshot!(stdout(&out)));
}

#[test]
fn inventory_of_the_hive_samples_as_json() {
    let out = mapiprof_in(
        root(),
        &["inventory", "samples/hive", "-r", "--format", "json"],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows: Value = serde_json::from_str(&stdout(&out)).unwrap();
    // the sample hive holds an Office 16.0 and a Windows Messaging
    // Subsystem profile: two rows, and one for the damaged hive
    assert_eq!(rows.as_array().unwrap().len(), 3);
    common::snapshots().bind(|| insta::assert_snapshot!(stdout(&out)));
}

/// Every readable sample written as YAML gives the rows its original gives.
#[test]
fn the_yaml_of_each_sample_gives_the_same_rows() {
    let dir = common::scratch("inventory-yaml");
    let mut originals = Vec::new();
    for path in common::reg_samples()
        .into_iter()
        .chain(common::prf_samples())
    {
        let bytes = std::fs::read(&path).unwrap();
        let format = Format::of(&path, &bytes);
        let doc = input::read(bytes.as_slice(), format, &Default::default()).unwrap();
        let (profiles, _) = doc.into_profiles();
        let yaml =
            convert::convert(&profiles, format, Format::Yaml, &ConvertOptions::default()).unwrap();
        let name = format!(
            "{}.yaml",
            path.file_name()
                .unwrap()
                .to_string_lossy()
                .replace('.', "_")
        );
        std::fs::write(dir.join(&name), yaml.bytes).unwrap();
        originals.push(path);
    }
    let columns = "profile,root,default,exchange_mailbox,exchange_server,exchange_proxy,\
        exchange_principal,exchange_auth,exchange_http_flags,exchange_ports,cached_mode,\
        account_kinds,account_names,account_servers,account_ports,account_ssl,account_users,\
        account_emails,smtp_servers,smtp_ports,pst_files,ost_files,ldap_servers";
    let table = |dir: &Path, args: &[&str]| {
        let mut all = vec!["inventory", "--format", "json", "--columns", columns];
        all.extend_from_slice(args);
        let out = mapiprof_in(dir, &all);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_str::<Value>(&stdout(&out)).unwrap()
    };
    let paths: Vec<String> = originals
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let args: Vec<&str> = paths.iter().map(String::as_str).collect();
    let from_originals = table(root(), &args);
    let from_yaml = table(&dir, &["-r", "."]);
    // the YAML files sort as their originals do (name order, .prf after .reg)
    let key = |v: &Value| v.to_string();
    let mut a: Vec<String> = from_originals.as_array().unwrap().iter().map(key).collect();
    let mut b: Vec<String> = from_yaml.as_array().unwrap().iter().map(key).collect();
    a.sort();
    b.sort();
    assert_eq!(a, b);
    assert!(a.len() > 20, "{}", a.len());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_mixed_fleet_gives_one_row_per_profile_and_names_the_bad_file() {
    let dir = common::scratch("inventory-fleet");
    for (from, to) in [
        (
            "samples/reg/o2013_two_profiles_ldap_pop3_third_party.reg",
            "a/two.reg",
        ),
        (
            "samples/hive/ntuser_o16_and_wms_profiles.dat",
            "a/b/NTUSER.DAT",
        ),
        (
            "samples/prf/oct2016_exchange_rpc_http_static_ports.prf",
            "c/contoso.prf",
        ),
        ("samples/reg/err_utf8_bom.reg", "c/bad.reg"),
        ("samples/reg/o16_imap_smtp_account.reg", "d/imap.reg"),
    ] {
        let to = dir.join(to);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(root().join(from), to).unwrap();
    }
    let out = mapiprof_in(
        &dir,
        &[
            "inventory",
            ".",
            "-r",
            "--format",
            "json",
            "--columns",
            "file,profile,root",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert_says(&out.stderr, &["failed: ./c/bad.reg", "4 listed, 1 failed"]);
    let rows: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let seen: Vec<(String, String, String)> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let s = |k: &str| r[k].as_str().unwrap().to_owned();
            (s("file"), s("profile"), s("root"))
        })
        .collect();
    let want = |f: &str, p: &str, r: &str| (f.to_owned(), p.to_owned(), r.to_owned());
    assert_eq!(
        seen,
        [
            want("./a/b/NTUSER.DAT", "Outlook", "Office 16.0"),
            want("./a/b/NTUSER.DAT", "Outlook", "Windows Messaging Subsystem"),
            want("./a/two.reg", "Home", "Office 15.0"),
            want("./a/two.reg", "Work", "Office 15.0"),
            want("./c/contoso.prf", "Contoso Mail", "prf"),
            want("./d/imap.reg", "IMAP", "Office 16.0"),
        ]
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn columns_are_chosen_by_name_and_an_unknown_one_is_refused() {
    let out = mapiprof_in(
        root(),
        &[
            "inventory",
            "samples/reg/o2013_two_profiles_ldap_pop3_third_party.reg",
            "--columns",
            "profile,default,ldap_servers,errors",
            "-q",
        ],
    );
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        stdout(&out),
        "profile,default,ldap_servers,errors\r\nHome,no,,0\r\nWork,yes,ldap.corp.example.com,0\r\n"
    );
    let out = mapiprof_in(
        root(),
        &["inventory", "samples/reg", "-r", "--columns", "profile,pst"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert_says(&out.stderr, &["no column 'pst'", "pst_files"]);
    assert!(out.stdout.is_empty());
}

#[test]
fn output_goes_to_a_file_whole_and_never_over_an_input() {
    let dir = common::scratch("inventory-output");
    let sample = root().join("samples/reg/o16_imap_smtp_account.reg");
    std::fs::copy(&sample, dir.join("imap.reg")).unwrap();
    let out = mapiprof_in(&dir, &["inventory", "imap.reg", "-o", "fleet.csv", "-q"]);
    assert_eq!(out.status.code(), Some(0));
    let text = std::fs::read_to_string(dir.join("fleet.csv")).unwrap();
    assert!(text.starts_with("file,root,profile,default,"), "{text}");
    assert!(text.contains("imap.reg,Office 16.0,IMAP,no,"), "{text}");
    let before = std::fs::read(dir.join("imap.reg")).unwrap();
    let out = mapiprof_in(&dir, &["inventory", "imap.reg", "-o", "imap.reg"]);
    assert_eq!(out.status.code(), Some(2));
    assert_says(&out.stderr, &["refusing to overwrite the input file"]);
    assert_eq!(std::fs::read(dir.join("imap.reg")).unwrap(), before);
    let _ = std::fs::remove_dir_all(&dir);
}

corpus_test!(corpus_exports_list_their_accounts_and_unicode_pst_paths, {
    let corpus = common::corpus();
    let export = corpus.join("reg/o16_full_profile_2pop_pst_mvbin8_utf16le.reg");
    let out = mapiprof_in(
        root(),
        &[
            "inventory",
            export.to_str().unwrap(),
            "--format",
            "json",
            "--explode",
            "accounts",
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let rows = rows.as_array().unwrap();
    // two POP3 accounts: a row each, the profile's PSTs on both
    assert_eq!(rows.len(), 2);
    for row in rows {
        assert_eq!(row["account_kinds"], serde_json::json!(["POP3"]));
        let psts = row["pst_files"].as_array().unwrap();
        assert_eq!(psts.len(), 2);
        assert!(
            psts.iter()
                .all(|p| p.as_str().unwrap().contains("\\Outlook ファイル\\")),
            "{psts:?}"
        );
    }
    assert_ne!(rows[0]["account_names"], rows[1]["account_names"]);
    // every corpus file of a form mapiprof reads gives its rows; the one
    // Regedit refuses fails alone
    let out = mapiprof_in(
        root(),
        &[
            "inventory",
            corpus.to_str().unwrap(),
            "-r",
            "--format",
            "json",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    let failed = String::from_utf8_lossy(&out.stderr);
    assert_eq!(failed.matches("failed: ").count(), 1, "{failed}");
    assert_says(
        &out.stderr,
        &["regedit5_irregular_continuations_comments.reg"],
    );
    let rows: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let profiles: Vec<&str> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["profile"].as_str().unwrap())
        .collect();
    assert!(
        profiles.contains(&"calexp") && profiles.contains(&"ttye"),
        "{profiles:?}"
    );
});
