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
/// Microsoft documents 1 and 2 for this property; the rest are the other
/// RPC_C_HTTP_AUTHN_SCHEME_* values MFCMAPI lists (see [`UNDOCUMENTED`]).
pub const ROH_AUTH_SCHEME: Names = &[
    (0x1, "basic"),
    (0x2, "ntlm"),
    (0x4, "passport"),
    (0x8, "digest"),
    (0x10, "negotiate"),
    (0x10000, "certificate"),
];

/// PR_PROFILE_CONFIG_FLAGS (ConfigFlags). `ost-cache-private` is two bits
/// (CONFIG_OST_CACHE_PRIVATE is 0x180); profiles also hold either bit
/// alone, which MFCMAPI reads as the same setting, so each has a name too.
pub const CONFIG_FLAGS: Names = &[
    (0x1, "config-service"),
    (0x2, "show-startup-ui"),
    (0x4, "show-connect-ui"),
    (0x8, "prompt-for-credentials"),
    (0x10, "no-auto-detect"),
    (0x20, "ost-cache-only"),
    (0x40, "use-smtp-addresses"),
    (0x180, "ost-cache-private"),
    (0x80, "ost-cache-private-0x80"),
    (0x100, "ost-cache-private-0x100"),
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

/// PR_PROFILE_AUTH_PACKAGE: RPC_C_AUTHN_* (rpcdce.h) for the Exchange
/// connection, and Outlook's OUTL_RPC_AUTHN_ANONYMOUS.
pub const AUTH_PACKAGE: Names = &[
    (0, "none"),
    (1, "dce-private"),
    (2, "dce-public"),
    (4, "dec-public"),
    (9, "negotiate"),
    (10, "ntlm"),
    (14, "schannel"),
    (16, "kerberos"),
    (17, "dpa"),
    (18, "msn"),
    (21, "digest"),
    (100, "mq"),
    (0xFFFF_FFFF, "default"),
    (0x8000_F001, "anonymous"),
];

/// PR_PROFILE_OPEN_FLAGS: OPENSTORE_* (EdkMdb.h), how the Exchange store
/// is opened.
pub const OPEN_FLAGS: Names = &[
    (0x1, "use-admin-privilege"),
    (0x2, "public"),
    (0x4, "home-logon"),
    (0x8, "take-ownership"),
    (0x10, "override-home-mdb"),
    (0x20, "transport"),
    (0x40, "remote-transport"),
    (0x80, "internet-anonymous"),
    (0x100, "alternate-server"),
    (0x200, "ignore-home-mdb"),
    (0x400, "no-mail"),
    (0x800, "override-last-modifier"),
    (0x1000, "callback-logon"),
    (0x2000, "local"),
    (0x4000, "fail-if-no-mailbox"),
    (0x8000, "cache-exchange"),
    (0x1_0000, "cli-with-namedprop-fix"),
    (0x2_0000, "enable-lazy-logging"),
    (0x4_0000, "cli-with-replid-guid-mapping-fix"),
    (0x8_0000, "no-localization"),
    (0x10_0000, "restore-database"),
    (0x20_0000, "xforest-move"),
];

/// PR_PROFILE_UI_STATE: EDK_PROFILEUISTATE_* (the one bit MFCMAPI lists).
pub const UI_STATE: Names = &[(0x4000, "encrypt-network")];

/// PR_RESOURCE_FLAGS of a message service's section: SERVICE_* (MAPIX.h).
/// The names are the constants' own, so that no name means one bit here
/// and another in [`STATUS_FLAGS`] (SERVICE_DEFAULT_STORE is 0x1,
/// STATUS_DEFAULT_STORE 0x2).
pub const SERVICE_FLAGS: Names = &[
    (0x1, "service-default-store"),
    (0x2, "service-single-copy"),
    (0x4, "service-create-with-store"),
    (0x8, "service-primary-identity"),
    (0x20, "service-no-primary-identity"),
];

/// PR_RESOURCE_FLAGS of a provider's section: STATUS_* (MAPIDefS.h) and
/// HOOK_* (MAPIHook.h).
pub const STATUS_FLAGS: Names = &[
    (0x1, "status-default-outbound"),
    (0x2, "status-default-store"),
    (0x4, "status-primary-identity"),
    (0x8, "status-simple-store"),
    (0x10, "status-xp-prefer-last"),
    (0x20, "status-no-primary-identity"),
    (0x40, "status-no-default-store"),
    (0x80, "status-temp-section"),
    (0x100, "status-own-store"),
    (0x200, "hook-inbound"),
    (0x400, "hook-outbound"),
    (0x800, "status-need-ipm-tree"),
    (0x1000, "status-primary-store"),
    (0x2000, "status-secondary-store"),
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
    (0x8, "policy-delay-ignore-ost"),
    (0x10, "create-new-default-ost"),
    (0x8000_0000, "unicode"),
];

/// PR_RESOURCE_TYPE: MAPI_* provider types (MAPIDefS.h).
pub const RESOURCE_TYPE: Names = &[
    (33, "store"),
    (34, "address-book"),
    (35, "address-book-provider"),
    (36, "transport"),
    (37, "spooler"),
    (38, "profile-provider"),
    (39, "subsystem"),
    (40, "hook-provider"),
];

/// Flag and enumeration values that only MFCMAPI defines for these
/// properties, not Microsoft's documentation of them: shown by name, and
/// marked as such where mapiprof describes them.
pub const UNDOCUMENTED: &[(Names, u32)] = &[
    (ROH_FLAGS, 0x10),
    (ROH_AUTH_SCHEME, 0x4),
    (ROH_AUTH_SCHEME, 0x8),
    (ROH_AUTH_SCHEME, 0x10),
    (ROH_AUTH_SCHEME, 0x1_0000),
];

/// Whether `bits` of table `names` is one of the [`UNDOCUMENTED`] values.
pub fn is_undocumented(names: Names, bits: u32) -> bool {
    UNDOCUMENTED
        .iter()
        .any(|(table, value)| *table == names && *value == bits)
}

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
    fn cached_mode_reads_as_one_setting_or_either_bit() {
        assert_eq!(
            decode_flags(0x184, CONFIG_FLAGS),
            vec![
                Flag::Named("show-connect-ui"),
                Flag::Named("ost-cache-private")
            ]
        );
        assert_eq!(
            decode_flags(0x80, CONFIG_FLAGS),
            vec![Flag::Named("ost-cache-private-0x80")]
        );
        assert_eq!(
            decode_flags(0x100, CONFIG_FLAGS),
            vec![Flag::Named("ost-cache-private-0x100")]
        );
    }

    #[test]
    fn resource_flags_depend_on_the_section() {
        assert_eq!(
            decode_flags(0x22, SERVICE_FLAGS),
            vec![
                Flag::Named("service-single-copy"),
                Flag::Named("service-no-primary-identity")
            ]
        );
        assert_eq!(
            decode_flags(0x22, STATUS_FLAGS),
            vec![
                Flag::Named("status-default-store"),
                Flag::Named("status-no-primary-identity")
            ]
        );
        // no name means a bit in one table and another in the other
        for (bits, name) in SERVICE_FLAGS {
            assert_eq!(flag_bits(name, STATUS_FLAGS), None, "{name}");
            assert_eq!(flag_bits(name, SERVICE_FLAGS), Some(*bits));
        }
    }

    #[test]
    fn only_mfcmapi_defines_some_values() {
        assert!(is_undocumented(ROH_FLAGS, 0x10));
        assert!(!is_undocumented(ROH_FLAGS, 0x2));
        assert!(is_undocumented(ROH_AUTH_SCHEME, 0x10));
        assert!(!is_undocumented(ROH_AUTH_SCHEME, 0x2));
        assert!(!is_undocumented(CONFIG_FLAGS, 0x10));
    }

    #[test]
    fn names_and_values() {
        assert_eq!(enum_name(2, ROH_AUTH_SCHEME), Some("ntlm"));
        assert_eq!(flag_bits("SSL-only", ROH_FLAGS), Some(2));
        assert_eq!(enum_name(7, ROH_AUTH_SCHEME), None);
    }
}
