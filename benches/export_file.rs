//! Writes the generated export of the throughput benchmark to a file, for
//! the scripts that time or measure the binary on it.
//!
//! `cargo bench --bench export_file -- OUT.reg [MB]` (30 MB by default).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stderr,
    missing_docs
)]

mod support;

fn main() {
    // cargo passes `--bench`; the rest are ours
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let Some(out) = args.first() else {
        eprintln!("usage: cargo bench --bench export_file -- OUT.reg [MB]");
        std::process::exit(2);
    };
    let mb: usize = args
        .get(1)
        .map_or(30, |m| m.parse().expect("MB is a number"));
    let bytes = support::export(mb * 1_000_000);
    std::fs::write(out, &bytes).expect("the export is written");
    eprintln!("{out}: {} bytes", bytes.len());
}
