//! The lint rules: one table giving each rule its variant of [`RuleId`],
//! its id, severity, summary (for `--help`) and hint, so that code names a
//! rule by variant and a misspelt rule does not compile. Adding a rule is
//! one entry here and the code that finds it in `reg.rs` or `prf.rs`.

use serde::Serialize;

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; does not fail `check`.
    Info,
    /// Probably wrong; fails `check`.
    Warning,
    /// Outlook will not work as meant; fails `check`.
    Error,
}

impl Severity {
    /// The word used in output.
    pub fn name(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    /// The id (`proxy-dash-port`).
    pub id: &'static str,
    /// How bad.
    pub severity: Severity,
    /// What it finds, for `--help`.
    pub summary: &'static str,
    /// What to do about it.
    pub hint: &'static str,
}

/// The rule `id` (`proxy-dash-port`), as a user names it.
pub fn rule(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id == id)
}

/// The rules as help text: each id and severity, then what it finds,
/// wrapped to fit an 80-column terminal.
pub fn rules_help() -> String {
    let mut out = String::new();
    for r in RULES {
        out.push_str(&format!("  {} ({})\n", r.id, r.severity.name()));
        let mut line = String::from("      ");
        for word in r.summary.split(' ') {
            if line.len().saturating_add(word.len()) > 76 && !line.trim().is_empty() {
                out.push_str(line.trim_end());
                out.push('\n');
                line = String::from("      ");
            }
            line.push_str(word);
            line.push(' ');
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// The table below as [`RuleId`], [`RuleId::rule`] and [`RULES`], each
/// written out from the same entries.
macro_rules! rules {
    ($(
        $variant:ident {
            id: $id:literal,
            severity: $severity:ident,
            summary: $summary:literal,
            hint: $hint:literal $(,)?
        }
    )+) => {
        /// A lint rule, as the code that finds it names it.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum RuleId {
            $(
                #[doc = concat!("`", $id, "`: ", $summary, ".")]
                $variant,
            )+
        }

        impl RuleId {
            /// The rule's id (`proxy-dash-port`).
            pub const fn id(self) -> &'static str {
                self.rule().id
            }

            /// The rule's id, severity, summary and hint.
            pub const fn rule(self) -> &'static Rule {
                match self {
                    $(
                        RuleId::$variant => &Rule {
                            id: $id,
                            severity: Severity::$severity,
                            summary: $summary,
                            hint: $hint,
                        },
                    )+
                }
            }
        }

        /// Every rule, in the order `--help` lists them.
        pub static RULES: &[Rule] = &[$(*RuleId::$variant.rule(),)+];
    };
}

