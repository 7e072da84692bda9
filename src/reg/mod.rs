//! `.reg` files: a lossless syntax tree ([`File`]), what it asks Regedit to
//! do ([`Document`]), a Regedit-exact writer ([`write()`]) and edits of the
//! text that keep every byte they do not change ([`edit`]).
//!
//! This module knows text, not bytes (see [`crate::text`]), and nothing of
//! MAPI or YAML.
//!
//! # Example
//!
//! ```
//! use mapiprof::reg;
//!
//! let text = "Windows Registry Editor Version 5.00\r\n\r\n[HKEY_CURRENT_USER\\Software\\x]\r\n\"n\"=dword:00000001\r\n\r\n";
//! let parsed = reg::parse(text)?;
//! let (doc, warnings) = parsed.file.document(text, &parsed.lines);
//! assert!(warnings.is_empty());
//! assert_eq!(reg::write(&doc, mapiprof::text::Newline::CrLf)?, text);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod document;
pub mod edit;
pub mod import;
pub mod name;
mod syntax;
mod tree;
mod upcase;
mod value;
mod write;

pub use document::{Block, Document, Format, normalise_path};
pub use syntax::{ParseError, Parsed, ROOTS, parse};
pub(crate) use tree::Layout;
pub use tree::{File, Item, ItemKind};
pub use value::{RegData, RegValue, ValueName, find_value, kind, multi_sz_items};
pub use write::{Key, WriteError, write, write_block, write_in_pieces, write_value};
