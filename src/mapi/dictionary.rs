//! The one table of property names: every tag of the reference tables, the
//! PRF friendly names, and the canonical MAPI names of the properties that
//! real profiles hold.
//!
//! Ids from 0x6600 up belong to the provider that owns the section, so the
//! same id can mean different things (0x6623 is `RPCoverHTTPflags` in an
//! Exchange section and `DefaultSearch` in an LDAP one): such entries carry
//! the [`Scope`] they apply to. Display names are unique within a scope.

use super::flags::{self, Names};
use super::tag::{PropTag, PropType};

/// Which sections an entry applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    /// Any section (ids below the provider range).
    Any,
    /// Exchange: the global section, MSEMS service and provider sections and
    /// the per-account EMSMDB sections.
    Exchange,
    /// Personal folders (MSPST MS, MSUPST MS).
    Pst,
    /// LDAP directory (EMABLT).
    Ldap,
    /// Personal address book (MSPST AB).
    Pab,
    /// Microsoft Mail (MSFS).
    MsMail,
    /// Internet E-mail of Outlook 97–2000 (IMAIL).
    InternetMail,
    /// Dial-up networking options.
    Dialup,
    /// The Outlook Address Book (CONTAB): which Contacts folders it shows.
    Contab,
}

/// Every provider's scope (all but [`Scope::Any`]).
pub const SCOPES: [Scope; 8] = [
    Scope::Exchange,
    Scope::Pst,
    Scope::Ldap,
    Scope::Pab,
    Scope::MsMail,
    Scope::InternetMail,
    Scope::Dialup,
    Scope::Contab,
];

/// How a value is best shown beyond its type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Meaning {
    /// By its type alone.
    Plain,
    /// A 16-byte section UID, shown like a section key name.
    Uid,
    /// Concatenated 16-byte section UIDs.
    UidList,
    /// Bit flags.
    Flags(Names),
    /// An enumeration.
    Enum(Names),
    /// Bit flags whose names depend on whether the section is a message
    /// service's (the first table) or a provider's (the second):
    /// PR_RESOURCE_FLAGS.
    ByRole(Names, Names),
}

/// The public source a name and its type come from: every entry has one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// Microsoft's documentation: [MS-OXPROPS] and the canonical property
    /// pages of the MAPI reference.
    MicrosoftDocs,
    /// Microsoft's MAPI and Exchange headers (MAPITags.h, EdkMdb.h,
    /// MSPST.h), as MFCMAPI's tag tables carry them (genTagArray.h,
    /// extraPropTags.h).
    Headers,
    /// The mapping lines of the `.prf` files Office's tools write (OCT,
    /// CIW, ORK): the name, type and id of each setting.
    PrfMapping,
    /// No public name: named here for what real profiles hold in it, which
    /// the entry's note says.
    Observed,
}

impl Source {
    /// The source in words.
    pub fn describe(self) -> &'static str {
        match self {
            Source::MicrosoftDocs => "Microsoft's MAPI documentation",
            Source::Headers => "Microsoft's MAPI headers (as MFCMAPI lists them)",
            Source::PrfMapping => "the mapping lines of Office's .prf files",
            Source::Observed => "no public name; named for what real profiles hold",
        }
    }
}

/// One named property.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    /// Type and id.
    pub tag: PropTag,
    /// The name shown in YAML.
    pub name: &'static str,
    /// Where the name applies.
    pub scope: Scope,
    /// How to show the value.
    pub meaning: Meaning,
    /// Other names accepted on input (canonical `PR_*` names, PRF names).
    pub aliases: &'static [&'static str],
    /// Where the name comes from.
    pub source: Source,
    /// A few words for people where the name alone does not say enough.
    pub note: Option<&'static str>,
}

const fn e(ptype: u16, id: u16, name: &'static str, scope: Scope, source: Source) -> Entry {
    Entry {
        tag: PropTag::new(PropType(ptype), id),
        name,
        scope,
        meaning: Meaning::Plain,
        aliases: &[],
        source,
        note: None,
    }
}

impl Entry {
    const fn means(mut self, meaning: Meaning) -> Entry {
        self.meaning = meaning;
        self
    }

    const fn also(mut self, aliases: &'static [&'static str]) -> Entry {
        self.aliases = aliases;
        self
    }

    const fn noted(mut self, note: &'static str) -> Entry {
        self.note = Some(note);
        self
    }
}

use Meaning::{ByRole, Enum, Flags, Uid, UidList};
use Scope::{Any, Contab, Dialup, Exchange, InternetMail, Ldap, MsMail, Pab, Pst};
use Source::{Headers, MicrosoftDocs as Docs, Observed, PrfMapping as Prf};

