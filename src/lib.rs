//! mapiprof: Outlook / MAPI profiles as Regedit exports (`.reg`), Outlook
//! profile files (`.prf`) and readable YAML, converted losslessly.
//!
//! The layers, bottom up: [`text`] (bytes ↔ text), [`reg`] (`.reg` syntax),
//! [`mapi`] (property types, codecs and names), [`model`] (profiles and
//! sections), [`yaml`] (the readable document). Nothing in the library prints
//! or touches files.

pub mod check;
pub mod diag;
pub mod diff;
pub mod edit;
pub mod fmt;
pub mod input;
pub mod mapi;
pub mod model;
pub mod prf;
pub mod redact;
pub mod reg;
pub mod render;
pub mod text;
pub mod yaml;
