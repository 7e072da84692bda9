//! The `mapiprof` command line.

fn main() {}