const I2: u16 = 0x0002;
const LONG: u16 = 0x0003;
const BOOL: u16 = 0x000B;
const A: u16 = 0x001E;
const W: u16 = 0x001F;
const TIME: u16 = 0x0040;
const BIN: u16 = 0x0102;
const MV_LONG: u16 = 0x1003;
const MV_A: u16 = 0x101E;
const MV_W: u16 = 0x101F;
const MV_BIN: u16 = 0x1102;

/// Every named property.
pub static ENTRIES: &[Entry] = &[
    // Objects, stores and providers (MAPI core).
    e(BIN, 0x0FF9, "PR_RECORD_KEY", Any, Docs),
    e(BIN, 0x0FFB, "PR_STORE_ENTRYID", Any, Docs),
    e(LONG, 0x0FFE, "PR_OBJECT_TYPE", Any, Docs),
    e(BIN, 0x0FFF, "PR_ENTRYID", Any, Docs),
    e(W, 0x3001, "PR_DISPLAY_NAME", Any, Docs).also(&["PR_DISPLAY_NAME_W", "Name"]),
    e(A, 0x3001, "PR_DISPLAY_NAME_A", Any, Docs),
    e(W, 0x3004, "PR_COMMENT", Any, Docs).also(&["PR_COMMENT_W"]),
    e(A, 0x3004, "PR_COMMENT_A", Any, Docs),
    e(W, 0x3006, "PR_PROVIDER_DISPLAY", Any, Docs).also(&["PR_PROVIDER_DISPLAY_W"]),
    e(A, 0x3006, "PR_PROVIDER_DISPLAY_A", Any, Docs),
    e(TIME, 0x3007, "PR_CREATION_TIME", Any, Docs),
    e(TIME, 0x3008, "PR_LAST_MODIFICATION_TIME", Any, Docs),
    e(LONG, 0x3009, "PR_RESOURCE_FLAGS", Any, Docs)
        .means(ByRole(flags::SERVICE_FLAGS, flags::STATUS_FLAGS)),
    e(W, 0x300A, "PR_PROVIDER_DLL_NAME", Any, Docs).also(&["PR_PROVIDER_DLL_NAME_W"]),
    e(A, 0x300A, "PR_PROVIDER_DLL_NAME_A", Any, Docs),
    e(BIN, 0x300B, "PR_SEARCH_KEY", Any, Docs),
    e(BIN, 0x300C, "PR_PROVIDER_UID", Any, Docs).means(Uid),
    e(LONG, 0x300D, "PR_PROVIDER_ORDINAL", Any, Docs),
    e(BOOL, 0x3400, "PR_DEFAULT_STORE", Any, Docs),
    e(LONG, 0x340D, "PR_STORE_SUPPORT_MASK", Any, Docs),
    e(LONG, 0x340E, "PR_STORE_STATE", Any, Docs),
    e(BIN, 0x3414, "PR_MDB_PROVIDER", Any, Docs).means(Uid),
    e(BIN, 0x3615, "PR_AB_PROVIDER_ID", Any, Docs).means(Uid),
    e(LONG, 0x3900, "PR_DISPLAY_TYPE", Any, Docs),
    // Profile and service tables.
    e(BIN, 0x3D00, "PR_STORE_PROVIDERS", Any, Docs).means(UidList),
    e(BIN, 0x3D01, "PR_AB_PROVIDERS", Any, Docs).means(UidList),
    e(BIN, 0x3D02, "PR_TRANSPORT_PROVIDERS", Any, Docs).means(UidList),
    e(BOOL, 0x3D04, "PR_DEFAULT_PROFILE", Any, Docs),
    e(MV_BIN, 0x3D05, "PR_AB_SEARCH_PATH", Any, Docs),
    e(BIN, 0x3D06, "PR_AB_DEFAULT_DIR", Any, Docs),
    e(BIN, 0x3D07, "PR_AB_DEFAULT_PAB", Any, Docs),
    e(W, 0x3D09, "PR_SERVICE_NAME", Any, Docs).also(&["PR_SERVICE_NAME_W", "ServiceName"]),
    e(A, 0x3D09, "PR_SERVICE_NAME_A", Any, Docs),
    e(W, 0x3D0A, "PR_SERVICE_DLL_NAME", Any, Docs).also(&["PR_SERVICE_DLL_NAME_W"]),
    e(A, 0x3D0A, "PR_SERVICE_DLL_NAME_A", Any, Docs),
    e(W, 0x3D0B, "PR_SERVICE_ENTRY_NAME_W", Any, Headers),
    e(A, 0x3D0B, "PR_SERVICE_ENTRY_NAME", Any, Headers),
    e(BIN, 0x3D0C, "PR_SERVICE_UID", Any, Docs).means(Uid),
    e(BIN, 0x3D0D, "PR_SERVICE_EXTRA_UIDS", Any, Docs).means(UidList),
    e(BIN, 0x3D0E, "PR_SERVICES", Any, Docs).means(UidList),
    e(MV_A, 0x3D0F, "PR_SERVICE_SUPPORT_FILES_A", Any, Docs),
    e(MV_W, 0x3D0F, "PR_SERVICE_SUPPORT_FILES", Any, Docs).also(&["PR_SERVICE_SUPPORT_FILES_W"]),
    e(MV_A, 0x3D10, "PR_SERVICE_DELETE_FILES_A", Any, Docs),
    e(MV_W, 0x3D10, "PR_SERVICE_DELETE_FILES", Any, Docs).also(&["PR_SERVICE_DELETE_FILES_W"]),
    e(BIN, 0x3D11, "PR_AB_SEARCH_PATH_UPDATE", Any, Docs),
    e(W, 0x3D12, "PR_PROFILE_NAME", Any, Headers).also(&["PR_PROFILE_NAME_W"]),
    e(A, 0x3D12, "PR_PROFILE_NAME_A", Any, Headers),
    e(W, 0x3D13, "PR_SERVICE_INSTALL_ID", Any, Docs).also(&["PR_SERVICE_INSTALL_ID_W"]),
    e(A, 0x3D13, "PR_SERVICE_INSTALL_ID_A", Any, Docs),
    e(BIN, 0x3D15, "PR_EMSMDB_SECTION_UID", Any, Docs).means(Uid),
    e(BOOL, 0x3D18, "PR_EMSMDB_LEGACY", Any, Docs),
    e(BIN, 0x3D1A, "PR_EMSABP_USER_UID", Any, Docs).means(Uid),
    e(
        LONG,
        0x3D1B,
        "PR_AB_SEARCH_PATH_CUSTOMIZATION",
        Any,
        Headers,
    ),
    e(
        BOOL,
        0x3D1C,
        "PR_AB_CHOOSE_DIRECTORY_AUTOMATICALLY",
        Any,
        Headers,
    ),
    e(W, 0x3E00, "PR_IDENTITY_DISPLAY", Any, Docs),
    e(BIN, 0x3E01, "PR_IDENTITY_ENTRYID", Any, Docs),
    e(LONG, 0x3E03, "PR_RESOURCE_TYPE", Any, Docs).means(Enum(flags::RESOURCE_TYPE)),
    e(LONG, 0x3E04, "PR_STATUS_CODE", Any, Docs),
    e(BIN, 0x3E05, "PR_IDENTITY_SEARCH_KEY", Any, Docs),
    e(BIN, 0x3E06, "PR_OWN_STORE_ENTRYID", Any, Docs),
    e(W, 0x3E07, "PR_RESOURCE_PATH", Any, Docs),
    // Security (S/MIME) section.
    // Security (S/MIME) section: PR_CERT_DEFAULTS (0x0020) is a field of
    // the settings blob in MFCMAPI, not a value of the section, and no
    // public source names 0x0354, so neither has a name here.
    e(MV_BIN, 0x0355, "PR_SECURITY_PROFILES", Any, Headers),
    // Outlook client section (PRF "Microsoft Outlook Client") and junk mail.
    e(A, 0x0270, "FormDirectoryPage", Any, Prf),
    e(A, 0x0271, "WebServicesLocation", Any, Prf),
    e(BOOL, 0x0272, "ComposeWithWebServices", Any, Prf),
    e(BOOL, 0x0273, "PromptWhenUsingWebServices", Any, Prf),
    e(BOOL, 0x0274, "OpenWithWebServices", Any, Prf),
    e(W, 0x0418, "PR_SPAM_TRUSTED_SENDERS", Any, Headers).also(&["PR_SPAM_TRUSTED_SENDERS_W"]),
    e(W, 0x0419, "PR_SPAM_TRUSTED_RECIPIENTS", Any, Headers)
        .also(&["PR_SPAM_TRUSTED_RECIPIENTS_W"]),
    e(W, 0x041A, "PR_SPAM_JUNK_SENDERS", Any, Headers).also(&["PR_SPAM_JUNK_SENDERS_W"]),
    e(LONG, 0x041B, "PR_SPAM_THRESHOLD", Any, Headers),
    e(LONG, 0x041F, "CachedExchangeMode", Any, Prf),
    e(BOOL, 0x0420, "CachedExchangeSlowDetect", Any, Prf),
    // Exchange (EMSMDB) profile properties.
    e(LONG, 0x6600, "PR_PROFILE_VERSION", Exchange, Headers),
    e(LONG, 0x6601, "ConfigFlags", Exchange, Prf)
        .means(Flags(flags::CONFIG_FLAGS))
        .also(&["PR_PROFILE_CONFIG_FLAGS", "ExchangeConfigFlags"]),
    e(A, 0x6602, "PR_PROFILE_HOME_SERVER", Exchange, Headers),
    e(W, 0x6602, "PR_PROFILE_HOME_SERVER_W", Exchange, Headers),
    e(A, 0x6603, "PR_PROFILE_USER", Exchange, Headers),
    e(W, 0x6603, "PR_PROFILE_USER_W", Exchange, Headers),
    e(LONG, 0x6604, "PR_PROFILE_CONNECT_FLAGS", Exchange, Headers)
        .means(Flags(flags::CONNECT_FLAGS)),
    e(
        LONG,
        0x6605,
        "PR_PROFILE_TRANSPORT_FLAGS",
        Exchange,
        Headers,
    )
    .means(Flags(flags::TRANSPORT_FLAGS)),
    e(LONG, 0x6606, "PR_PROFILE_UI_STATE", Exchange, Headers).means(Flags(flags::UI_STATE)),
    // A .prf name names the string type its mapping line gives; the other
    // type has the same name with `_W` or `_A`, as MAPI's own names do.
    e(A, 0x6607, "MailboxName", Exchange, Prf)
        .also(&["PR_PROFILE_UNRESOLVED_NAME", "PR_PROFILE_UNRESOLVED_NAME_A"]),
    e(W, 0x6607, "MailboxName_W", Exchange, Prf).also(&["PR_PROFILE_UNRESOLVED_NAME_W"]),
    e(A, 0x6608, "HomeServer", Exchange, Prf).also(&[
        "PR_PROFILE_UNRESOLVED_SERVER",
        "PR_PROFILE_UNRESOLVED_SERVER_A",
    ]),
    e(W, 0x6608, "HomeServer_W", Exchange, Prf).also(&["PR_PROFILE_UNRESOLVED_SERVER_W"]),
    e(LONG, 0x6609, "PR_PROFILE_OPEN_FLAGS", Exchange, Headers).means(Flags(flags::OPEN_FLAGS)),
    e(A, 0x6609, "PR_PROFILE_BINDING_ORDER", Exchange, Headers),
    e(LONG, 0x660A, "PR_PROFILE_TYPE", Exchange, Docs).means(Enum(flags::PROFILE_TYPE)),
    e(A, 0x660B, "PR_PROFILE_MAILBOX", Exchange, Headers),
    e(W, 0x660B, "PR_PROFILE_MAILBOX_W", Exchange, Headers),
    e(A, 0x660C, "PR_PROFILE_SERVER", Exchange, Headers),
    e(W, 0x660C, "PR_PROFILE_SERVER_W", Exchange, Headers),
    e(LONG, 0x660D, "PR_PROFILE_MAX_RESTRICT", Exchange, Headers),
    e(A, 0x660E, "OfflineAddressBookPath", Exchange, Prf)
        .also(&["PR_PROFILE_AB_FILES_PATH", "PR_PROFILE_AB_FILES_PATH_A"]),
    e(W, 0x660E, "OfflineAddressBookPath_W", Exchange, Prf).also(&["PR_PROFILE_AB_FILES_PATH_W"]),
    e(
        A,
        0x660F,
        "PR_PROFILE_FAVFLD_DISPLAY_NAME",
        Exchange,
        Headers,
    ),
    e(W, 0x6610, "OfflineFolderPathAndFilename", Exchange, Prf).also(&[
        "PR_PROFILE_OFFLINE_STORE_PATH_W",
        "PR_PROFILE_OFFLINE_STORE_PATH",
    ]),
    e(A, 0x6610, "OfflineFolderPathAndFilename_A", Exchange, Prf)
        .also(&["OfflineFolderPath", "PR_PROFILE_OFFLINE_STORE_PATH_A"]),
    e(BIN, 0x6611, "PR_PROFILE_OFFLINE_INFO", Exchange, Headers),
    e(A, 0x6612, "PR_PROFILE_HOME_SERVER_DN", Exchange, Headers),
    e(
        MV_A,
        0x6613,
        "PR_PROFILE_HOME_SERVER_ADDRS",
        Exchange,
        Headers,
    ),
    e(A, 0x6614, "PR_PROFILE_SERVER_DN", Exchange, Headers),
    e(A, 0x6615, "PR_PROFILE_FAVFLD_COMMENT", Exchange, Headers),
    e(
        A,
        0x6616,
        "PR_PROFILE_ALLPUB_DISPLAY_NAME",
        Exchange,
        Headers,
    ),
    e(A, 0x6617, "PR_PROFILE_ALLPUB_COMMENT", Exchange, Headers),
    e(LONG, 0x6618, "PR_DISABLE_WINSOCK", Exchange, Headers),
    e(LONG, 0x6619, "PR_PROFILE_AUTH_PACKAGE", Exchange, Headers).means(Enum(flags::AUTH_PACKAGE)),
    e(
        LONG,
        0x661A,
        "PR_PROFILE_RECONNECT_INTERVAL",
        Exchange,
        Headers,
    ),
    e(LONG, 0x661B, "PR_PROFILE_SERVER_VERSION", Exchange, Docs),
    e(W, 0x6620, "AccountName", Exchange, Prf),
    e(W, 0x6622, "RPCProxyServer", Exchange, Prf)
        .also(&["PR_ROH_PROXY_SERVER", "PR_PROFILE_RPC_PROXY_SERVER"]),
    e(LONG, 0x6623, "RPCoverHTTPflags", Exchange, Prf)
        .means(Flags(flags::ROH_FLAGS))
        .also(&["PR_ROH_FLAGS"]),
    e(W, 0x6625, "RPCProxyPrincipalName", Exchange, Prf).also(&["PR_ROH_PROXY_PRINCIPAL_NAME"]),
    e(LONG, 0x6627, "RPCProxyAuthScheme", Exchange, Prf)
        .means(Enum(flags::ROH_AUTH_SCHEME))
        .also(&["PR_ROH_PROXY_AUTH_SCHEME"]),
    e(LONG, 0x6629, "CachedExchangeConfigFlags", Exchange, Prf),
    e(W, 0x662A, "PR_PROFILE_HOME_SERVER_FQDN", Exchange, Docs),
    e(I2, 0x662C, "TCPExchangePort", Exchange, Prf),
    e(I2, 0x662D, "HTTPExchangePort", Exchange, Prf),
    e(I2, 0x662E, "TCPDirectoryPort", Exchange, Prf),
    e(I2, 0x662F, "HTTPDirectoryPort", Exchange, Prf),
    e(I2, 0x6630, "TCPReferralPort", Exchange, Prf),
    e(I2, 0x6631, "HTTPReferralPort", Exchange, Prf),
    e(
        LONG,
        0x6635,
        "PR_PROFILE_OAB_COUNT_ATTEMPTED_FULLDN",
        Exchange,
        Headers,
    ),
    e(
        LONG,
        0x6639,
        "PR_PROFILE_ABP_ALLOW_RECONNECT",
        Exchange,
        Headers,
    ),
    e(
        LONG,
        0x663A,
        "PR_PROFILE_ABP_MTHREAD_TIMEOUT_SECS",
        Exchange,
        Headers,
    ),
    e(
        BIN,
        0x663B,
        "PR_PROFILE_SERVER_FULL_VERSION",
        Exchange,
        Docs,
    ),
    e(
        W,
        0x6641,
        "PR_PROFILE_USER_SMTP_EMAIL_ADDRESS",
        Exchange,
        Headers,
    )
    .also(&["PR_PROFILE_USER_SMTP_EMAIL_ADDRESS_W"]),
    e(
        A,
        0x6641,
        "PR_PROFILE_USER_SMTP_EMAIL_ADDRESS_A",
        Exchange,
        Headers,
    ),
    e(
        BOOL,
        0x665E,
        "PR_PROFILE_EXCHANGE_CONSUMER_ACCOUNT",
        Exchange,
        Headers,
    ),
    e(A, 0x667B, "PR_PROFILE_MOAB", Exchange, Headers),
    e(A, 0x667C, "PR_PROFILE_MOAB_GUID", Exchange, Headers),
    e(LONG, 0x667D, "PR_PROFILE_MOAB_SEQ", Exchange, Headers),
    e(BIN, 0x6687, "PR_PROFILE_ADDR_INFO", Exchange, Headers),
    e(BIN, 0x6689, "PR_PROFILE_OPTIONS_DATA", Exchange, Headers),
    e(W, 0x66A0, "PR_PROFILE_AUTH_USER", Exchange, Headers).also(&["PR_PROFILE_AUTH_USER_W"]),
    e(BIN, 0x66A1, "PR_PROFILE_AUTH_PASSWORD", Exchange, Headers),
    e(
        W,
        0x65D0,
        "PR_PROFILE_ALTERNATE_STORE_TYPE",
        Exchange,
        Headers,
    ),
    e(BIN, 0x67F0, "PR_PROFILE_SECURE_MAILBOX", Exchange, Headers),
    e(A, 0x7CFF, "PR_PROFILE_MDB_DN", Exchange, Headers),
    e(
        BOOL,
        0x7CFE,
        "PR_FORCE_USE_ENTRYID_SERVER",
        Exchange,
        Headers,
    ),
    e(BOOL, 0x3A03, "ConversionProhibited", Exchange, Prf),
    // Personal folders.
    e(W, 0x6700, "PathAndFilenameToPersonalFolders", Pst, Prf)
        .also(&["PR_PST_PATH_W", "PR_PST_PATH"]),
    e(A, 0x6700, "PathAndFilenameToPersonalFolders_A", Pst, Prf)
        .also(&["PathToPersonalFolders", "PR_PST_PATH_A"]),
    e(BOOL, 0x6701, "RememberPassword", Pst, Prf).also(&["PR_PST_REMEMBER_PW"]),
    e(LONG, 0x6702, "EncryptionType", Pst, Prf)
        .means(Enum(flags::PST_ENCRYPTION))
        .also(&["PR_PST_ENCRYPTION"]),
    e(A, 0x6703, "Password", Pst, Prf).also(&["PR_PST_PW_SZ_OLD"]),
    e(A, 0x6704, "PR_PST_PW_SZ_NEW", Pst, Headers),
    e(LONG, 0x6770, "PR_PST_CONFIG_FLAGS", Pst, Headers).means(Flags(flags::PST_CONFIG_FLAGS)),
    e(W, 0x6771, "PR_PST_PATH_HINT", Pst, Headers).also(&["PR_PST_PATH_HINT_W"]),
    // LDAP directory (EMABLT), 2010+ PRF names first.
    e(A, 0x6600, "ServerName", Ldap, Prf).also(&["LDAPServer"]),
    e(A, 0x6601, "ConnectionPort", Ldap, Prf).also(&["LDAPServerPort"]),
    e(A, 0x6602, "UserName", Ldap, Prf),
    e(A, 0x6603, "SearchBase", Ldap, Prf),
    e(A, 0x6604, "SearchFilter", Ldap, Prf),
    e(A, 0x6605, "MAPIAddressType", Ldap, Prf),
    e(A, 0x6606, "EMailAttribute", Ldap, Prf),
    e(A, 0x6607, "SearchTimeout", Ldap, Prf).also(&["LDAPTimeLimit"]),
    e(A, 0x6608, "MaxEntriesReturned", Ldap, Prf).also(&["LDAPSizeLimit"]),
    e(A, 0x6609, "LDAPTimeLimitLowBand", Ldap, Prf),
    e(A, 0x660A, "LDAPSizeLimitLowBand", Ldap, Prf),
    e(A, 0x660B, "LogFilePath", Ldap, Prf),
    e(A, 0x660C, "ErrorLogging", Ldap, Prf),
    e(A, 0x6611, "DisplayNameSource", Ldap, Prf),
    e(A, 0x6612, "DisplayFailDialog", Ldap, Prf),
    e(BOOL, 0x6613, "UseSSL", Ldap, Prf),
    e(BOOL, 0x6615, "UseSPA", Ldap, Prf),
    e(LONG, 0x6616, "DisableVLV", Ldap, Prf),
    e(BOOL, 0x6622, "EnableBrowsing", Ldap, Prf),
    e(LONG, 0x6623, "DefaultSearch", Ldap, Prf),
    e(A, 0x6624, "CheckNames", Ldap, Prf),
    e(A, 0x67F1, "LDAPPassword", Ldap, Observed)
        .noted("the directory password, DPAPI-protected; no public name"),
    // Personal address book.
    e(A, 0x6600, "PathAndFilename", Pab, Prf).also(&["Path"]),
    e(LONG, 0x6601, "ShowNamesBy", Pab, Prf),
    // Microsoft Mail.
    e(A, 0x6600, "ServerPath", MsMail, Prf),
    e(A, 0x6601, "Mailbox", MsMail, Prf),
    e(LONG, 0x6603, "ConnectionType", MsMail, Prf),
    e(BOOL, 0x6604, "UseSessionLog", MsMail, Prf),
    e(A, 0x6605, "SessionLogPath", MsMail, Prf),
    e(BOOL, 0x6606, "RememberPassword", MsMail, Prf),
    e(BOOL, 0x6620, "EnableUpload", MsMail, Prf),
    e(BOOL, 0x6621, "EnableDownload", MsMail, Prf),
    e(LONG, 0x6622, "UploadMask", MsMail, Prf),
    e(BOOL, 0x6623, "NetBiosNotification", MsMail, Prf),
    e(A, 0x6624, "NewMailPollInterval", MsMail, Prf),
    e(BOOL, 0x6625, "DisplayGalOnly", MsMail, Prf),
    e(A, 0x67F0, "Password", MsMail, Prf),
    // Internet E-mail (Outlook 97–2000).
    e(A, 0x661F, "AccountName", InternetMail, Prf),
    // Dial-up networking.
    e(BOOL, 0x6717, "DialConnection", Dialup, Prf),
    e(A, 0x6710, "ConnectionName", Dialup, Prf),
    e(A, 0x67F0, "DomainName", Dialup, Prf),
    e(BIN, 0x67F1, "Password", Dialup, Prf),
    e(A, 0x67F2, "UserName", Dialup, Prf),
    // Outlook Address Book: one entry per Contacts folder, in step. The
    // ANSI name lists sit at 0x6622-0x6624, their Unicode twins at
    // 0x6627-0x6629, of which only the display names have a public name.
    e(BIN, 0x6601, "PR_CONTAB_UID", Contab, Headers).means(Uid),
    e(MV_BIN, 0x6620, "PR_CONTAB_FOLDER_ENTRYIDS", Contab, Headers),
    e(
        MV_LONG,
        0x6621,
        "PR_CONTAB_STORE_SUPPORT_MASKS",
        Contab,
        Headers,
    ),
    e(MV_A, 0x6622, "PR_CONTAB_STORE_NAMES_A", Contab, Headers).also(&["PR_CONTAB_STORE_NAMES"]),
    e(MV_A, 0x6623, "PR_CONTAB_FOLDER_NAMES_A", Contab, Headers).also(&["PR_CONTAB_FOLDER_NAMES"]),
    e(MV_A, 0x6624, "PR_CONTAB_DISPLAY_NAMES_A", Contab, Headers)
        .also(&["PR_CONTAB_DISPLAY_NAMES"]),
    e(
        MV_LONG,
        0x6625,
        "PR_CONTAB_MULTI_ADDR_FLAGS",
        Contab,
        Headers,
    ),
    e(MV_BIN, 0x6626, "PR_CONTAB_STORE_ENTRYIDS", Contab, Headers),
    e(MV_W, 0x6627, "ContabStoreNamesUnicode", Contab, Observed)
        .noted("the Unicode twin of PR_CONTAB_STORE_NAMES; no public name"),
    e(MV_W, 0x6628, "ContabFolderNamesUnicode", Contab, Observed)
        .noted("the Unicode twin of PR_CONTAB_FOLDER_NAMES; no public name"),
    e(MV_W, 0x6629, "PR_CONTAB_DISPLAY_NAMES_W", Contab, Headers),
];

