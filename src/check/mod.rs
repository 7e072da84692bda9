//! Lint rules for profile exports and `.prf` files. Each rule has an id, a
//! severity, a message naming where the problem is, and a hint; each is
//! grounded in how Outlook reads the setting (the RPC-over-HTTP proxy
//! dialog, the MAPI section references, the `.prf` reader).
//!
//! The rules are one table in `rules.rs`; code names a rule by its
//! [`RuleId`]. The rules over a registry model are in `reg.rs`, those over a
//! `.prf` in `prf.rs`, and the proxy rules both share are here.

mod document;
mod prf;
mod reg;
mod rules;

use serde::Serialize;

use crate::mapi::proxy::fixed_proxy;

pub use document::{check, check_profiles, reading};
pub use prf::check_prf;
pub use reg::check_reg;
pub use rules::{RULES, Rule, RuleId, Severity, rule, rules_help};

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The rule id (`proxy-dash-port`), as [`RuleId::id`] gives it.
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
    fn new(rule: RuleId, place: String, message: String) -> Finding {
        let rule = rule.rule();
        Finding {
            rule: rule.id,
            severity: rule.severity,
            place,
            message,
            hint: rule.hint,
        }
    }
}

/// Problems of an RPC proxy value and its principal; shared by both kinds.
fn proxy_findings(place: &str, proxy: &str, out: &mut Vec<Finding>) {
    let lower = proxy.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        out.push(Finding::new(
            RuleId::ProxyScheme,
            place.to_owned(),
            format!("RPCProxyServer {proxy:?} has a scheme"),
        ));
    } else if fixed_proxy(proxy).is_some() {
        out.push(Finding::new(
            RuleId::ProxyDashPort,
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
            RuleId::PrincipalPort,
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
        if !p.is_empty() && !n.is_empty() && !principal_fits(&p, &n) {
            out.push(Finding::new(
                RuleId::PrincipalHost,
                place.to_owned(),
                format!("RPCProxyPrincipalName {principal:?} names another host than RPCProxyServer {proxy:?}"),
            ));
        }
    }
}

/// Whether a proxy principal name `name` fits proxy host `proxy` (both
/// lower case): the host itself, a wildcard or parent domain of it (the
/// names a certificate may carry), or the principal Microsoft documents for
/// a service (`msstd:outlook.com` for the Office 365 proxy
/// `outlook.office365.com`).
fn principal_fits(proxy: &str, name: &str) -> bool {
    let under = |domain: &str| {
        proxy
            .strip_suffix(domain)
            .and_then(|rest| rest.strip_suffix('.'))
            .filter(|rest| !rest.is_empty())
    };
    let fits = match name.strip_prefix("*.") {
        // a wildcard covers one label
        Some(domain) => under(domain).is_some_and(|label| !label.contains('.')),
        None => under(name).is_some() && !is_public_suffix(name),
    };
    proxy == name
        || (fits && name.contains('.'))
        || DOCUMENTED_PRINCIPALS
            .iter()
            .any(|(host, principal)| proxy == *host && name == *principal)
}

/// Whether `domain` looks like a suffix under which anyone registers
/// names (`co.uk`, `com.au`, `or.jp`): no certificate names one alone.
fn is_public_suffix(domain: &str) -> bool {
    const SECOND_LEVEL: [&str; 10] = [
        "co", "com", "net", "org", "ac", "gov", "edu", "or", "ne", "go",
    ];
    match domain.split_once('.') {
        None => true,
        Some((second, country)) => {
            country.len() == 2 && !country.contains('.') && SECOND_LEVEL.contains(&second)
        }
    }
}

/// Proxy hosts whose principal name Microsoft documents although it names
/// neither the host nor a parent domain.
const DOCUMENTED_PRINCIPALS: [(&str, &str); 1] = [("outlook.office365.com", "outlook.com")];

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
            RuleId::RohFlags,
            place.to_owned(),
            format!("RPCoverHTTPflags 0x{flags:02x}: {problem}"),
        ));
    }
}

fn auth_finding(place: &str, scheme: u32, out: &mut Vec<Finding>) {
    if ![1, 2, 4, 8, 0x10, 0x10000].contains(&scheme) {
        out.push(Finding::new(
            RuleId::AuthScheme,
            place.to_owned(),
            format!("RPCProxyAuthScheme {scheme} (0x{scheme:x}) is not a known scheme"),
        ));
    }
}

/// The rules about one value that `check` calls errors (a proxy with a
/// scheme, an unknown authentication scheme, a port of 0): what the
/// commands that write values refuse to write unless forced. Rules about
/// how a profile hangs together (a dangling UID) are left to `check`: an
/// export of part of a profile has them.
pub const VALUE_ERRORS: [RuleId; 3] = [RuleId::ProxyScheme, RuleId::AuthScheme, RuleId::PortZero];

/// The findings of `findings` that [`VALUE_ERRORS`] names.
pub fn value_errors(findings: Vec<Finding>) -> Vec<Finding> {
    findings
        .into_iter()
        .filter(|f| VALUE_ERRORS.iter().any(|r| r.rule().id == f.rule))
        .collect()
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

#[cfg(test)]
mod tests {
    use super::*;

    fn principal(principal: &str, proxy: &str) -> Vec<&'static str> {
        let mut out = Vec::new();
        principal_findings("p", principal, Some(proxy), &mut out);
        out.iter().map(|f| f.rule).collect()
    }

    #[test]
    fn principals_that_fit_their_proxy() {
        // Microsoft's documented Office 365 pair
        assert!(principal("msstd:outlook.com", "outlook.office365.com").is_empty());
        assert!(principal("msstd:mail.example.com", "mail.example.com").is_empty());
        // a wildcard certificate, written with or without its *.
        assert!(principal("msstd:*.example.com", "mail.example.com").is_empty());
        assert!(principal("msstd:example.com", "mail.example.com").is_empty());
        // the documented pair holds for that host only
        assert_eq!(
            principal("msstd:outlook.com", "mail.example.com"),
            ["principal-host"]
        );
        assert_eq!(
            principal("msstd:other.example.com", "mail.example.com"),
            ["principal-host"]
        );
        // a look-alike is not a parent domain, nor is a bare top-level name
        assert_eq!(
            principal("msstd:ample.com", "mail.example.com"),
            ["principal-host"]
        );
        assert_eq!(
            principal("msstd:com", "mail.example.com"),
            ["principal-host"]
        );
        // a wildcard covers one label; a public suffix names no one
        assert_eq!(
            principal("msstd:*.example.com", "a.b.example.com"),
            ["principal-host"]
        );
        assert_eq!(
            principal("msstd:co.uk", "mail.example.co.uk"),
            ["principal-host"]
        );
        assert!(principal("msstd:example.co.uk", "mail.example.co.uk").is_empty());
    }
}
