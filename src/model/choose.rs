//! Which profile of an export a conversion is about: the one asked for,
//! else the only one, else the export's default profile.

use crate::reg::{RegData, name};

use super::root::default_profile_key;
use super::{Model, Profile, ToPrfError};

/// The profile `wanted` (case-insensitive), else the only one, else
/// `default`.
pub(crate) fn choose_profile<'m>(
    model: &'m Model,
    wanted: Option<&str>,
    default: Option<&str>,
) -> Result<&'m Profile, ToPrfError> {
    let names = || model.profiles.iter().map(|p| p.name.clone()).collect();
    let named = |name: &str| model.profiles.iter().find(|p| name::same(&p.name, name));
    match (wanted, model.profiles.as_slice()) {
        (_, []) => Err(ToPrfError::NoProfile),
        (Some(name), _) => {
            named(name).ok_or_else(|| ToPrfError::NoSuchProfile(name.into(), names()))
        }
        (None, [only]) => Ok(only),
        (None, _) => default
            .and_then(named)
            .ok_or_else(|| ToPrfError::WhichProfile(names())),
    }
}

/// The `DefaultProfile` value on the `Profiles` key (Outlook 2010 and
/// earlier) or on its parent `Outlook` key (2013 and later).
pub(crate) fn default_profile(model: &Model) -> Option<String> {
    let holder = default_profile_key(model.root.as_deref()?);
    model
        .keys
        .iter()
        .filter(|b| !b.delete && name::same(&b.path, &holder))
        .find_map(
            |b| match crate::reg::find_value(&b.values, "DefaultProfile").map(|v| &v.data) {
                Some(RegData::String(name)) => Some(name.clone()),
                _ => None,
            },
        )
}