/// The entry for `tag` in a section of `scope` (or any scope for ids below
/// the provider range).
pub fn lookup(tag: PropTag, scope: Option<Scope>) -> Option<&'static Entry> {
    ENTRIES
        .iter()
        .find(|entry| entry.tag == tag && (entry.scope == Scope::Any || Some(entry.scope) == scope))
}

/// The entries whose name or alias is `name` (ASCII case-insensitively), in
/// a section of `scope`.
pub fn by_name(name: &str, scope: Option<Scope>) -> impl Iterator<Item = &'static Entry> {
    // every name and alias, lowercased, with the entries it names: built
    // once, so that reading a large document does not scan the table per value
    static INDEX: std::sync::OnceLock<std::collections::HashMap<String, Vec<&'static Entry>>> =
        std::sync::OnceLock::new();
    let index = INDEX.get_or_init(|| {
        let mut index: std::collections::HashMap<String, Vec<&'static Entry>> =
            std::collections::HashMap::new();
        for entry in ENTRIES {
            for known in std::iter::once(entry.name).chain(entry.aliases.iter().copied()) {
                let slot = index.entry(known.to_ascii_lowercase()).or_default();
                if !slot.iter().any(|e| std::ptr::eq(*e, entry)) {
                    slot.push(entry);
                }
            }
        }
        index
    });
    index
        .get(&name.to_ascii_lowercase())
        .into_iter()
        .flatten()
        .copied()
        .filter(move |entry| entry.scope == Scope::Any || Some(entry.scope) == scope)
}

