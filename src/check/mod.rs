//! Lint rules for profile exports and `.prf` files. Each rule has an id, a
//! severity, a message naming where the problem is, and a hint; each is
//! grounded in how Outlook reads the setting (the RPC-over-HTTP proxy
//! dialog, the MAPI section references, the `.prf` reader).

mod prf;
mod reg;

use serde::Serialize;

use crate::mapi::proxy::fixed_proxy;

pub use prf::check_prf;
pub use reg::check_reg;

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

/// Every rule.
pub static RULES: &[Rule] = &[
    Rule {
        id: "proxy-dash-port",
        severity: Severity::Warning,
        summary: "RPC proxy server written host-PORT, the workaround for Outlook's dialog, which refuses ':'",
        hint: "write host:PORT (mapiprof set FILE --fix-proxy-port)",
    },
    Rule {
        id: "proxy-scheme",
        severity: Severity::Error,
        summary: "RPC proxy server with http:// or https://; the scheme comes from the SSL flag",
        hint: "write the host name alone and set ssl-only in RPCoverHTTPflags for https",
    },
    Rule {
        id: "principal-port",
        severity: Severity::Warning,
        summary: "proxy principal name (msstd:) with a port; it names the certificate, which has none",
        hint: "write msstd:<name on the certificate>",
    },
    Rule {
        id: "principal-host",
        severity: Severity::Warning,
        summary: "proxy principal name for another host than the proxy server",
        hint: "use the name on the proxy's certificate, usually the proxy host",
    },
    Rule {
        id: "roh-flags",
        severity: Severity::Warning,
        summary: "RPC-over-HTTP flags that contradict each other or the proxy settings",
        hint: "use-http (0x1) is needed for the other bits; mutual-auth (0x4) needs a principal name",
    },
    Rule {
        id: "auth-scheme",
        severity: Severity::Error,
        summary: "RPC proxy authentication scheme that is not 1 basic, 2 ntlm, 4 passport, 8 digest, 0x10 negotiate or 0x10000 certificate",
        hint: "use 1 (basic) or 2 (ntlm), the values Outlook's dialog offers",
    },
    Rule {
        id: "port-zero",
        severity: Severity::Error,
        summary: "a port of 0 (static Exchange ports, account server ports)",
        hint: "set the port the server listens on, or remove the value",
    },
    Rule {
        id: "dangling-uid",
        severity: Severity::Error,
        summary: "a section UID (PR_SERVICES, PR_STORE_PROVIDERS, PR_SERVICE_UID, PR_EMSMDB_SECTION_UID, Service UID) naming a key the profile lacks",
        hint: "export the whole profile, or remove the reference",
    },
    Rule {
        id: "default-stores",
        severity: Severity::Error,
        summary: "more than one store marked as the default store (PR_RESOURCE_FLAGS 0x2)",
        hint: "keep the flag on one store provider",
    },
    Rule {
        id: "mv-header",
        severity: Severity::Error,
        summary: "a multi-valued value whose count and offsets do not add up in either layout",
        hint: "the value was cut or edited by hand; export it again",
    },
    Rule {
        id: "prf-unmapped",
        severity: Severity::Warning,
        summary: ".prf setting with no mapping line: Outlook drops it silently",
        hint: "add a mapping line to the service's block, or fix the setting's name",
    },
    Rule {
        id: "prf-duplicate",
        severity: Severity::Warning,
        summary: ".prf key given twice in a section with different values; Outlook uses the first",
        hint: "keep one of them",
    },
    Rule {
        id: "prf-placeholder",
        severity: Severity::Warning,
        summary: "unresolved template placeholder ({$name}) in a .prf",
        hint: "render the template (mapiprof render) before deploying",
    },
    Rule {
        id: "prf-environment",
        severity: Severity::Info,
        summary: "environment variable (%UserName%) that Outlook expands when it applies the .prf",
        hint: "fine when the variable exists on the client",
    },
    Rule {
        id: "prf-exchange-2016",
        severity: Severity::Warning,
        summary: "Exchange settings in a .prf for Outlook 2016 or later, which no longer supports them",
        hint: "set Exchange accounts up through Autodiscover; keep the .prf for PST and internet accounts",
    },
];

/// The rule `id`.
pub fn rule(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id == id)
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The rule id.
    pub rule: &'static str,
    /// Its severity.
    pub severity: Severity,
    /// `profile/section/property` or `[Section] key`.
    pub place: String,
    /// What is wrong, with the value.
    pub message: String,
    /// What to do.
    pub hint: &'static str,
}

