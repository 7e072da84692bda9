//! The `.prf` line tree on every sample and corpus file: every byte in one
//! line, the text layer gives the bytes back exactly, and the lines Outlook
//! would skip are exactly the expected ones.
#![allow(clippy::unwrap_used, clippy::panic, clippy::print_stderr, missing_docs)]

mod common;

use std::path::PathBuf;

use mapiprof::input;
use mapiprof::prf::{self, LineKind};
use mapiprof::text;

/// Files with lines that are not sections, entries or comments, and how
/// many: the KB article's hard-wrapped comments spill onto lines of their own.
const STRAY_LINES: &[(&str, usize)] = &[
    ("ork2000_sample_exchange_pop3_kbwrapped.prf", 21),
    ("ork2000_exchange_pst_pop3_wrapped.prf", 1),
];

#[test]
fn every_prf_sample_reads_losslessly_and_stray_lines_are_the_expected_ones() {
    reads_losslessly(common::prf_samples());
}

common::corpus_test!(
    every_corpus_prf_reads_losslessly_and_stray_lines_are_the_expected_ones,
    {
        reads_losslessly(common::corpus_prf_files());
    }
);

/// Each of `files` is one line tree that gives back every byte, and its
/// stray lines are the ones `STRAY_LINES` expects, each with a warning.
fn reads_losslessly(files: Vec<PathBuf>) {
    assert!(!files.is_empty());
    for path in files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(&path).unwrap();
        let read = input::read_prf(&bytes, None).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(
            text::encode(&read.text, &read.format).unwrap(),
            bytes,
            "{name}"
        );

        let mut pos = 0;
        let parsed = read.parsed();
        for line in &parsed.file.lines {
            assert_eq!(line.span.start, pos, "{name}");
            pos = line.span.end;
        }
        assert_eq!(pos, read.text.len(), "{name}");

        let stray = parsed
            .file
            .lines
            .iter()
            .filter(|l| l.kind == LineKind::Stray)
            .count();
        let expected = STRAY_LINES
            .iter()
            .find(|(file, _)| *file == name)
            .map_or(0, |(_, n)| *n);
        for w in &read.warnings {
            eprintln!("{name}: {w}");
        }
        assert_eq!(stray, expected, "{name}: stray lines");
        assert_eq!(read.warnings.len(), stray, "{name}");
        assert_eq!(parsed.warnings, read.warnings, "{name}");
    }
}

#[test]
fn the_sample_is_an_oct_style_file() {
    let bytes =
        std::fs::read(common::samples().join("prf/oct2016_exchange_rpc_http_static_ports.prf"))
            .unwrap();
    let read = input::read_prf(&bytes, None).unwrap();
    assert_eq!(read.format.newline, text::Newline::CrLf);
    let sections: Vec<&str> = prf::lines(&read.text)
        .filter_map(|l| match l.kind {
            LineKind::Section { name_span } => Some(name_span.of(&read.text)),
            _ => None,
        })
        .collect();
    assert_eq!(
        sections[..3],
        ["General", "Service List", "Internet Account List"]
    );
    assert!(sections.contains(&"Exchange Global Section"));
}
