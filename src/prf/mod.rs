//! Outlook profile files (`.prf`): a lossless line tree (`syntax`), so that
//! an unchanged file writes back byte for byte and an edit touches only its
//! own line; the file read as Outlook reads it (`document`: first of repeated
//! keys and sections wins); the mapping blocks and the built-in tables of the
//! three generations (`mapping`); the settings (`model`), with the lines
//! that are no setting (`notes`); in-place edits that change one line
//! (`edit`); and the OCT-style writer (`write`).
//!
//! ```
//! use mapiprof::prf::{self, LineKind};
//!
//! let text = "[General]\r\nProfileName=Outlook\r\n";
//! let parsed = prf::parse(text);
//! assert!(matches!(&parsed.file.lines[1].kind,
//!     LineKind::Entry { key_span, value_span }
//!         if key_span.of(text) == "ProfileName" && value_span.of(text) == "Outlook"));
//! ```

mod document;
mod edit;
mod entries;
mod folded;
pub mod mapping;
mod model;
mod notes;
mod syntax;
mod write;

pub use document::{Document, Entry, Section};
pub(crate) use edit::add_with_newline;
pub use edit::{Edited, add, comment_out, set, set_values};
pub use entries::Entries;
pub(crate) use folded::Folded;
pub use mapping::{Block, Generation, MapLine, Target};
pub use model::{
    APPLY_OPTIONS, CONTROL_KEYS, GENERAL_KEYS, Item, Listed, Plain, PrfModel, PrfSource, Settings,
    block_differences, placeholders, same_line,
};
pub use syntax::{Line, LineKind, Lines, Parsed, PrfFile, lines, parse, warnings_of};
pub use write::{SIGNATURE, WriteError, to_bytes, write};
