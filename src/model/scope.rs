//! What a `.reg` written from YAML, a `.prf` or a template may touch: the
//! profiles under an Outlook profile root, and the `DefaultProfile` value on
//! the key that holds it for that root. Anything else (a `Run` key, another
//! hive's settings) is refused unless the caller allows any key.
//!
//! The root must be a profile root anchored at the user's hive:
//! `HKEY_CURRENT_USER\…` or `HKEY_USERS\<SID>\…`, followed by exactly the
//! path Outlook uses; a profile name is not empty and holds no `\`. So no
//! written `.reg` deletes or overwrites the `Profiles` key itself, nor puts
//! profile settings under another key that happens to end the same way.

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
    if profile_root(&format!("{root}\\{PROFILE_KEY}")) != Some(root) || !anchored(root) {
        out.push(format!("root {root} (not an Outlook profile root)"));
    }
    for profile in &model.profiles {
        if profile.name.is_empty() {
            out.push(format!(
                "a profile with no name (it would be the key {root} itself)"
            ));
        } else if profile.name.contains('\\') {
            out.push(format!(
                "profile {:?} (a profile name cannot hold \\)",
                profile.name
            ));
        }
    }
    let holder = default_profile_key(root);
    for block in &model.keys {
        let is_holder = name::same(&block.path, &holder) && !block.delete;
        let only_default = block
            .values
            .iter()
            .all(|v| matches!(&v.name, ValueName::Named(n) if name::same(n, "DefaultProfile")));
        let allowed = (is_holder && only_default) || other_profiles(block, only_default);
        if !allowed {
            out.push(if block.delete {
                format!("[-{}]", block.path)
            } else {
                format!("[{}]", block.path)
            });
        }
    }
    out
}

/// Whether `block` keeps to Outlook profiles the model holds as plain keys:
/// a profile root itself with no values (a `reg export` of the root starts
/// with it), a profile or a key below one under another profile root (a
/// user's hive holds 15.0 and 16.0 profiles side by side), or the key that
/// holds `DefaultProfile` for such a root, with that value alone.
fn other_profiles(block: &crate::reg::Block, only_default: bool) -> bool {
    if block.delete {
        return false;
    }
    let path = block.path.as_str();
    let is_root = |root: &str| {
        profile_root(&format!("{root}\\{PROFILE_KEY}")) == Some(root) && anchored(root)
    };
    if is_root(path) {
        // the Profiles key holds DefaultProfile itself up to Outlook 2010
        return block.values.is_empty() || (only_default && default_profile_key(path) == path);
    }
    if profile_root(path).is_some_and(is_root) {
        return true;
    }
    let child = format!("{path}\\Profiles");
    only_default && is_root(&child) && name::same(&default_profile_key(&child), path)
}

/// Whether `root` is a profile root right under the user's hive: the hive
/// (`HKEY_CURRENT_USER`, or `HKEY_USERS\<SID>`) and then exactly one of the
/// paths Outlook keeps profiles at.
fn anchored(root: &str) -> bool {
    let Some((hive, rest)) = root.split_once('\\') else {
        return false;
    };
    let rest = if name::same(hive, "HKEY_CURRENT_USER") {
        rest
    } else if name::same(hive, "HKEY_USERS") {
        match rest.split_once('\\') {
            Some((sid, rest)) if is_sid(sid) => rest,
            _ => return false,
        }
    } else {
        return false;
    };
    const FIXED: [&str; 2] = [
        "Software\\Microsoft\\Windows NT\\CurrentVersion\\Windows Messaging Subsystem\\Profiles",
        "Software\\Microsoft\\Windows Messaging Subsystem\\Profiles",
    ];
    if FIXED.iter().any(|path| name::same(rest, path)) {
        return true;
    }
    // Software\Microsoft\Office\<version>\Outlook\Profiles
    let parts: Vec<&str> = rest.split('\\').collect();
    let [software, microsoft, office, version, outlook, profiles] = parts.as_slice() else {
        return false;
    };
    [
        (*software, "Software"),
        (*microsoft, "Microsoft"),
        (*office, "Office"),
        (*outlook, "Outlook"),
        (*profiles, "Profiles"),
    ]
    .iter()
    .all(|(a, b)| name::same(a, b))
        && version
            .split('.')
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
}