impl Finding {
    fn new(id: &'static str, place: String, message: String) -> Finding {
        let rule = rule(id);
        Finding {
            rule: id,
            severity: rule.map_or(Severity::Warning, |r| r.severity),
            place,
            message,
            hint: rule.map_or("", |r| r.hint),
        }
    }
}

/// Problems of an RPC proxy value and its principal; shared by both kinds.
fn proxy_findings(place: &str, proxy: &str, out: &mut Vec<Finding>) {
    let lower = proxy.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        out.push(Finding::new(
            "proxy-scheme",
            place.to_owned(),
            format!("RPCProxyServer {proxy:?} has a scheme"),
        ));
    } else if fixed_proxy(proxy).is_some() {
        out.push(Finding::new(
            "proxy-dash-port",
            place.to_owned(),
            format!("RPCProxyServer {proxy:?} looks like host-PORT"),
        ));
    }
}

fn principal_findings(place: &str, principal: &str, proxy: Option<&str>, out: &mut Vec<Finding>) {
    let name = principal
        .strip_prefix("msstd:")
        .or_else(|| principal.strip_prefix("MSSTD:"))
        .unwrap_or(principal);
    if let Some((_, port)) = name.rsplit_once(':')
        && !port.is_empty()
        && port.bytes().all(|b| b.is_ascii_digit())
    {
        out.push(Finding::new(
            "principal-port",
            place.to_owned(),
            format!("RPCProxyPrincipalName {principal:?} has a port"),
        ));
    }
    let host = |s: &str| {
        let lower = s.to_ascii_lowercase();
        let bare = ["https://", "http://"]
            .iter()
            .find_map(|p| {
                lower
                    .strip_prefix(p)
                    .map(|_| s.get(p.len()..).unwrap_or(""))
            })
            .unwrap_or(s);
        let s = bare.split(['/', ':']).next().unwrap_or(bare);
        let s = fixed_proxy(s)
            .and_then(|f| f.split(':').next().map(str::to_owned))
            .unwrap_or_else(|| s.to_owned());
        s.to_ascii_lowercase()
    };
    if let Some(proxy) = proxy {
        let (p, n) = (host(proxy), host(name));
        let wildcard = n
            .strip_prefix("*.")
            .is_some_and(|domain| p.ends_with(&format!(".{domain}")));
        if !p.is_empty() && !n.is_empty() && p != n && !wildcard {
            out.push(Finding::new(
                "principal-host",
                place.to_owned(),
                format!("RPCProxyPrincipalName {principal:?} names another host than RPCProxyServer {proxy:?}"),
            ));
        }
    }
}

fn flag_findings(
    place: &str,
    flags: u32,
    proxy: Option<&str>,
    principal: Option<&str>,
    out: &mut Vec<Finding>,
) {
    let mut problems = Vec::new();
    if flags & 0x1 == 0 && flags & !0x1 != 0 {
        problems.push("bits are set but use-http (0x1) is not");
    }
    if flags & 0x1 != 0 && proxy.is_none_or(str::is_empty) {
        problems.push("use-http (0x1) without an RPC proxy server");
    }
    if flags & 0x4 != 0 && principal.is_none_or(str::is_empty) {
        problems.push("mutual-auth (0x4) without a principal name");
    }
    for problem in problems {
        out.push(Finding::new(
            "roh-flags",
            place.to_owned(),
            format!("RPCoverHTTPflags 0x{flags:02x}: {problem}"),
        ));
    }
}

fn auth_finding(place: &str, scheme: u32, out: &mut Vec<Finding>) {
    if ![1, 2, 4, 8, 0x10, 0x10000].contains(&scheme) {
        out.push(Finding::new(
            "auth-scheme",
            place.to_owned(),
            format!("RPCProxyAuthScheme {scheme} (0x{scheme:x}) is not a known scheme"),
        ));
    }
}

/// The findings as text lines, `FILE: severity[rule]: place: message (hint)`.
pub fn to_text(file: &str, findings: &[Finding]) -> String {
    findings
        .iter()
        .map(|f| {
            format!(
                "{file}: {}[{}]: {}: {}\n  hint: {}\n",
                f.severity.name(),
                f.rule,
                f.place,
                f.message,
                f.hint
            )
        })
        .collect()
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
