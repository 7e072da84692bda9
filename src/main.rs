//! The `mapiprof` command line: run it, print errors, map them to exit codes.

#![cfg_attr(
    not(test),
    deny(
        clippy::indexing_slicing,
        clippy::arithmetic_side_effects,
        clippy::string_slice
    )
)]

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    match cli::run() {
        Ok(code) => ExitCode::from(code),
        Err(err) => {
            #[allow(clippy::print_stderr)]
            for line in cli::error::lines(&err) {
                eprintln!("{line}");
            }
            ExitCode::from(2)
        }
    }
}