/// Up to three known names close to `name` in a section of `scope`, the
/// closest first: for "did you mean" hints.
pub fn closest(name: &str, scope: Option<Scope>) -> Vec<&'static str> {
    closest_among(
        name,
        ENTRIES
            .iter()
            .filter(|entry| entry.scope == Scope::Any || Some(entry.scope) == scope)
            .flat_map(|entry| std::iter::once(entry.name).chain(entry.aliases.iter().copied())),
    )
}

/// Up to three of `names` close to `name` (by edit distance, without regard
/// to ASCII case), the closest first.
pub fn closest_among<'n>(name: &str, names: impl Iterator<Item = &'n str>) -> Vec<&'n str> {
    let wanted = name.to_ascii_lowercase();
    let limit = (wanted.len() / 4).max(2);
    let mut found: Vec<(usize, &'n str)> = names
        .map(|known| (distance(&wanted, &known.to_ascii_lowercase()), known))
        .filter(|(d, _)| *d <= limit)
        .collect();
    found.sort();
    found.dedup_by_key(|(_, known)| *known);
    found.into_iter().take(3).map(|(_, known)| known).collect()
}

/// Edit distance (insertions, deletions, substitutions) between two names.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    // one row of the table: row[j] is the distance to b's first j characters
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row.first().copied().unwrap_or(0);
        if let Some(first) = row.first_mut() {
            *first = i.saturating_add(1);
        }
        for (j, cb) in b.iter().enumerate() {
            let substitute = diagonal.saturating_add(usize::from(ca != *cb));
            let left = row.get(j).copied().unwrap_or(usize::MAX);
            let Some(here) = row.get_mut(j.saturating_add(1)) else {
                break;
            };
            diagonal = *here;
            *here = substitute
                .min(left.saturating_add(1))
                .min(diagonal.saturating_add(1));
        }
    }
    row.last().copied().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn tags_are_unique_within_a_scope() {
        let mut seen = HashSet::new();
        for entry in ENTRIES {
            assert!(
                seen.insert((entry.tag, entry.scope)),
                "{} twice",
                entry.name
            );
        }
    }

    #[test]
    fn names_are_unique_within_what_a_section_sees() {
        for scope in SCOPES {
            let mut seen = HashSet::new();
            for entry in ENTRIES
                .iter()
                .filter(|e| e.scope == Any || e.scope == scope)
            {
                assert!(
                    seen.insert(entry.name.to_ascii_lowercase()),
                    "{} twice in {scope:?}",
                    entry.name
                );
            }
        }
    }

    #[test]
    fn the_same_id_means_different_things_per_service() {
        let tag = PropTag::new(PropType::LONG, 0x6623);
        assert_eq!(
            lookup(tag, Some(Exchange)).unwrap().name,
            "RPCoverHTTPflags"
        );
        assert_eq!(lookup(tag, Some(Ldap)).unwrap().name, "DefaultSearch");
        assert!(lookup(tag, None).is_none());
        let display = PropTag::new(PropType::UNICODE, 0x3001);
        assert_eq!(lookup(display, None).unwrap().name, "PR_DISPLAY_NAME");
    }

    #[test]
    fn misspelt_names_find_their_neighbours() {
        assert_eq!(
            closest("RPCProxyServr", Some(Exchange))[0],
            "RPCProxyServer"
        );
        assert_eq!(
            closest("tcpexchangeprot", Some(Exchange))[0],
            "TCPExchangePort"
        );
        assert!(closest("Completely different", Some(Exchange)).is_empty());
        assert_eq!(distance("kitten", "sitting"), 3);
    }

    /// The names a `.prf` mapping line gives an id, in any generation's
    /// tables or the static ports.
    fn prf_names_of(id: u16) -> Vec<String> {
        use crate::prf::mapping::{Generation, static_ports};
        Generation::ALL
            .iter()
            .flat_map(|g| g.blocks().iter())
            .chain(std::iter::once(static_ports()))
            .flat_map(|block| {
                block
                    .entries()
                    .filter(|(key, _)| block.mapping(key).is_some_and(|t| t.id == id))
                    .map(|(key, _)| key.to_ascii_lowercase())
                    .collect::<Vec<_>>()
            })
            .collect()
    }

    #[test]
    fn every_entry_names_its_source() {
        let mut unsupported = Vec::new();
        for entry in ENTRIES {
            let name = entry.name;
            match entry.source {
                // MAPI's own names, from Microsoft's documents and headers
                Source::MicrosoftDocs | Source::Headers => {
                    assert!(name.starts_with("PR_"), "{name}: not a MAPI name")
                }
                // a mapping line gives the name (or, for the ANSI twin of a
                // string property, the name without `_A`) the same id
                Source::PrfMapping => {
                    let known = prf_names_of(entry.tag.id);
                    let base = name
                        .strip_suffix("_A")
                        .or_else(|| name.strip_suffix("_W"))
                        .unwrap_or(name);
                    let named = std::iter::once(base)
                        .chain(entry.aliases.iter().copied())
                        .any(|n| known.contains(&n.to_ascii_lowercase()));
                    // the [Dialup Networking] block of older .prf files
                    // (quoted in RegRipper's outlook2.pl), which the
                    // built-in tables do not carry
                    let dialup = entry.scope == Dialup;
                    if !named && !dialup {
                        unsupported.push(name);
                    }
                }
                // a name of its own says what it holds, and that it is not
                // a public one
                Source::Observed => {
                    assert!(!name.starts_with("PR_"), "{name}: claims a MAPI name");
                    assert!(entry.note.is_some_and(|n| n.contains("no public name")));
                }
            }
        }
        assert!(
            unsupported.is_empty(),
            "no .prf mapping line gives these their id: {unsupported:?}"
        );
    }

    #[test]
    fn names_no_source_supports_are_gone() {
        for name in ["SecurityDefaults", "PR_CERT_DEFAULTS"] {
            assert!(by_name(name, None).next().is_none(), "{name}");
        }
        // LDAP's password is a secure PT_STRING8, as real profiles hold it
        let ldap = by_name("LDAPPassword", Some(Ldap)).next().unwrap();
        assert_eq!(ldap.tag.value_name(), "001e67f1");
    }

    #[test]
    fn names_and_aliases_resolve() {
        let found: Vec<_> = by_name("pr_roh_proxy_server", Some(Exchange)).collect();
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].tag.value_name(), "001f6622");
    }
}
