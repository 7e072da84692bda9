//! One registry value ↔ one YAML entry: the name a person reads, a typed
//! value, and the raw value name as a comment.
//!
//! [`show()`] only returns a typed form when [`parse()`] turns it back into the
//! very same value; otherwise it falls back to an explicit raw form
//! (`{hex: …}`, `{dword: …}`, `{sz: …}`, `{hex(N): …}`).
//!
//! One module per job: `context` (what a YAML key names in a section),
//! `show` (value → YAML), `parse` (YAML → value) with `prop` (the value of a
//! MAPI property of a type) and `primitive` (the scalars every form is made
//! of), `form` (the names and shapes of the explicit forms, shared with the
//! schema), `raw` (registry data ↔ raw forms) and `error`. This file only
//! gathers them.

mod context;
mod error;
mod form;
mod parse;
mod primitive;
mod prop;
mod raw;
mod show;

pub use context::{Context, resolve_name};
pub use error::{ShapeError, ValueError};
pub(super) use form::{Form, Shape};
pub use form::{FormError, StoredAs};
pub use parse::{DELETE, parse};
pub use show::{Shown, show};
