//! The RPC-over-HTTP proxy server as Outlook's connection dialog leaves it
//! (`PR_ROH_PROXY_SERVER`, `RPCProxyServer`): the dialog refuses `:`, so a
//! port is often typed as `host-PORT`, which Outlook then takes for a host
//! name. Knowing that form is MAPI knowledge: `check` finds it and `edit`
//! repairs it through the one rule here. Nothing here reads or writes files.

/// `host-NNNN` → `host:NNNN` for a proxy typed in Outlook's dialog, which
/// refuses `:`; `None` for anything else.
pub fn fixed_proxy(text: &str) -> Option<String> {
    let (host, port) = text.rsplit_once('-')?;
    let valid_port = !port.is_empty()
        && port.len() <= 5
        && port.bytes().all(|b| b.is_ascii_digit())
        && port.parse::<u32>().is_ok_and(|p| p > 0 && p <= 65535);
    let valid_host = !host.is_empty() && !host.contains([':', '/']) && host.contains('.');
    (valid_port && valid_host).then(|| format!("{host}:{port}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dash_port_becomes_a_colon_port() {
        assert_eq!(
            fixed_proxy("mail.example.com-44300").as_deref(),
            Some("mail.example.com:44300")
        );
        assert_eq!(fixed_proxy("mail-gw.example.com"), None);
        assert_eq!(fixed_proxy("mail.example.com:44300"), None);
        assert_eq!(fixed_proxy("mail.example.com-99999"), None);
        assert_eq!(fixed_proxy("my-host-443"), None, "a bare host name");
    }
}
