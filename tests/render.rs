//! `mapiprof render`: one file per row, strict variables, placeholders
//! passed through, values encoded as values when a YAML model is converted.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

mod common;

const YAML_TEMPLATE: &str = "mapiprof: 1\n\
    source: {format: regedit5, encoding: utf-16le, bom: true, newline: crlf}\n\
    root: HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\16.0\\Outlook\\Profiles\n\
    profiles:\n  Outlook:\n    13dbb0c8aa05101a9bb000aa002fc45a:\n      \
    RPCProxyServer: {{ proxy }}\n      TCPExchangePort: {{ port }}\n";

#[test]
fn a_yaml_model_per_row_becomes_a_reg_with_the_values_encoded() {
    let dir = common::scratch("yaml");
    std::fs::write(dir.join("profile.yaml.j2"), YAML_TEMPLATE).unwrap();
    std::fs::write(
        dir.join("sites.csv"),
        "site,proxy,port\nberlin,mail.example.com:44300,6001\nparis,mail.example.com:443,70000\n",
    )
    .unwrap();
    let out = common::mapiprof_in(
        &dir,
        &[
            "render",
            "profile.yaml.j2",
            "--vars",
            "sites.csv",
            "--out-dir",
            "out",
            "--to",
            "reg",
            "--name",
            "{{ site }}.reg",
        ],
    );
    assert_eq!(out.status.code(), Some(2), "the second row fails");
    common::assert_says(
        &out.stderr,
        &[
            "row 2 (line 3)",
            "does not fit in 16 bits",
            "1 written, 1 failed",
        ],
    );
    let bytes = std::fs::read(dir.join("out").join("berlin.reg")).unwrap();
    let text = mapiprof::input::read_reg(&bytes, None).unwrap().text;
    // ":44300" inside UTF-16LE hex, and the port as PT_I2
    assert!(
        text.contains("3a,00,34,00,34,00,33,00,30,00,30,00,00,00"),
        "{text}"
    );
    assert!(text.contains("\"0002662c\"=hex:71,17"), "{text}");
    assert!(!dir.join("out").join("paris.reg").exists());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn prf_placeholders_pass_through_and_undefined_variables_are_named() {
    let dir = common::scratch("prf");
    std::fs::write(
        dir.join("outlook.prf.j2"),
        "[General]\r\nProfileName={{ profile }}\r\n[Service List]\r\nServiceEGS=Exchange Global Section\r\n\
         [ServiceEGS]\r\nMailboxName=%UserName%\r\nRPCProxyServer={{ proxy }}\r\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("users.json"),
        r#"[{"profile": "Work", "proxy": "mail.example.com:44300"}, {"profile": "Home"}]"#,
    )
    .unwrap();
    // `mapiprof render outlook.prf.j2 --vars users.json --out-dir prf EXTRA`
    let render = |extra: &[&str]| {
        let mut args = vec![
            "render",
            "outlook.prf.j2",
            "--vars",
            "users.json",
            "--out-dir",
            "prf",
        ];
        args.extend_from_slice(extra);
        common::mapiprof_in(&dir, &args)
    };
    let out = render(&[]);
    assert_eq!(out.status.code(), Some(2));
    common::assert_says(
        &out.stderr,
        &["item 2: undefined variable proxy (template line 7)"],
    );
    let written = std::fs::read_to_string(dir.join("prf").join("outlook-1.prf")).unwrap();
    assert!(
        written.contains("MailboxName=%UserName%\r\nRPCProxyServer=mail.example.com:44300\r\n")
    );

    let out = render(&["--name", "../{{ profile }}.prf"]);
    common::assert_says(
        &out.stderr,
        &["must be a relative path inside the output folder"],
    );
    assert!(!dir.join("Work.prf").exists());
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A `.reg` template written in UTF-8 (as editors save it) renders `.reg`
/// files in UTF-16 LE with a byte-order mark, which Regedit reads as meant
/// (it would read UTF-8 as ANSI text).
#[test]
fn a_utf8_reg_template_renders_files_regedit_reads() {
    let dir = common::scratch("reg-template");
    std::fs::write(
        dir.join("proxy.reg.j2"),
        "Windows Registry Editor Version 5.00\r\n\r\n\
         [HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\16.0\\Outlook\\Profiles\\{{ profile }}\\9375CFF0413111d3B88A00104B2A6676\\00000002]\r\n\
         \"Display Name\"=\"{{ name }}\"\r\n\r\n",
    )
    .unwrap();
    std::fs::write(dir.join("users.csv"), "profile,name\nBüro,Jürgen Groß\n").unwrap();
    let out = common::mapiprof_in(
        &dir,
        &[
            "render",
            "proxy.reg.j2",
            "--vars",
            "users.csv",
            "--out-dir",
            "out",
            "--name",
            "u.reg",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let bytes = std::fs::read(dir.join("out").join("u.reg")).unwrap();
    assert_eq!(&bytes[..2], &[0xFF, 0xFE]);
    let read = mapiprof::input::read_reg(&bytes, None).unwrap();
    assert!(read.warnings.is_empty(), "{:?}", read.warnings);
    assert!(read.text.contains("Profiles\\Büro\\") && read.text.contains("\"Jürgen Groß\""));
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A CSV saved by a European Excel (`;`) or as tab-separated text is read
/// by its own delimiter; a short row fails alone, named by its line; the
/// default names are zero-padded to the number of rows, so they sort.
#[test]
fn csv_delimiters_short_rows_and_padded_names() {
    let dir = common::scratch("render-csv");
    std::fs::write(
        dir.join("t.prf.j2"),
        "[General]\r\nProfileName={{ user }}\r\n",
    )
    .unwrap();
    let mut csv = String::from("user;site\n");
    for i in 1..=11 {
        csv.push_str(&format!("user{i};berlin\n"));
    }
    csv.push_str("short\n");
    std::fs::write(dir.join("v.csv"), &csv).unwrap();
    let out = common::mapiprof_in(
        &dir,
        &["render", "t.prf.j2", "--vars", "v.csv", "--out-dir", "out"],
    );
    assert_eq!(out.status.code(), Some(2));
    common::assert_says(
        &out.stderr,
        &[
            "row 12 (line 13): 1 field, and the header has 2",
            "11 written, 1 failed",
        ],
    );
    let mut names: Vec<String> = std::fs::read_dir(dir.join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names.first().map(String::as_str), Some("t-01.prf"));
    assert_eq!(names.last().map(String::as_str), Some("t-11.prf"));
    assert_eq!(
        std::fs::read_to_string(dir.join("out/t-03.prf")).unwrap(),
        "[General]\r\nProfileName=user3\r\n"
    );

    // tab-separated; and --delimiter overrides what the header suggests
    std::fs::write(dir.join("tab.csv"), "user\tsite\nann\tparis\n").unwrap();
    let out = common::mapiprof_in(
        &dir,
        &[
            "render",
            "t.prf.j2",
            "--vars",
            "tab.csv",
            "--out-dir",
            "tab",
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(dir.join("tab/t-1.prf").exists());
    let out = common::mapiprof_in(
        &dir,
        &[
            "render",
            "t.prf.j2",
            "--vars",
            "v.csv",
            "--out-dir",
            "comma",
            "--delimiter",
            ",",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    common::assert_says(
        &out.stderr,
        &["one column \"user;site\"", "--delimiter ';'"],
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
