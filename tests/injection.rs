//! Text from a CSV cell, a template variable or a YAML name cannot add a key
//! the user did not ask for: templates escape their variables for their
//! form, and every `.reg` mapiprof writes keeps to the Outlook profiles.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

mod common;

use std::fs;
use std::path::Path;

const ROOT: &str = "HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\16.0\\Outlook\\Profiles";
const RUN: &str = "HKEY_LOCAL_MACHINE\\Software\\Microsoft\\Windows\\CurrentVersion\\Run";

fn render(
    dir: &Path,
    template: &str,
    text: &str,
    csv: &str,
    extra: &[&str],
) -> std::process::Output {
    fs::write(dir.join(template), text).unwrap();
    fs::write(dir.join("v.csv"), csv).unwrap();
    let mut args = vec!["render", template, "--vars", "v.csv", "--out-dir", "out"];
    args.extend_from_slice(extra);
    common::mapiprof_in(dir, &args)
}

fn csv_cell(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}

#[test]
fn a_csv_cell_cannot_open_a_key_in_a_reg_template() {
    let dir = common::scratch("inject-reg");
    let template = format!(
        "Windows Registry Editor Version 5.00\r\n\r\n[{ROOT}\\Outlook\\13dbb0c8aa05101a9bb000aa002fc45a]\r\n\
         \"001f6622\"=\"{{{{ proxy }}}}\"\r\n"
    );
    let attack = format!("x\"\n\n[{RUN}]\n\"evil\"=\"calc.exe");
    let out = render(
        &dir,
        "t.reg.j2",
        &template,
        &format!("proxy\n{}\n", csv_cell(&attack)),
        &[],
    );
    assert_eq!(out.status.code(), Some(2));
    common::assert_says(
        &out.stderr,
        &[
            "row 1 (line 2)",
            "would start a new line of the .reg file",
            "0 written, 1 failed",
        ],
    );
    assert!(!dir.join("out").exists() || fs::read_dir(dir.join("out")).unwrap().next().is_none());

    // quotes and backslashes stay inside the string
    let out = render(
        &dir,
        "t.reg.j2",
        &template,
        &format!("proxy\n{}\n", csv_cell(r#"C:\pst "x""#)),
        &[],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let written = fs::read(dir.join("out/t-1.reg")).unwrap();
    let text = mapiprof::input::read_reg(&written, None).unwrap().text;
    assert!(text.contains(r#""001f6622"="C:\\pst \"x\"""#), "{text}");

    // |safe inserts text as it is, and the written .reg still keeps to the profiles
    let unsafe_template = template.replace("{{ proxy }}", "{{ proxy|safe }}");
    let out = render(
        &dir,
        "u.reg.j2",
        &unsafe_template,
        &format!("proxy\n{}\n", csv_cell(&attack)),
        &[],
    );
    assert_eq!(out.status.code(), Some(2));
    common::assert_says(
        &out.stderr,
        &[
            "reaches outside the Outlook profiles",
            "CurrentVersion\\Run]",
        ],
    );
    assert!(!dir.join("out/u-1.reg").exists());
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_csv_cell_cannot_open_a_section_in_a_prf_template() {
    let dir = common::scratch("inject-prf");
    let template = "[General]\r\nProfileName={{ name }}\r\n";
    let out = render(
        &dir,
        "t.prf.j2",
        template,
        &format!(
            "name\n{}\n",
            csv_cell("x\r\n[Service List]\r\nService1=Evil")
        ),
        &["--to", "reg"],
    );
    assert_eq!(out.status.code(), Some(2));
    common::assert_says(&out.stderr, &["would start a new line of the .prf file"]);
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_yaml_template_quotes_what_could_be_structure() {
    let dir = common::scratch("inject-yaml");
    let template = format!(
        "mapiprof: 1\nroot: {ROOT}\nprofiles:\n  Outlook:\n    13dbb0c8aa05101a9bb000aa002fc45a:\n      RPCProxyServer: {{{{ proxy }}}}\n"
    );
    let attack = format!("x\nkeys:\n  {RUN}:\n    evil: {{sz: calc.exe}}");
    let out = render(
        &dir,
        "t.yaml.j2",
        &template,
        &format!("proxy\n{}\n", csv_cell(&attack)),
        &["--to", "reg"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let shown = common::mapiprof_in(&dir, &["show", "out/t-1.reg"]);
    let text = String::from_utf8(shown.stdout).unwrap();
    assert!(!text.contains("CurrentVersion\\Run"), "{text}");
    assert!(text.contains("RPCProxyServer: \"x\\nkeys:"), "{text}");
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn yaml_cannot_delete_or_write_the_profiles_key() {
    let dir = common::scratch("inject-scope");
    let cases = [
        // an empty name: `[-…\Profiles\]` would delete every profile
        (format!("mapiprof: 1\nroot: {ROOT}\nprofiles:\n  '':\n    '-.': {{}}\n"), "a profile with no name"),
        (format!("mapiprof: 1\nroot: {ROOT}\nprofiles:\n  '\\':\n    .: {{}}\n"), "a profile name cannot hold \\"),
        (
            "mapiprof: 1\nroot: HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\Software\\Microsoft\\Office\\16.0\\Outlook\\Profiles\nprofiles:\n  Outlook:\n    .: {}\n".to_owned(),
            "not an Outlook profile root",
        ),
        (
            "mapiprof: 1\nroot: HKEY_LOCAL_MACHINE\\Software\\Microsoft\\Office\\16.0\\Outlook\\Profiles\nprofiles:\n  Outlook:\n    .: {}\n".to_owned(),
            "not an Outlook profile root",
        ),
    ];
    for (yaml, says) in &cases {
        fs::write(dir.join("in.yaml"), yaml).unwrap();
        let out = common::mapiprof_in(
            &dir,
            &["convert", "in.yaml", "--to", "reg", "-o", "out.reg"],
        );
        assert_eq!(out.status.code(), Some(2), "{yaml}");
        common::assert_says(&out.stderr, &[says]);
        assert!(!dir.join("out.reg").exists());
    }
    // a .prf converted for a profile with no name, or one holding `\`
    fs::write(dir.join("p.prf"), "[General]\r\nProfileName=Outlook\r\n").unwrap();
    for profile in ["", "\\", "a\\b"] {
        let out = common::mapiprof_in(
            &dir,
            &[
                "convert",
                "p.prf",
                "--to",
                "reg",
                "--profile",
                profile,
                "-o",
                "out.reg",
            ],
        );
        assert_eq!(out.status.code(), Some(2), "{profile:?}");
        assert!(!dir.join("out.reg").exists());
    }
    fs::remove_dir_all(&dir).unwrap();
}

/// A rendered file must read without warnings; the message says so, not
/// that `--strict` was given.
#[test]
fn render_says_why_a_warning_fails_a_row() {
    let dir = common::scratch("inject-strict");
    let out = render(
        &dir,
        "t.prf.j2",
        "[General]\r\nProfileName={{ n }}\r\n--- stray\r\n",
        "n\nOutlook\n",
        &[],
    );
    assert_eq!(out.status.code(), Some(2));
    common::assert_says(
        &out.stderr,
        &["1 warning(s) and a rendered file must read without warnings"],
    );
    assert!(!String::from_utf8_lossy(&out.stderr).contains("--strict"));
    fs::remove_dir_all(&dir).unwrap();
}

/// A value given to `set` cannot add a line to a `.prf`, whatever the
/// setting: one the mappings give a type, and one they do not (the control
/// keys, e.g. `UniqueService`). Nothing is written.
#[test]
fn a_set_value_cannot_open_a_section_in_a_prf() {
    let dir = common::scratch("inject-prf-set");
    let prf = "[General]\r\nProfileName=Outlook\r\n[Service List]\r\nService1=Microsoft Exchange Server\r\n\
               [Service1]\r\nUniqueService=Yes\r\nHomeServer=mail.example.com\r\n";
    fs::write(dir.join("p.prf"), prf).unwrap();
    for setting in ["UniqueService", "HomeServer"] {
        for attack in ["Yes\r\n[Evil]\r\nx=1", "Yes\n[Evil]", "Yes\r[Evil]"] {
            let assignment = format!("{setting}={attack}");
            let out = common::mapiprof_in(&dir, &["set", "p.prf", &assignment, "-o", "out.prf"]);
            assert_eq!(out.status.code(), Some(2), "{assignment:?}");
            common::assert_says(&out.stderr, &["[Service1]", setting, "cannot hold"]);
            assert!(!dir.join("out.prf").exists(), "{assignment:?}");
        }
    }
    assert_eq!(fs::read_to_string(dir.join("p.prf")).unwrap(), prf);
    fs::remove_dir_all(&dir).unwrap();
}
