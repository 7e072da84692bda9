//! Checking any document: the rules for registry profiles or for `.prf`
//! settings, whichever the document holds.

use crate::input::{Document, Profiles};
use crate::prf;

use super::{Finding, check_prf, check_reg};

/// The findings of every rule in `doc`. `outlook_2016` says the `.prf` is
/// for Outlook 2016 or later (for `prf-exchange-2016`). A `.prf` read from
/// YAML is checked as the `.prf` mapiprof would write for it; a value that
/// `.prf` cannot hold is the error.
pub fn check(doc: Document, outlook_2016: bool) -> Result<Vec<Finding>, prf::WriteError> {
    Ok(match doc {
        Document::Reg(input) => check_reg(&input.into_model().0),
        Document::Prf(input) => {
            let (model, _) = input.model();
            check_prf(&model, &input.parsed, &input.text, outlook_2016)
        }
        Document::Model { profiles, .. } => match profiles {
            Profiles::Registry(model) => check_reg(&model),
            Profiles::Prf(model) => {
                let text = prf::write(&model)?;
                let parsed = prf::parse(&text);
                check_prf(&model, &parsed, &text, outlook_2016)
            }
        },
    })
}
