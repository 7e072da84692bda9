//! mapiprof: Outlook / MAPI profiles as Regedit exports (`.reg`), Outlook
//! profile files (`.prf`) and readable YAML, converted losslessly.
//!
//! The layers, bottom up: [`text`] (bytes ↔ text), [`reg`] and [`prf`] (the
//! two file syntaxes), [`mapi`] (property types, codecs and names), [`model`]
//! (profiles and sections, and the conversions between `.reg` and `.prf`),
//! [`yaml`] (the readable document); on top, [`edit`], [`diff`], [`check`],
//! [`fmt`], [`render`] and [`redact`]. Nothing in the library prints or
//! touches files.
//!
//! Input never makes it panic: besides `unwrap`/`expect` (denied for every
//! target), indexing that can go out of bounds and arithmetic that can
//! overflow are denied outside tests.
#![cfg_attr(
    not(test),
    deny(
        clippy::indexing_slicing,
        clippy::arithmetic_side_effects,
        clippy::string_slice
    )
)]

pub mod check;
pub mod convert;
pub mod diag;
pub mod diff;
pub mod edit;
pub mod fmt;
mod format;
pub mod input;
pub mod mapi;
pub mod model;
pub mod prf;
pub mod redact;
pub mod reg;
pub mod render;
pub mod text;
pub mod yaml;

pub use format::Format;
