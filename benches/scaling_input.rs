//! Writes the generated inputs of `benches/scaling.sh`: a `.reg` with one
//! profile of N sections, or a `.prf` with N value sections.
//!
//! `cargo bench --bench scaling_input -- reg|prf N OUT`.
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
    let [form, n, out] = args.as_slice() else {
        eprintln!("usage: cargo bench --bench scaling_input -- reg|prf N OUT");
        std::process::exit(2);
    };
    let n: usize = n.parse().expect("N is a number");
    let bytes = match form.as_str() {
        "reg" => support::one_profile(n),
        "prf" => support::prf(n),
        _ => {
            eprintln!("the form is reg or prf");
            std::process::exit(2);
        }
    };
    std::fs::write(out, &bytes).expect("the input is written");
}
