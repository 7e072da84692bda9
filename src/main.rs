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

/// The stack of each thread of a batch: the readers recurse once per level
/// of nesting a document may have (64 in YAML), which a debug build's
/// frames make deeper than the 2 MiB threads get by default.
const THREAD_STACK: usize = 16 * 1024 * 1024;

fn main() -> ExitCode {
    // a pool already built is the one to use
    let _ = rayon::ThreadPoolBuilder::new()
        .stack_size(THREAD_STACK)
        .build_global();
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
