//! The MAPI properties that code outside the dictionary refers to, as named
//! constants: the one place such a tag is written as a number. Each is the
//! tag of the dictionary entry of the same name (a test holds them to it),
//! so a mistyped id or type fails the tests instead of matching nothing.
//!
//! Ids from 0x6600 up mean different things per service (see
//! [`Scope`](super::dictionary::Scope)): a constant of that range is only
//! the named property in a section of its scope, which its doc says. Code
//! that matches a property in any of its types (`001f3001` and `001e3001`
//! are both a display name) compares the constant's `id`; code that needs
//! the type compares the tag.
//!
//! Names follow the dictionary: the canonical `PR_*` name where it has one,
//! else its other name in upper case (`TCPExchangePort` →
//! [`TCP_EXCHANGE_PORT`]), after the service where another service uses the
//! same name (`UserName` of an LDAP section → [`LDAP_USER_NAME`]).

#[cfg(test)]
use super::dictionary::Scope;
use super::tag::{PropTag, PropType};

/// Each entry becomes a public `PropTag` constant and a row of the table the
/// tests hold against the dictionary: `NAME ["dictionary name"] = type, id
/// [, scope];` (the dictionary name is `NAME` itself when not given, the
/// scope `Any`).
macro_rules! props {
    ($(
        $(#[doc = $doc:literal])+
        $name:ident $($dictionary:literal)? = $ptype:expr, $id:literal $(, $scope:ident)?;
    )+) => {
        $(
            $(#[doc = $doc])+
            pub const $name: PropTag = PropTag::new($ptype, $id);
        )+

        /// `(constant, dictionary name, tag, scope)` of every constant.
        #[cfg(test)]
        const NAMED: &[(&str, &str, PropTag, Scope)] = &[$(
            (
                stringify!($name),
                first!($($dictionary,)? stringify!($name)),
                $name,
                first!($(Scope::$scope,)? Scope::Any),
            ),
        )+];
    };
}

/// The first of its arguments: an optional one given, else the default.
#[cfg(test)]
macro_rules! first {
    ($given:expr $(, $default:expr)*) => {
        $given
    };
}

props! {
    // Objects, stores and providers.
    /// A provider's record key.
    PR_RECORD_KEY = PropType::BINARY, 0x0FF9;
    /// An object's entry ID.
    PR_ENTRYID = PropType::BINARY, 0x0FFF;
    /// The display name of a service, provider or store section (also
    /// written as PT_STRING8, `PR_DISPLAY_NAME_A`).
    PR_DISPLAY_NAME = PropType::UNICODE, 0x3001;
    /// A section's comment.
    PR_COMMENT = PropType::UNICODE, 0x3004;
    /// A provider's description for people.
    PR_PROVIDER_DISPLAY = PropType::UNICODE, 0x3006;
    /// SERVICE_* bits on a service section (0x1: holds the default store),
    /// STATUS_* bits on a provider section (0x2: the default store).
    PR_RESOURCE_FLAGS = PropType::LONG, 0x3009;
    /// The DLL of a provider.
    PR_PROVIDER_DLL_NAME = PropType::UNICODE, 0x300A;
    /// A provider's search key.
    PR_SEARCH_KEY = PropType::BINARY, 0x300B;
    /// The UID of a provider.
    PR_PROVIDER_UID = PropType::BINARY, 0x300C;
    /// The UID of a message store provider.
    PR_MDB_PROVIDER = PropType::BINARY, 0x3414;
    /// The UID of an address book provider.
    PR_AB_PROVIDER_ID = PropType::BINARY, 0x3615;
    /// The entry ID of a message store (the PST's, with its path inside).
    PR_STORE_ENTRYID = PropType::BINARY, 0x0FFB;
    /// The address book containers searched, as their entry IDs.
    PR_AB_SEARCH_PATH = PropType::BINARY.multi(), 0x3D05;
    /// Outlook's cached Exchange mode, in its client section.
    CACHED_EXCHANGE_MODE "CachedExchangeMode" = PropType::LONG, 0x041F;

    // Profile and service tables.
    /// The store provider sections, as concatenated 16-byte UIDs.
    PR_STORE_PROVIDERS = PropType::BINARY, 0x3D00;
    /// The address book provider sections, as concatenated UIDs.
    PR_AB_PROVIDERS = PropType::BINARY, 0x3D01;
    /// The transport provider sections, as concatenated UIDs.
    PR_TRANSPORT_PROVIDERS = PropType::BINARY, 0x3D02;
    /// The message service a section is (`MSEMS`, `MSUPST MS` …): marks a
    /// service section (also written as PT_STRING8).
    PR_SERVICE_NAME = PropType::UNICODE, 0x3D09;
    /// The DLL of a message service.
    PR_SERVICE_DLL_NAME = PropType::UNICODE, 0x3D0A;
    /// The entry point of a message service's DLL.
    PR_SERVICE_ENTRY_NAME = PropType::STRING8, 0x3D0B;
    /// The UID of the service section a provider section belongs to.
    PR_SERVICE_UID = PropType::BINARY, 0x3D0C;
    /// Further sections of a service, as concatenated UIDs.
    PR_SERVICE_EXTRA_UIDS = PropType::BINARY, 0x3D0D;
    /// Every message service of the profile, in order, as concatenated
    /// UIDs (in the service lists section).
    PR_SERVICES = PropType::BINARY, 0x3D0E;
    /// The files a message service needs.
    PR_SERVICE_SUPPORT_FILES = PropType::UNICODE.multi(), 0x3D0F;
    /// The install GUID of a message service.
    PR_SERVICE_INSTALL_ID = PropType::UNICODE, 0x3D13;
    /// The UID of an Exchange service's account section (Outlook 2010+).
    PR_EMSMDB_SECTION_UID = PropType::BINARY, 0x3D15;
    /// Whether an Exchange account is set up the pre-2010 way.
    PR_EMSMDB_LEGACY = PropType::BOOLEAN, 0x3D18;
    /// What kind of MAPI object a section describes.
    PR_RESOURCE_TYPE = PropType::LONG, 0x3E03;

    // Exchange sections.
    /// The home server's short name, in an Exchange section.
    PR_PROFILE_HOME_SERVER = PropType::STRING8, 0x6602, Exchange;
    /// The mailbox owner's legacy DN, in an Exchange section.
    PR_PROFILE_USER = PropType::STRING8, 0x6603, Exchange;
    /// The mailbox name as typed (`MailboxName`), in an Exchange section.
    PR_PROFILE_UNRESOLVED_NAME = PropType::STRING8, 0x6607, Exchange;
    /// The server name as typed (`HomeServer`), in an Exchange section.
    PR_PROFILE_UNRESOLVED_SERVER = PropType::STRING8, 0x6608, Exchange;
    /// The legacy DN of the mailbox a store opens, in an Exchange section.
    PR_PROFILE_MAILBOX = PropType::STRING8, 0x660B, Exchange;
    /// The server a store or transport provider uses, in an Exchange section.
    PR_PROFILE_SERVER = PropType::STRING8, 0x660C, Exchange;
    /// The Exchange account's name that OCT's `.prf` files write
    /// (`AccountName`), in an Exchange section.
    EXCHANGE_ACCOUNT_NAME "AccountName" = PropType::UNICODE, 0x6620, Exchange;
    /// The RPC-over-HTTP proxy server (`RPCProxyServer`), in an Exchange
    /// section.
    PR_ROH_PROXY_SERVER = PropType::UNICODE, 0x6622, Exchange;
    /// The RPC-over-HTTP bits (`RPCoverHTTPflags`), in an Exchange section.
    PR_ROH_FLAGS = PropType::LONG, 0x6623, Exchange;
    /// The principal name the proxy's certificate must carry
    /// (`RPCProxyPrincipalName`), in an Exchange section.
    PR_ROH_PROXY_PRINCIPAL_NAME = PropType::UNICODE, 0x6625, Exchange;
    /// How to authenticate to the proxy (`RPCProxyAuthScheme`), in an
    /// Exchange section.
    PR_ROH_PROXY_AUTH_SCHEME = PropType::LONG, 0x6627, Exchange;
    /// The home server's FQDN, in an Exchange section.
    PR_PROFILE_HOME_SERVER_FQDN = PropType::UNICODE, 0x662A, Exchange;
    /// The home server's network addresses (`ncacn_ip_tcp:host` …).
    PR_PROFILE_HOME_SERVER_ADDRS = PropType::STRING8.multi(), 0x6613, Exchange;
    /// The mailbox's SMTP address.
    PR_PROFILE_USER_SMTP_EMAIL_ADDRESS = PropType::UNICODE, 0x6641, Exchange;
    /// The offline folder file (OST) path.
    OFFLINE_STORE_PATH "OfflineFolderPathAndFilename" = PropType::UNICODE, 0x6610, Exchange;
    /// The static TCP port of the Exchange store (KB 833799), in an
    /// Exchange section.
    TCP_EXCHANGE_PORT "TCPExchangePort" = PropType::I2, 0x662C, Exchange;
    /// The static port of the Exchange store over HTTP, in an Exchange
    /// section.
    HTTP_EXCHANGE_PORT "HTTPExchangePort" = PropType::I2, 0x662D, Exchange;
    /// The static TCP port of the directory, in an Exchange section.
    TCP_DIRECTORY_PORT "TCPDirectoryPort" = PropType::I2, 0x662E, Exchange;
    /// The static port of the directory over HTTP, in an Exchange section.
    HTTP_DIRECTORY_PORT "HTTPDirectoryPort" = PropType::I2, 0x662F, Exchange;
    /// The static TCP port of the referral service, in an Exchange section.
    TCP_REFERRAL_PORT "TCPReferralPort" = PropType::I2, 0x6630, Exchange;
    /// The static port of the referral service over HTTP, in an Exchange
    /// section.
    HTTP_REFERRAL_PORT "HTTPReferralPort" = PropType::I2, 0x6631, Exchange;

    // LDAP directory sections.
    /// The directory server (`ServerName`), in an LDAP section.
    LDAP_SERVER "LDAPServer" = PropType::STRING8, 0x6600, Ldap;
    /// The user name to bind with (`UserName`), in an LDAP section.
    LDAP_USER_NAME "UserName" = PropType::STRING8, 0x6602, Ldap;

    // Personal folders and the Outlook Address Book.
    /// The personal folders file (PST) path.
    PST_PATH "PathAndFilenameToPersonalFolders" = PropType::UNICODE, 0x6700, Pst;
    /// The Contacts folders the Outlook Address Book shows, as entry IDs.
    PR_CONTAB_FOLDER_ENTRYIDS = PropType::BINARY.multi(), 0x6620, Contab;
    /// The stores of those folders, as store entry IDs.
    PR_CONTAB_STORE_ENTRYIDS = PropType::BINARY.multi(), 0x6626, Contab;
}

/// The six static ports of KB 833799 (`TCPExchangePort` … `HTTPReferralPort`),
/// in an Exchange section.
pub const EXCHANGE_PORTS: [PropTag; 6] = [
    TCP_EXCHANGE_PORT,
    HTTP_EXCHANGE_PORT,
    TCP_DIRECTORY_PORT,
    HTTP_DIRECTORY_PORT,
    TCP_REFERRAL_PORT,
    HTTP_REFERRAL_PORT,
];

// Account properties: ids of the account manager's values, which have plain
// registry names (`POP3 Port`); a `.prf` maps its account settings to them.

/// The incoming server's port (`POP3 Port`, `IMAP Port`).
pub const PROP_INET_PORT: PropTag = PropTag::new(PropType::LONG, 0x0104);
/// The outgoing server's port (`SMTP Port`).
pub const PROP_SMTP_PORT: PropTag = PropTag::new(PropType::LONG, 0x0201);
/// The POP3 leave-on-server bits (`Leave on Server`).
pub const PROP_POP_LEAVE_ON_SERVER: PropTag = PropTag::new(PropType::LONG, 0x1000);

#[cfg(test)]
mod tests {
    use super::super::{account, dictionary};
    use super::*;

    #[test]
    fn every_constant_is_the_dictionary_entry_of_its_name() {
        for &(constant, name, tag, scope) in NAMED {
            let entry = dictionary::ENTRIES
                .iter()
                .find(|e| e.scope == scope && (e.name == name || e.aliases.contains(&name)))
                .unwrap_or_else(|| panic!("{constant}: the dictionary has no {name} in {scope:?}"));
            assert_eq!(
                entry.tag,
                tag,
                "{constant}: {name} is {} in the dictionary",
                entry.tag.value_name()
            );
        }
    }

    #[test]
    fn account_constants_are_the_account_values_of_their_name() {
        for (tag, names) in [
            (PROP_INET_PORT, &["POP3 Port", "IMAP Port"][..]),
            (PROP_SMTP_PORT, &["SMTP Port"]),
            (PROP_POP_LEAVE_ON_SERVER, &["Leave on Server"]),
        ] {
            for name in names {
                assert_eq!(account::prf_id(name), Some(tag.id), "{name}");
            }
        }
    }
}
