//! What a `.reg` written from YAML, a `.prf` or a template may touch: the
//! profiles under an Outlook profile root, and the `DefaultProfile` value on
//! the key that holds it for that root. Anything else (a `Run` key, another
//! hive's settings) is refused unless the caller allows any key.

use crate::reg::ValueName;
use crate::reg::name;

use super::Model;
use super::root::{PROFILE_KEY, default_profile_key, profile_root};

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
