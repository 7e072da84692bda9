//! Checking any document: the rules for registry profiles or for `.prf`
//! settings, whichever the document holds.

use crate::diag::{Effect, Warning};
use crate::input::{Document, Profiles};
use crate::prf;

use super::{Finding, RuleId, check_prf, check_reg};

/// The findings of every rule in `doc`. `outlook_2016` says the `.prf` is
/// for Outlook 2016 or later (for `prf-exchange-2016`). A `.prf` read from
/// YAML is checked as the `.prf` mapiprof would write for it; a value that
/// `.prf` cannot hold is the error.
pub fn check(doc: Document, outlook_2016: bool) -> Result<Vec<Finding>, prf::WriteError> {
    check_profiles(doc, outlook_2016).map(|(found, _)| found)
}

/// [`check`], with the profiles of `doc` worked out on the way.
pub fn check_profiles(
    doc: Document,
    outlook_2016: bool,
) -> Result<(Vec<Finding>, Profiles), prf::WriteError> {
    let prf = matches!(doc, Document::Prf(_));
    let mut found: Vec<Finding> = doc
        .warnings()
        .iter()
        .filter_map(|w| reading(w, prf))
        .collect();
    let (more, profiles) = rules(doc, outlook_2016)?;
    found.extend(more);
    Ok((found, profiles))
}

/// The finding for what a reader warned about, when it changes what is
/// imported.
pub fn reading(warning: &Warning, prf: bool) -> Option<Finding> {
    let rule = match (warning.effect, prf) {
        (Effect::Ignored, false) => RuleId::RegIgnored,
        (Effect::Ignored, true) => RuleId::PrfIgnored,
        (Effect::SetTwice, _) => RuleId::RegSetTwice,
        (Effect::ReadOtherwise, _) => RuleId::RegReadOtherwise,
        (Effect::Repeated, _) => RuleId::RegRepeatedKey,
        (Effect::Damaged, _) => RuleId::HiveDamaged,
        (Effect::Stale, _) => RuleId::HiveStale,
        (Effect::Other | Effect::Note, _) => return None,
    };
    let whole = if matches!(warning.effect, Effect::Damaged | Effect::Stale) {
        "hive"
    } else {
        "file"
    };
    let place = warning
        .location
        .map_or_else(|| whole.to_owned(), |l| format!("line {l}"));
    Some(Finding::new(rule, place, warning.message.clone()))
}

fn rules(doc: Document, outlook_2016: bool) -> Result<(Vec<Finding>, Profiles), prf::WriteError> {
    Ok(match doc {
        Document::Reg(input) => {
            let model = input.into_model().0;
            (check_reg(&model), Profiles::Registry(model))
        }
        Document::Prf(input) => {
            let (model, _) = input.model();
            let found = check_prf(&model, &input.text, outlook_2016);
            (found, Profiles::Prf(model))
        }
        Document::Model { profiles, .. } => {
            let found = match &profiles {
                Profiles::Registry(model) => check_reg(model),
                Profiles::Prf(model) => {
                    let text = prf::write(model)?;
                    check_prf(model, &text, outlook_2016)
                }
            };
            (found, profiles)
        }
    })
}
