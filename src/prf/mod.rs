//! Outlook profile files (`.prf`): a lossless line tree (`syntax`), so that
//! an unchanged file writes back byte for byte and an edit touches only its
//! own line.
//!
//! ```
//! use mapiprof::prf::{self, LineKind};
//!
//! let parsed = prf::parse("[General]\r\nProfileName=Outlook\r\n");
//! assert!(matches!(&parsed.file.lines[1].kind,
//!     LineKind::Entry { key, value, .. } if key == "ProfileName" && value == "Outlook"));
//! ```

mod syntax;

pub use syntax::{Line, LineKind, Parsed, PrfFile, parse};
