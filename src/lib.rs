//! mapiprof: Outlook / MAPI profiles as Regedit exports (`.reg`), Outlook
//! profile files (`.prf`) and readable YAML, converted losslessly.
//!
//! The layers, bottom up: [`text`] (bytes ↔ text), [`reg`] and [`prf`] (the
//! two file syntaxes), [`mapi`] (property types, codecs and names), [`model`]
//! (profiles and sections, and the conversions between `.reg` and `.prf`),
//! [`yaml`] (the readable document); [`Format`], [`input`] and [`convert`]
//! (reading and writing any form); on top, [`edit`], [`diff`], [`check`],
//! [`fmt`], [`render`] and [`redact`]. Nothing in the library prints or
//! touches files. `ARCHITECTURE.md` beside the sources maps the modules.
//!
//! # Example
//! ```
//! use mapiprof::{Format, convert, input};
//!
//! let reg = "Windows Registry Editor Version 5.00\r\n\r\n\
//!     [HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\16.0\\Outlook\\Profiles\\Outlook\\13dbb0c8aa05101a9bb000aa002fc45a]\r\n\
//!     \"0002662c\"=hex:71,17\r\n\r\n";
//! let doc = input::read(reg.as_bytes(), Format::of("export.reg".as_ref(), reg.as_bytes()), &Default::default())?;
//! let (profiles, _warnings) = doc.into_profiles();
//! let yaml = convert::convert(&profiles, Format::Reg, Format::Yaml, &Default::default())?;
//! assert!(String::from_utf8(yaml.bytes)?.contains("TCPExchangePort: 6001"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
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
pub mod hive;
pub mod input;
pub mod inventory;
pub mod mapi;
pub mod model;
pub mod prf;
pub mod redact;
pub mod reg;
pub mod render;
pub mod text;
pub mod yaml;

pub use format::Format;

/// The README's Rust example, compiled and run as a doctest.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