/// `S-1-` and dash-separated numbers, as a user's key under `HKEY_USERS` is
/// named (`S-1-5-21-…-1001`).
fn is_sid(name: &str) -> bool {
    let mut parts = name.split('-');
    matches!(parts.next(), Some("S" | "s")) && parts.next() == Some("1") && {
        let rest: Vec<&str> = parts.collect();
        !rest.is_empty()
            && rest
                .iter()
                .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
    }
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

    #[test]
    fn a_second_root_and_the_empty_root_key_keep_to_the_profiles() {
        let root = "HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\16.0\\Outlook\\Profiles";
        let o15 = "HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\15.0\\Outlook";
        let keys = |extra: &str| {
            let yaml = format!(
                "mapiprof: 1\nroot: {root}\nkeys:\n  {root}: {{}}\n  {o15}:\n    DefaultProfile: Old\n  \
                 {o15}\\Profiles\\Old\\13dbb0c8aa05101a9bb000aa002fc45a:\n    \"0002662c\": {{hex: 71 17}}\n{extra}\
                 profiles:\n  Outlook:\n    .: {{}}\n"
            );
            Reach::Profiles.outside(&read_yaml(yaml.as_bytes()).unwrap())
        };
        assert!(keys("").is_empty(), "{:?}", keys(""));
        // but not another value on the holder, nor a value on a root key
        let more = format!("  {o15}\\Profiles:\n    x: {{sz: text}}\n");
        assert_eq!(keys(&more), [format!("[{o15}\\Profiles]")]);
    }

    fn outside_of(root: &str, profile: &str) -> Vec<String> {
        let yaml =
            format!("mapiprof: 1\nroot: '{root}'\nprofiles:\n  '{profile}':\n    '-.': {{}}\n");
        let model = read_yaml(yaml.as_bytes()).unwrap();
        Reach::Profiles.outside(&model)
    }

    #[test]
    fn only_the_user_hives_profile_roots_and_named_profiles() {
        let tail = "Software\\Microsoft\\Office\\16.0\\Outlook\\Profiles";
        let wms = "Software\\Microsoft\\Windows NT\\CurrentVersion\\Windows Messaging Subsystem\\Profiles";
        for root in [
            format!("HKEY_CURRENT_USER\\{tail}"),
            format!("hkey_current_user\\{}", tail.to_lowercase()),
            format!("HKEY_USERS\\S-1-5-21-1004336348-1177238915-682003330-1001\\{tail}"),
            format!("HKEY_CURRENT_USER\\{wms}"),
            "HKEY_CURRENT_USER\\Software\\Microsoft\\Windows Messaging Subsystem\\Profiles"
                .to_owned(),
        ] {
            assert!(outside_of(&root, "Outlook").is_empty(), "{root}");
        }
        for root in [
            format!("HKEY_LOCAL_MACHINE\\{tail}"),
            format!("HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\{tail}"),
            format!("HKEY_USERS\\{tail}"),
            format!("HKEY_USERS\\.DEFAULT\\{tail}"),
            format!("HKEY_USERS\\S-1-\\{tail}"),
            format!("HKEY_CURRENT_USER\\x\\{wms}"),
            "HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\16.x\\Outlook\\Profiles".to_owned(),
        ] {
            assert_eq!(
                outside_of(&root, "Outlook"),
                [format!("root {root} (not an Outlook profile root)")],
                "{root}"
            );
        }
        let root = format!("HKEY_CURRENT_USER\\{tail}");
        // `[-…\Profiles\]` would delete every profile
        assert_eq!(
            outside_of(&root, ""),
            [format!(
                "a profile with no name (it would be the key {root} itself)"
            )]
        );
        assert_eq!(
            outside_of(&root, "a\\b"),
            ["profile \"a\\\\b\" (a profile name cannot hold \\)"]
        );
    }
}
