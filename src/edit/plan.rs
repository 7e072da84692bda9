//! Which values of a registry model an edit sets: every section that holds
//! the property (narrowed by `--profile` and `--section`), or with `--create`
//! the section its mapping names (Exchange settings: the Exchange Global
//! Section and each Exchange account section).

use std::collections::HashMap;

use crate::mapi::dictionary::{self, Scope};
use crate::mapi::props::PR_ROH_PROXY_SERVER;
use crate::mapi::proxy::fixed_proxy;
use crate::mapi::{PropType, TagName, account, sections};
use crate::model::{Model, PROFILE_KEY, Profile, SectionInfo, describe};
use crate::prf::{Generation, Target, mapping};
use crate::reg::{RegData, RegValue};
use crate::yaml::{Context, brief, resolve_name};

use super::value::reg_value;
use super::{Assignment, EditError, Edits};
use crate::reg::name;

/// One value to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Planned {
    /// The profile.
    pub profile: String,
    /// The key relative to the profile.
    pub path: String,
    /// The value (data `Delete` to remove it).
    pub value: RegValue,
    /// A line for people.
    pub change: String,
}

/// The values `edits` set in `model`.
pub(super) fn plan(model: &Model, edits: &Edits) -> Result<Vec<Planned>, EditError> {
    let profiles: Vec<&Profile> = model
        .profiles
        .iter()
        .filter(|p| {
            edits
                .profile
                .as_deref()
                .is_none_or(|w| name::same(&p.name, w))
        })
        .collect();
    if let (Some(wanted), true) = (&edits.profile, profiles.is_empty()) {
        let names: Vec<&str> = model.profiles.iter().map(|p| p.name.as_str()).collect();
        return Err(EditError::NoMatch(format!(
            "no profile {wanted:?} in the file (it holds {})",
            if names.is_empty() {
                "none".to_owned()
            } else {
                names.join(", ")
            }
        )));
    }
    let sections: Vec<Section> = profiles
        .iter()
        .flat_map(|p| Section::all(model, p))
        .filter(|s| edits.section.as_deref().is_none_or(|w| s.is(w)))
        .collect();
    let mut out = Vec::new();
    if edits.fix_proxy_port {
        out.extend(proxy_repairs(&sections));
    }
    for assignment in &edits.assignments {
        let planned = assign(&sections, assignment, edits)?;
        out.extend(planned);
    }
    Ok(out)
}

/// A section of a profile with what is known of it.
struct Section<'m> {
    profile: &'m str,
    path: &'m str,
    info: SectionInfo,
    ctx: Context,
    values: Vec<&'m RegValue>,
}

impl<'m> Section<'m> {
    fn all(model: &'m Model, profile: &'m Profile) -> Vec<Section<'m>> {
        let infos = describe(profile, model.source.codepage);
        let mut out: Vec<Section<'m>> = Vec::new();
        // each key (folded) → its section in `out`
        let mut seen: HashMap<String, usize> = HashMap::new();
        for (key, info) in profile.keys.iter().zip(infos) {
            if key.delete {
                continue;
            }
            let folded = name::fold(&key.path);
            if let Some(known) = seen.get(&folded).and_then(|&at| out.get_mut(at)) {
                known.values.extend(&key.values);
                continue;
            }
            seen.insert(folded, out.len());
            out.push(Section {
                profile: &profile.name,
                path: &key.path,
                ctx: Context::new(&model.source, true, &info),
                info,
                values: key.values.iter().collect(),
            });
        }
        out
    }

    /// Whether `--section` names this section: its key name or its label.
    fn is(&self, wanted: &str) -> bool {
        name::same(self.path, wanted)
            || self.info.label.as_deref().is_some_and(|l| {
                l.eq_ignore_ascii_case(wanted)
                    || l.to_ascii_lowercase()
                        .starts_with(&wanted.to_ascii_lowercase())
            })
    }

    /// The value this section holds for `name`: by property id (either
    /// string type) for MAPI names, by name otherwise.
    fn holding(&self, name: &str, tag: Option<TagName>) -> Option<&'m RegValue> {
        let is_string = |t: PropType| t == PropType::STRING8 || t == PropType::UNICODE;
        self.values.iter().rev().copied().find(|v| {
            if v.data == RegData::Delete {
                return false;
            }
            match (tag, TagName::parse(v.name.as_str())) {
                (Some(want), Some(have)) if !self.info.account_manager => {
                    have.tag.id == want.tag.id
                        && (have.tag.ptype == want.tag.ptype
                            || (is_string(have.tag.ptype) && is_string(want.tag.ptype)))
                }
                _ => name::same(v.name.as_str(), name),
            }
        })
    }

    fn where_(&self) -> String {
        if self.path == PROFILE_KEY {
            self.profile.to_owned()
        } else {
            format!("{}/{}", self.profile, self.path)
        }
    }
}

