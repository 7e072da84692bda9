//! What a `.reg` written from YAML, a `.prf` or a template may touch: the
//! profiles under an Outlook profile root, and the `DefaultProfile` value on
//! the key that holds it for that root. Anything else (a `Run` key, another
//! hive's settings) is refused unless the caller allows any key.

use crate::reg::ValueName;
use crate::reg::name;

use super::Model;
use super::root::{PROFILE_KEY, default_profile_key, profile_root};

/// Which keys a written `.reg` may touch (see [`Model::to_reg_bytes`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reach {
    /// The profiles under an Outlook profile root and the `DefaultProfile`
    /// value where that root keeps it.
    Profiles,
    /// Any key: a `.reg` written back as it was read, or what the user
    /// allowed (`--allow-any-key`).
    AnyKey,
}

impl Reach {
    /// The keys and values of `model` that this reach does not allow, for
    /// people; empty when `model` keeps within it.
    pub fn outside(self, model: &Model) -> Vec<String> {
        match self {
            Reach::AnyKey => Vec::new(),
            Reach::Profiles => outside_profiles(model),
        }
    }
}

/// The keys and values of `model` outside its profile tree, for people; empty
/// when the model keeps to its profiles.
pub fn outside_profiles(model: &Model) -> Vec<String> {
    let mut out = Vec::new();
    let Some(root) = model.root.as_deref() else {
        out.extend(model.keys.iter().map(|b| b.path.clone()));
        return out;
    };
    if profile_root(&format!("{root}\\{PROFILE_KEY}")) != Some(root) {
        out.push(format!("root {root} (not an Outlook profile root)"));
    }
    let holder = default_profile_key(root);
    for block in &model.keys {
        let is_holder = name::same(&block.path, &holder) && !block.delete;
        let only_default = block
            .values
            .iter()
            .all(|v| matches!(&v.name, ValueName::Named(n) if name::same(n, "DefaultProfile")));
        if !(is_holder && only_default) {
            out.push(if block.delete {
                format!("[-{}]", block.path)
            } else {
                format!("[{}]", block.path)
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::read_yaml;

    #[test]
    fn a_reach_allows_the_profiles_or_any_key() {
        let root = "HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\16.0\\Outlook\\Profiles";
        let run = "HKEY_LOCAL_MACHINE\\Software\\Microsoft\\Windows\\CurrentVersion\\Run";
        let with_run = format!(
            "mapiprof: 1\nroot: {root}\nkeys:\n  {run}:\n    evil: {{sz: calc.exe}}\n\
             profiles:\n  Outlook:\n    .: {{}}\n"
        );
        let model = read_yaml(with_run.as_bytes()).unwrap();
        assert_eq!(Reach::Profiles.outside(&model), [format!("[{run}]")]);
        assert!(Reach::AnyKey.outside(&model).is_empty());

        let profiles_only =
            format!("mapiprof: 1\nroot: {root}\nprofiles:\n  Outlook:\n    .: {{}}\n");
        let clean = read_yaml(profiles_only.as_bytes()).unwrap();
        assert!(Reach::Profiles.outside(&clean).is_empty());
        assert!(matches!(
            model.to_reg_bytes(Reach::Profiles),
            Err(crate::model::ToRegError::OutsideProfiles(_))
        ));
    }
}
