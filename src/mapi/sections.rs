//! Well-known profile sections and the services that own the others.

use super::dictionary::Scope;
use crate::reg::name;

/// The account manager's key: not a MAPI section, values have plain names.
pub const ACCOUNT_MANAGER: &str = "9375CFF0413111d3B88A00104B2A6676";

/// The Exchange Global Section (`pbGlobalProfileSectionGuid`).
pub const EXCHANGE_GLOBAL: &str = "13dbb0c8aa05101a9bb000aa002fc45a";

/// Outlook client settings (`IID_CAPONE_PROF`, PRF `[Microsoft Outlook Client]`).
pub const OUTLOOK_CLIENT: &str = "0a0d020000000000c000000000000046";

/// The profile's service and provider lists (`PR_SERVICES` …).
pub const SERVICE_LISTS: &str = "9207f3e0a3b11019908b08002b2a56c2";

/// The profile instance section (`MUID_PROFILE_INSTANCE`).
pub const PROFILE_INSTANCE: &str = "8503020000000000c000000000000046";

/// A section whose UID is the same in every profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WellKnown {
    /// The key name (compared case-insensitively).
    pub uid: &'static str,
    /// What it is, for people.
    pub label: &'static str,
    /// Whose provider-range properties it holds.
    pub scope: Option<Scope>,
}

/// Every well-known section.
pub static WELL_KNOWN: &[WellKnown] = &[
    WellKnown {
        uid: EXCHANGE_GLOBAL,
        label: "Exchange Global Section",
        scope: Some(Scope::Exchange),
    },
    WellKnown {
        uid: OUTLOOK_CLIENT,
        label: "Outlook client settings (IID_CAPONE_PROF)",
        scope: None,
    },
    WellKnown {
        uid: PROFILE_INSTANCE,
        label: "profile instance (MUID_PROFILE_INSTANCE)",
        scope: None,
    },
    WellKnown {
        uid: SERVICE_LISTS,
        label: "profile service and provider lists",
        scope: None,
    },
    WellKnown {
        uid: "dca740c8c042101ab4b908002b2fe182",
        label: "Exchange address book (muidEMSAB)",
        scope: Some(Scope::Exchange),
    },
    WellKnown {
        uid: "5acf76a3665511cea39a00aa004acafa",
        label: "dial-up networking",
        scope: Some(Scope::Dialup),
    },
    WellKnown {
        uid: "c02ebc5353d9cd11975200aa004ae40e",
        label: "Outlook security settings (S/MIME)",
        scope: None,
    },
    WellKnown {
        uid: "42acdf40ca5b11cdb7ba00aa003cf7f1",
        label: "well-known section (purpose undocumented)",
        scope: None,
    },
    WellKnown {
        uid: "f86ed2903a4a11cfb57e524153480001",
        label: "well-known section (purpose undocumented)",
        scope: None,
    },
    WellKnown {
        uid: ACCOUNT_MANAGER,
        label: "account manager",
        scope: None,
    },
];

/// The well-known section with key name `uid`.
pub fn well_known(uid: &str) -> Option<&'static WellKnown> {
    WELL_KNOWN.iter().find(|w| name::same(w.uid, uid))
}

/// The well-known section a person may have named by its label
/// (`Exchange Global Section`, `Outlook client settings`): the label in
/// full, or its words before the parenthesis, without regard to case.
pub fn by_label(name: &str) -> Option<&'static WellKnown> {
    let wanted = name.trim();
    WELL_KNOWN.iter().find(|w| {
        let short = w.label.split(" (").next().unwrap_or(w.label);
        w.label.eq_ignore_ascii_case(wanted) || short.eq_ignore_ascii_case(wanted)
    })
}

/// The scope of a message service's provider-range properties, by
/// `PR_SERVICE_NAME`.
pub fn service_scope(service: &str) -> Option<Scope> {
    match service.to_ascii_uppercase().as_str() {
        "MSEMS" | "EMSDELEGATE" | "EMSUP" => Some(Scope::Exchange),
        "MSPST MS" | "MSUPST MS" => Some(Scope::Pst),
        "EMABLT" => Some(Scope::Ldap),
        "MSPST AB" => Some(Scope::Pab),
        "MSFS" => Some(Scope::MsMail),
        "IMAIL" => Some(Scope::InternetMail),
        "CONTAB" => Some(Scope::Contab),
        _ => None,
    }
}

/// What a message service is, for people.
pub fn service_label(service: &str) -> Option<&'static str> {
    Some(match service.to_ascii_uppercase().as_str() {
        "MSEMS" => "Microsoft Exchange",
        "MSPST MS" => "Personal Folders (ANSI PST)",
        "MSUPST MS" => "Personal Folders (Unicode PST)",
        "EMABLT" => "LDAP directory",
        "MSPST AB" => "Personal Address Book",
        "CONTAB" => "Outlook Address Book",
        "MSFS" => "Microsoft Mail",
        "IMAIL" => "Internet E-mail",
        "EMSDELEGATE" => "Exchange delegate mailbox",
        _ => return None,
    })
}

/// Whose section a scope's is, for people.
pub fn scope_label(scope: Scope) -> &'static str {
    match scope {
        Scope::Any => "a profile section",
        Scope::Exchange => "an Exchange provider section",
        Scope::Pst => "a personal folders section",
        Scope::Ldap => "an LDAP directory section",
        Scope::Pab => "a personal address book section",
        Scope::MsMail => "a Microsoft Mail section",
        Scope::InternetMail => "an Internet E-mail section",
        Scope::Dialup => "a dial-up networking section",
        Scope::Contab => "an Outlook Address Book section",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn well_known_is_case_insensitive() {
        assert_eq!(
            well_known("9375cff0413111d3b88a00104b2a6676")
                .unwrap()
                .label,
            "account manager"
        );
        assert_eq!(
            well_known(EXCHANGE_GLOBAL).unwrap().scope,
            Some(Scope::Exchange)
        );
        assert!(well_known("00000000000000000000000000000000").is_none());
    }

    #[test]
    fn services() {
        assert_eq!(service_scope("MSUPST MS"), Some(Scope::Pst));
        assert_eq!(service_scope("msems"), Some(Scope::Exchange));
        assert_eq!(service_scope("contab"), Some(Scope::Contab));
        assert_eq!(service_scope("SOMETHING ELSE"), None);
        assert_eq!(service_label("CONTAB"), Some("Outlook Address Book"));
    }
}