fn assign(
    sections: &[Section],
    assignment: &Assignment,
    edits: &Edits,
) -> Result<Vec<Planned>, EditError> {
    let name = assignment.name();
    let mut out = Vec::new();
    let mut known = false;
    for section in sections {
        let Ok((value_name, tag)) = resolve_name(name, &section.ctx) else {
            continue;
        };
        known |= tag.is_some() || (section.info.account_manager && account::form(name).is_some());
        let Some(old) = section.holding(value_name.as_str(), tag) else {
            continue;
        };
        known = true;
        let new = new_value(section, old.name.as_str(), Some(&old.data), assignment)?;
        if new.data != old.data {
            out.push(planned(section, Some(old), new));
        }
    }
    if !out.is_empty() || sections.iter().any(|s| holds(s, name)) {
        return Ok(out);
    }
    if !known {
        return Err(unknown(name));
    }
    match assignment {
        // nothing to remove
        Assignment::Unset { .. } => return Ok(out),
        Assignment::Set { .. } if !edits.create => {
            return Err(EditError::Absent(name.to_owned()));
        }
        Assignment::Set { .. } => {}
    }
    create(sections, assignment, edits)
}

/// Whether a section holds `name` (resolved in its own context).
fn holds(section: &Section, name: &str) -> bool {
    resolve_name(name, &section.ctx)
        .ok()
        .is_some_and(|(n, tag)| section.holding(n.as_str(), tag).is_some())
}

/// `--create`: the sections the property belongs in.
fn create(
    sections: &[Section],
    assignment: &Assignment,
    edits: &Edits,
) -> Result<Vec<Planned>, EditError> {
    let name = assignment.name();
    let targets: Vec<&Section> = if edits.section.is_some() {
        sections.iter().collect()
    } else {
        let home = home_of(name).ok_or_else(|| EditError::NoPlace(name.to_owned()))?;
        sections
            .iter()
            .filter(|s| {
                name::same(s.path, &home)
                    || (name::same(&home, sections::EXCHANGE_GLOBAL)
                        && s.info.label.as_deref() == Some("Exchange account section"))
            })
            .collect()
    };
    if targets.is_empty() {
        return Err(EditError::NoPlace(name.to_owned()));
    }
    let mut out = Vec::new();
    for section in targets {
        let (value_name, _) =
            resolve_name(name, &section.ctx).map_err(|why| EditError::value(name, why))?;
        let new = new_value(section, value_name.as_str(), None, assignment)?;
        out.push(planned(section, None, new));
    }
    Ok(out)
}

/// The fixed section a property's `.prf` mapping puts it in
/// (`RPCProxyServer` → the Exchange Global Section).
fn home_of(name: &str) -> Option<String> {
    let entry = dictionary::by_name(name, Some(Scope::Exchange)).next()?;
    let in_block = |block: &crate::prf::Block| {
        block
            .entries()
            .filter_map(|(_, m)| mapping::parse_mapping(m))
            .any(|t| t.id == entry.tag.id)
    };
    let blocks = Generation::ALL
        .iter()
        .flat_map(|g| g.blocks())
        .chain([mapping::static_ports()]);
    for block in blocks {
        if let Target::Section(uid) = block.target()
            && in_block(block)
        {
            return Some(uid);
        }
    }
    (entry.scope == Scope::Exchange).then(|| sections::EXCHANGE_GLOBAL.to_owned())
}

fn new_value(
    section: &Section,
    name: &str,
    old: Option<&RegData>,
    assignment: &Assignment,
) -> Result<RegValue, EditError> {
    match assignment {
        Assignment::Set { value, .. } => reg_value(name, value, &section.ctx, old)
            .map_err(|why| EditError::value(format!("{}/{name}", section.where_()), why)),
        Assignment::Unset { .. } => Ok(RegValue {
            name: crate::reg::ValueName::Named(name.to_owned()),
            data: RegData::Delete,
        }),
    }
}