rules! {
    ProxyDashPort {
        id: "proxy-dash-port",
        severity: Warning,
        summary: "RPC proxy server written host-PORT, the workaround for Outlook's dialog, which refuses ':'",
        hint: "write host:PORT (mapiprof set FILE --fix-proxy-port)",
    }
    ProxyScheme {
        id: "proxy-scheme",
        severity: Error,
        summary: "RPC proxy server with http:// or https://; the scheme comes from the SSL flag",
        hint: "write the host name alone and set ssl-only in RPCoverHTTPflags for https",
    }
    PrincipalPort {
        id: "principal-port",
        severity: Warning,
        summary: "proxy principal name (msstd:) with a port; it names the certificate, which has none",
        hint: "write msstd:<name on the certificate>",
    }
    PrincipalHost {
        id: "principal-host",
        severity: Warning,
        summary: "proxy principal name that is neither the proxy server's host, a parent domain of it (a wildcard certificate), nor a documented service principal (msstd:outlook.com for outlook.office365.com)",
        hint: "the principal is the name on the proxy's certificate: the proxy host, *.domain or domain of a wildcard certificate, or msstd:outlook.com for Office 365",
    }
    RohFlags {
        id: "roh-flags",
        severity: Warning,
        summary: "RPC-over-HTTP flags that contradict each other or the proxy settings",
        hint: "use-http (0x1) is needed for the other bits; mutual-auth (0x4) needs a principal name",
    }
    AuthScheme {
        id: "auth-scheme",
        severity: Error,
        summary: "RPC proxy authentication scheme that is not 1 basic, 2 ntlm, 4 passport, 8 digest, 0x10 negotiate or 0x10000 certificate",
        hint: "use 1 (basic) or 2 (ntlm): the values Microsoft documents for this property and Outlook's dialog offers; 4, 8, 0x10 and 0x10000 are RPC_C_HTTP_AUTHN_SCHEME values only MFCMAPI lists for it",
    }
    GlobalNotInAccount {
        id: "global-not-in-account",
        severity: Warning,
        summary: "a value of the Exchange Global Section that no Exchange account section holds alike, in a profile that has account sections (Outlook 2010 and later read the account section)",
        hint: "set it in the account section too: `mapiprof set FILE NAME=VALUE` changes every section that holds it, `--create` adds it to each",
    }
    PortZero {
        id: "port-zero",
        severity: Error,
        summary: "a port of 0 (static Exchange ports, account server ports)",
        hint: "set the port the server listens on, or remove the value",
    }
    DanglingUid {
        id: "dangling-uid",
        severity: Error,
        summary: "a section UID (PR_SERVICES, PR_STORE_PROVIDERS, PR_SERVICE_UID, PR_EMSMDB_SECTION_UID, Service UID) naming a key the profile lacks",
        hint: "export the whole profile, or remove the reference",
    }
    DefaultStores {
        id: "default-stores",
        severity: Error,
        summary: "more than one store marked as the default store (PR_RESOURCE_FLAGS 0x2)",
        hint: "keep the flag on one store provider",
    }
    MvHeader {
        id: "mv-header",
        severity: Error,
        summary: "a multi-valued value whose count and offsets do not add up in either layout",
        hint: "the value was cut or edited by hand; export it again",
    }
    PrfUnmapped {
        id: "prf-unmapped",
        severity: Warning,
        summary: ".prf setting with no mapping line: Outlook drops it silently",
        hint: "add a mapping line to the service's block, or fix the setting's name",
    }
    RegIgnored {
        id: "reg-ignored",
        severity: Warning,
        summary: ".reg line, value or key that Regedit ignores (a broken value, a key it cannot open, the line after a hex value ending in ',\\', a value before any key)",
        hint: "fix the line as the message says; `mapiprof show` shows what Regedit would import",
    }
    RegSetTwice {
        id: "reg-set-twice",
        severity: Warning,
        summary: ".reg value set twice in a key (also across repeated [key] blocks); Regedit keeps the later one",
        hint: "keep one of them",
    }
    RegReadOtherwise {
        id: "reg-read-otherwise",
        severity: Warning,
        summary: ".reg text that Regedit reads otherwise than written: a one-digit hex byte, an unknown escape, string data without its NUL, a UTF-8 file read in the ANSI code page",
        hint: "write it as Regedit reads it (`mapiprof fmt --in-place FILE` does); a .reg saved as UTF-8: `mapiprof fmt --codepage utf-8 --in-place FILE` rewrites it as UTF-16, which Regedit reads as written",
    }
    HiveDamaged {
        id: "hive-damaged",
        severity: Error,
        summary: "offline hive damaged where it was read (a cell offset past the end, a bad list, a cut file): keys or values may be missing",
        hint: "read a good copy of the hive (from a backup or a shadow copy); what could be read is shown",
    }
    HiveStale {
        id: "hive-stale",
        severity: Warning,
        summary: "offline hive left in the middle of a write (its header's sequence numbers differ or its checksum is wrong) and its transaction logs were not there, or could not be used, to bring it up to date: values may be stale",
        hint: "take the hive again together with its logs from the same moment (a backup or shadow copy of the folder), and keep them side by side",
    }
    RegRepeatedKey {
        id: "reg-repeated-key",
        severity: Info,
        summary: ".reg key named in more than one [key] line; Regedit adds to the one key (show and YAML merge them)",
        hint: "merge the blocks into one",
    }
    PrfIgnored {
        id: "prf-ignored",
        severity: Warning,
        summary: ".prf line Outlook skips: not a [section], a key=value entry or a ; comment, or an entry before any section",
        hint: "make it a ; comment or an entry of a section",
    }
    PrfDuplicate {
        id: "prf-duplicate",
        severity: Warning,
        summary: ".prf key given twice in a section with different values; Outlook uses the first",
        hint: "keep one of them",
    }
    PrfPlaceholder {
        id: "prf-placeholder",
        severity: Warning,
        summary: "unresolved template placeholder ({$name}) in a .prf",
        hint: "render the template (mapiprof render) before deploying",
    }
    PrfEnvironment {
        id: "prf-environment",
        severity: Info,
        summary: "environment variable (%UserName%) that Outlook expands when it applies the .prf",
        hint: "fine when the variable exists on the client",
    }
    PrfExchange2016 {
        id: "prf-exchange-2016",
        severity: Warning,
        summary: "Exchange settings in a .prf for Outlook 2016 or later, which no longer supports them",
        hint: "set Exchange accounts up through Autodiscover; keep the .prf for PST and internet accounts",
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn ids_are_unique_and_lead_back_to_their_rule() {
        let mut seen = HashSet::new();
        for r in RULES {
            assert!(seen.insert(r.id), "{} twice", r.id);
            assert_eq!(rule(r.id), Some(r));
        }
        assert_eq!(RuleId::PortZero.id(), "port-zero");
        assert_eq!(RuleId::PrfEnvironment.rule().severity, Severity::Info);
        assert_eq!(rule("port_zero"), None);
    }
}
