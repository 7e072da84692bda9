//! Bit flags and enumerations of profile properties, decoded to names with
//! unknown bits kept as numbers.

/// A table of names for bit masks (flags) or exact values (enumerations).
pub type Names = &'static [(u32, &'static str)];

/// PR_ROH_FLAGS (RPCoverHTTPflags): how Outlook Anywhere connects.
pub const ROH_FLAGS: Names = &[
    (0x01, "use-http"),
    (0x02, "ssl-only"),
    (0x04, "mutual-auth"),
    (0x08, "http-fast"),
    (0x10, "ignore-cert-warnings"),
    (0x20, "http-slow"),
];

/// PR_ROH_PROXY_AUTH_SCHEME (RPCProxyAuthScheme): RPC_C_HTTP_AUTHN_SCHEME_*.
pub const ROH_AUTH_SCHEME: Names = &[
    (0x1, "basic"),
    (0x2, "ntlm"),
    (0x4, "passport"),
    (0x8, "digest"),
    (0x10, "negotiate"),
    (0x10000, "certificate"),
];

/// PR_PROFILE_CONFIG_FLAGS (ConfigFlags). `ost-cache-private` is two bits.
pub const CONFIG_FLAGS: Names = &[
    (0x1, "config-service"),
    (0x2, "show-startup-ui"),
    (0x4, "show-connect-ui"),
    (0x8, "prompt-for-credentials"),
    (0x10, "no-auto-detect"),
    (0x20, "ost-cache-only"),
    (0x40, "use-smtp-addresses"),
    (0x180, "ost-cache-private"),
    (0x400, "ost-cache-public"),
];

/// PR_PROFILE_CONNECT_FLAGS.
pub const CONNECT_FLAGS: Names = &[
    (0x1, "admin-privilege"),
    (0x2, "no-rpc-encryption"),
    (0x4, "separate-connection"),
    (0x8, "no-under-cover-connection"),
    (0x10, "anonymous-access"),
    (0x20, "no-notifications"),
    (0x40, "no-address-resolution"),
    (0x80, "restore-database"),
    (0x8000, "ignore-no-public-folders"),
];

/// PR_PROFILE_TRANSPORT_FLAGS.
pub const TRANSPORT_FLAGS: Names = &[(0x1, "download"), (0x2, "upload")];

/// PR_PROFILE_TYPE.
pub const PROFILE_TYPE: Names = &[
    (1, "primary-user"),
    (2, "delegate"),
    (3, "public-store"),
    (4, "subscription"),
];

/// PR_PROFILE_AUTH_PACKAGE: RPC_C_AUTHN_* for the Exchange connection.
pub const AUTH_PACKAGE: Names = &[
    (0, "none"),
    (9, "negotiate"),
    (10, "ntlm"),
    (14, "schannel"),
    (16, "kerberos"),
    (0xFFFF_FFFF, "default"),
    (0x8000_F001, "anonymous"),
];

/// PR_PST_ENCRYPTION (EncryptionType).
pub const PST_ENCRYPTION: Names = &[
    (0x8000_0000, "none"),
    (0x4000_0000, "compressible"),
    (0x2000_0000, "best"),
];

/// PR_PST_CONFIG_FLAGS.
pub const PST_CONFIG_FLAGS: Names = &[
    (0x1, "create-no-warn"),
    (0x2, "preserve-display-name"),
    (0x8000_0000, "unicode"),
];

/// PR_RESOURCE_TYPE.
pub const RESOURCE_TYPE: Names = &[
    (33, "store"),
    (34, "address-book"),
    (35, "address-book-provider"),
    (36, "transport"),
    (38, "profile-provider"),
];

/// `SMTP Secure Connection` in the account manager: ENCRYPT_CONN_*.
pub const SMTP_SECURE_CONNECTION: Names = &[(0, "none"), (1, "ssl"), (2, "tls"), (3, "auto")];

/// One element of a decoded flag set: a name, or bits no name covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Flag {
    /// A named flag.
    Named(&'static str),
    /// Bits without a name.
    Bits(u32),
}

/// Split `value` into named flags (in table order) and the remaining bits.
pub fn decode_flags(value: u32, names: Names) -> Vec<Flag> {
    let mut left = value;
    let mut out = Vec::new();
    for &(mask, name) in names {
        if mask != 0 && left & mask == mask {
            out.push(Flag::Named(name));
            left &= !mask;
        }
    }
    if left != 0 {
        out.push(Flag::Bits(left));
    }
    out
}

/// The bits of a flag name.
pub fn flag_bits(name: &str, names: Names) -> Option<u32> {
    names
        .iter()
        .find(|(_, n)| n.eq_ignore_ascii_case(name))
        .map(|(bits, _)| *bits)
}

/// The name of an enumeration value.
pub fn enum_name(value: u32, names: Names) -> Option<&'static str> {
    names.iter().find(|(v, _)| *v == value).map(|(_, n)| *n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roh_flags_of_a_typical_prf() {
        assert_eq!(
            decode_flags(0x2f, ROH_FLAGS),
            vec![
                Flag::Named("use-http"),
                Flag::Named("ssl-only"),
                Flag::Named("mutual-auth"),
                Flag::Named("http-fast"),
                Flag::Named("http-slow"),
            ]
        );
    }

    #[test]
    fn unknown_bits_are_kept() {
        assert_eq!(
            decode_flags(0x1984, CONFIG_FLAGS),
            vec![
                Flag::Named("show-connect-ui"),
                Flag::Named("ost-cache-private"),
                Flag::Bits(0x1800)
            ]
        );
    }

    #[test]
    fn names_and_values() {
        assert_eq!(enum_name(2, ROH_AUTH_SCHEME), Some("ntlm"));
        assert_eq!(flag_bits("SSL-only", ROH_FLAGS), Some(2));
        assert_eq!(enum_name(7, ROH_AUTH_SCHEME), None);
    }
}