fn planned(section: &Section, old: Option<&RegValue>, new: RegValue) -> Planned {
    Planned {
        profile: section.profile.to_owned(),
        path: section.path.to_owned(),
        change: change_line(
            section.profile,
            section.path,
            &section.info,
            &section.ctx,
            old,
            &new,
        ),
        value: new,
    }
}

/// A change as every command reports it, the way `diff` lists one:
/// `profile/section (label)/Name (raw name): old → new`, `(absent)` and
/// `(removed)` for a value that was not there or goes.
pub(super) fn change_line(
    profile: &str,
    path: &str,
    info: &SectionInfo,
    ctx: &Context,
    old: Option<&RegValue>,
    new: &RegValue,
) -> String {
    let mut place = if path == PROFILE_KEY {
        profile.to_owned()
    } else {
        format!("{profile}/{path}")
    };
    if let Some(label) = &info.label {
        place.push_str(&format!(" ({label})"));
    }
    let raw = new.name.as_str();
    let shown = crate::yaml::show_value(old.unwrap_or(new), ctx).key;
    let name = if shown == raw {
        raw.to_owned()
    } else {
        format!("{shown} ({raw})")
    };
    let before = old.map_or_else(|| "(absent)".to_owned(), |o| brief(o, ctx));
    format!("{place}/{name}: {before} → {}", brief(new, ctx))
}

/// Every RPC proxy written the dialog way, as `host:port`.
fn proxy_repairs(sections: &[Section]) -> Vec<Planned> {
    let mut out = Vec::new();
    for section in sections
        .iter()
        .filter(|s| s.info.scope == Some(Scope::Exchange))
    {
        for value in &section.values {
            let Some(tag) = TagName::parse(value.name.as_str()) else {
                continue;
            };
            if tag.tag.id != PR_ROH_PROXY_SERVER.id || tag.secure {
                continue;
            }
            let text = brief(value, &section.ctx);
            let Some(fixed) = fixed_proxy(&text) else {
                continue;
            };
            if let Ok(new) = reg_value(value.name.as_str(), &fixed, &section.ctx, Some(&value.data))
            {
                out.push(planned(section, Some(value), new));
            }
        }
    }
    out
}

/// A name none of the file's sections knows: a property the file does not
/// hold when mapiprof knows it elsewhere (an account value in an export of
/// Exchange alone), else an unknown name with the names close to it.
fn unknown(name: &str) -> EditError {
    if known_anywhere(name) {
        return EditError::Absent(name.to_owned());
    }
    let mut suggestions: Vec<String> = Vec::new();
    for scope in [Some(Scope::Exchange), None] {
        for found in dictionary::closest(name, scope) {
            if !suggestions.iter().any(|s| s == found) {
                suggestions.push(found.to_owned());
            }
        }
    }
    let accounts = account::VALUES.iter().map(|(n, _)| *n);
    for known in dictionary::closest_among(name, accounts) {
        if !suggestions.iter().any(|s| s == known) {
            suggestions.push(known.to_owned());
        }
    }
    suggestions.truncate(5);
    EditError::UnknownName {
        name: name.to_owned(),
        suggestions,
    }
}

/// Whether mapiprof knows `name` in some file (a property, an account value,
/// a `.prf` key): a file whose sections do not know it does not hold it,
/// which is no mistake in the name (`SMTP Port` over a folder of exports and
/// `.prf` files, some of Exchange alone).
pub(super) fn known_anywhere(name: &str) -> bool {
    let exact = |known: &str| known.eq_ignore_ascii_case(name);
    [Some(Scope::Exchange), None]
        .into_iter()
        .any(|scope| dictionary::closest(name, scope).into_iter().any(exact))
        || account::VALUES.iter().any(|(n, _)| exact(n))
        || crate::prf::Generation::ALL
            .into_iter()
            .flat_map(|g| g.blocks())
            .flat_map(|b| b.entries().map(|(k, _)| k))
            .chain(crate::prf::GENERAL_KEYS)
            .any(exact)
}
