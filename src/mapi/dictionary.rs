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
}

const fn e(ptype: u16, id: u16, name: &'static str, scope: Scope) -> Entry {
    Entry {
        tag: PropTag::new(PropType(ptype), id),
        name,
        scope,
        meaning: Meaning::Plain,
        aliases: &[],
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
}

use Meaning::{Enum, Flags, Uid, UidList};
use Scope::{Any, Contab, Dialup, Exchange, InternetMail, Ldap, MsMail, Pab, Pst};

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
    e(BIN, 0x0FF9, "PR_RECORD_KEY", Any),
    e(BIN, 0x0FFB, "PR_STORE_ENTRYID", Any),
    e(LONG, 0x0FFE, "PR_OBJECT_TYPE", Any),
    e(BIN, 0x0FFF, "PR_ENTRYID", Any),
    e(W, 0x3001, "PR_DISPLAY_NAME", Any).also(&["PR_DISPLAY_NAME_W", "Name"]),
    e(A, 0x3001, "PR_DISPLAY_NAME_A", Any),
    e(W, 0x3004, "PR_COMMENT", Any).also(&["PR_COMMENT_W"]),
    e(A, 0x3004, "PR_COMMENT_A", Any),
    e(W, 0x3006, "PR_PROVIDER_DISPLAY", Any).also(&["PR_PROVIDER_DISPLAY_W"]),
    e(A, 0x3006, "PR_PROVIDER_DISPLAY_A", Any),
    e(TIME, 0x3007, "PR_CREATION_TIME", Any),
    e(TIME, 0x3008, "PR_LAST_MODIFICATION_TIME", Any),
    e(LONG, 0x3009, "PR_RESOURCE_FLAGS", Any),
    e(W, 0x300A, "PR_PROVIDER_DLL_NAME", Any).also(&["PR_PROVIDER_DLL_NAME_W"]),
    e(A, 0x300A, "PR_PROVIDER_DLL_NAME_A", Any),
    e(BIN, 0x300B, "PR_SEARCH_KEY", Any),
    e(BIN, 0x300C, "PR_PROVIDER_UID", Any).means(Uid),
    e(LONG, 0x300D, "PR_PROVIDER_ORDINAL", Any),
    e(BOOL, 0x3400, "PR_DEFAULT_STORE", Any),
    e(LONG, 0x340D, "PR_STORE_SUPPORT_MASK", Any),
    e(LONG, 0x340E, "PR_STORE_STATE", Any),
    e(BIN, 0x3414, "PR_MDB_PROVIDER", Any).means(Uid),
    e(BIN, 0x3615, "PR_AB_PROVIDER_ID", Any).means(Uid),
    e(LONG, 0x3900, "PR_DISPLAY_TYPE", Any),
    // Profile and service tables.
    e(BIN, 0x3D00, "PR_STORE_PROVIDERS", Any).means(UidList),
    e(BIN, 0x3D01, "PR_AB_PROVIDERS", Any).means(UidList),
    e(BIN, 0x3D02, "PR_TRANSPORT_PROVIDERS", Any).means(UidList),
    e(BOOL, 0x3D04, "PR_DEFAULT_PROFILE", Any),
    e(MV_BIN, 0x3D05, "PR_AB_SEARCH_PATH", Any),
    e(BIN, 0x3D06, "PR_AB_DEFAULT_DIR", Any),
    e(BIN, 0x3D07, "PR_AB_DEFAULT_PAB", Any),
    e(W, 0x3D09, "PR_SERVICE_NAME", Any).also(&["PR_SERVICE_NAME_W", "ServiceName"]),
    e(A, 0x3D09, "PR_SERVICE_NAME_A", Any),
    e(W, 0x3D0A, "PR_SERVICE_DLL_NAME", Any).also(&["PR_SERVICE_DLL_NAME_W"]),
    e(A, 0x3D0A, "PR_SERVICE_DLL_NAME_A", Any),
    e(W, 0x3D0B, "PR_SERVICE_ENTRY_NAME_W", Any),
    e(A, 0x3D0B, "PR_SERVICE_ENTRY_NAME", Any),
    e(BIN, 0x3D0C, "PR_SERVICE_UID", Any).means(Uid),
    e(BIN, 0x3D0D, "PR_SERVICE_EXTRA_UIDS", Any).means(UidList),
    e(BIN, 0x3D0E, "PR_SERVICES", Any).means(UidList),
    e(MV_A, 0x3D0F, "PR_SERVICE_SUPPORT_FILES_A", Any),
    e(MV_W, 0x3D0F, "PR_SERVICE_SUPPORT_FILES", Any).also(&["PR_SERVICE_SUPPORT_FILES_W"]),
    e(MV_A, 0x3D10, "PR_SERVICE_DELETE_FILES_A", Any),
    e(MV_W, 0x3D10, "PR_SERVICE_DELETE_FILES", Any).also(&["PR_SERVICE_DELETE_FILES_W"]),
    e(BIN, 0x3D11, "PR_AB_SEARCH_PATH_UPDATE", Any),
    e(W, 0x3D12, "PR_PROFILE_NAME", Any).also(&["PR_PROFILE_NAME_W"]),
    e(A, 0x3D12, "PR_PROFILE_NAME_A", Any),
    e(W, 0x3D13, "PR_SERVICE_INSTALL_ID", Any).also(&["PR_SERVICE_INSTALL_ID_W"]),
    e(A, 0x3D13, "PR_SERVICE_INSTALL_ID_A", Any),
    e(BIN, 0x3D15, "PR_EMSMDB_SECTION_UID", Any).means(Uid),
    e(BOOL, 0x3D18, "PR_EMSMDB_LEGACY", Any),
    e(BIN, 0x3D1A, "PR_EMSABP_USER_UID", Any).means(Uid),
    e(LONG, 0x3D1B, "PR_AB_SEARCH_PATH_CUSTOMIZATION", Any),
    e(BOOL, 0x3D1C, "PR_AB_CHOOSE_DIRECTORY_AUTOMATICALLY", Any),
    e(W, 0x3E00, "PR_IDENTITY_DISPLAY", Any),
    e(BIN, 0x3E01, "PR_IDENTITY_ENTRYID", Any),
    e(LONG, 0x3E03, "PR_RESOURCE_TYPE", Any).means(Enum(flags::RESOURCE_TYPE)),
    e(LONG, 0x3E04, "PR_STATUS_CODE", Any),
    e(BIN, 0x3E05, "PR_IDENTITY_SEARCH_KEY", Any),
    e(BIN, 0x3E06, "PR_OWN_STORE_ENTRYID", Any),
    e(W, 0x3E07, "PR_RESOURCE_PATH", Any),
    // Security (S/MIME) section.
    e(LONG, 0x0020, "PR_CERT_DEFAULTS", Any),
    e(LONG, 0x0354, "SecurityDefaults", Any),
    e(MV_BIN, 0x0355, "PR_SECURITY_PROFILES", Any),
    // Outlook client section (PRF "Microsoft Outlook Client") and junk mail.
    e(A, 0x0270, "FormDirectoryPage", Any),
    e(A, 0x0271, "WebServicesLocation", Any),
    e(BOOL, 0x0272, "ComposeWithWebServices", Any),
    e(BOOL, 0x0273, "PromptWhenUsingWebServices", Any),
    e(BOOL, 0x0274, "OpenWithWebServices", Any),
    e(W, 0x0418, "PR_SPAM_TRUSTED_SENDERS", Any).also(&["PR_SPAM_TRUSTED_SENDERS_W"]),
    e(W, 0x0419, "PR_SPAM_TRUSTED_RECIPIENTS", Any).also(&["PR_SPAM_TRUSTED_RECIPIENTS_W"]),
    e(W, 0x041A, "PR_SPAM_JUNK_SENDERS", Any).also(&["PR_SPAM_JUNK_SENDERS_W"]),
    e(LONG, 0x041B, "PR_SPAM_THRESHOLD", Any),
    e(LONG, 0x041F, "CachedExchangeMode", Any),
    e(BOOL, 0x0420, "CachedExchangeSlowDetect", Any),
    // Exchange (EMSMDB) profile properties.
    e(LONG, 0x6600, "PR_PROFILE_VERSION", Exchange),
    e(LONG, 0x6601, "ConfigFlags", Exchange)
        .means(Flags(flags::CONFIG_FLAGS))
        .also(&["PR_PROFILE_CONFIG_FLAGS", "ExchangeConfigFlags"]),
    e(A, 0x6602, "PR_PROFILE_HOME_SERVER", Exchange),
    e(W, 0x6602, "PR_PROFILE_HOME_SERVER_W", Exchange),
    e(A, 0x6603, "PR_PROFILE_USER", Exchange),
    e(W, 0x6603, "PR_PROFILE_USER_W", Exchange),
    e(LONG, 0x6604, "PR_PROFILE_CONNECT_FLAGS", Exchange).means(Flags(flags::CONNECT_FLAGS)),
    e(LONG, 0x6605, "PR_PROFILE_TRANSPORT_FLAGS", Exchange).means(Flags(flags::TRANSPORT_FLAGS)),
    e(LONG, 0x6606, "PR_PROFILE_UI_STATE", Exchange),
    e(A, 0x6607, "MailboxName", Exchange).also(&["PR_PROFILE_UNRESOLVED_NAME"]),
    e(W, 0x6607, "PR_PROFILE_UNRESOLVED_NAME_W", Exchange),
    e(A, 0x6608, "HomeServer", Exchange).also(&["PR_PROFILE_UNRESOLVED_SERVER"]),
    e(W, 0x6608, "PR_PROFILE_UNRESOLVED_SERVER_W", Exchange),
    e(LONG, 0x6609, "PR_PROFILE_OPEN_FLAGS", Exchange),
    e(A, 0x6609, "PR_PROFILE_BINDING_ORDER", Exchange),
    e(LONG, 0x660A, "PR_PROFILE_TYPE", Exchange).means(Enum(flags::PROFILE_TYPE)),
    e(A, 0x660B, "PR_PROFILE_MAILBOX", Exchange),
    e(W, 0x660B, "PR_PROFILE_MAILBOX_W", Exchange),
    e(A, 0x660C, "PR_PROFILE_SERVER", Exchange),
    e(W, 0x660C, "PR_PROFILE_SERVER_W", Exchange),
    e(LONG, 0x660D, "PR_PROFILE_MAX_RESTRICT", Exchange),
    e(A, 0x660E, "OfflineAddressBookPath", Exchange).also(&["PR_PROFILE_AB_FILES_PATH"]),
    e(W, 0x660E, "PR_PROFILE_AB_FILES_PATH_W", Exchange),
    e(A, 0x660F, "PR_PROFILE_FAVFLD_DISPLAY_NAME", Exchange),
    e(A, 0x6610, "OfflineFolderPath", Exchange).also(&["PR_PROFILE_OFFLINE_STORE_PATH_A"]),
    e(W, 0x6610, "OfflineFolderPathAndFilename", Exchange).also(&[
        "PR_PROFILE_OFFLINE_STORE_PATH_W",
        "PR_PROFILE_OFFLINE_STORE_PATH",
    ]),
    e(BIN, 0x6611, "PR_PROFILE_OFFLINE_INFO", Exchange),
    e(A, 0x6612, "PR_PROFILE_HOME_SERVER_DN", Exchange),
    e(MV_A, 0x6613, "PR_PROFILE_HOME_SERVER_ADDRS", Exchange),
    e(A, 0x6614, "PR_PROFILE_SERVER_DN", Exchange),
    e(A, 0x6615, "PR_PROFILE_FAVFLD_COMMENT", Exchange),
    e(A, 0x6616, "PR_PROFILE_ALLPUB_DISPLAY_NAME", Exchange),
    e(A, 0x6617, "PR_PROFILE_ALLPUB_COMMENT", Exchange),
    e(LONG, 0x6618, "PR_DISABLE_WINSOCK", Exchange),
    e(LONG, 0x6619, "PR_PROFILE_AUTH_PACKAGE", Exchange).means(Enum(flags::AUTH_PACKAGE)),
    e(LONG, 0x661A, "PR_PROFILE_RECONNECT_INTERVAL", Exchange),
    e(LONG, 0x661B, "PR_PROFILE_SERVER_VERSION", Exchange),
    e(W, 0x6620, "AccountName", Exchange),
    e(W, 0x6622, "RPCProxyServer", Exchange)
        .also(&["PR_ROH_PROXY_SERVER", "PR_PROFILE_RPC_PROXY_SERVER"]),
    e(LONG, 0x6623, "RPCoverHTTPflags", Exchange)
        .means(Flags(flags::ROH_FLAGS))
        .also(&["PR_ROH_FLAGS"]),
    e(W, 0x6625, "RPCProxyPrincipalName", Exchange).also(&["PR_ROH_PROXY_PRINCIPAL_NAME"]),
    e(LONG, 0x6627, "RPCProxyAuthScheme", Exchange)
        .means(Enum(flags::ROH_AUTH_SCHEME))
        .also(&["PR_ROH_PROXY_AUTH_SCHEME"]),
    e(LONG, 0x6629, "CachedExchangeConfigFlags", Exchange),
    e(W, 0x662A, "PR_PROFILE_HOME_SERVER_FQDN", Exchange),
    e(I2, 0x662C, "TCPExchangePort", Exchange),
    e(I2, 0x662D, "HTTPExchangePort", Exchange),
    e(I2, 0x662E, "TCPDirectoryPort", Exchange),
    e(I2, 0x662F, "HTTPDirectoryPort", Exchange),
    e(I2, 0x6630, "TCPReferralPort", Exchange),
    e(I2, 0x6631, "HTTPReferralPort", Exchange),
    e(
        LONG,
        0x6635,
        "PR_PROFILE_OAB_COUNT_ATTEMPTED_FULLDN",
        Exchange,
    ),
    e(LONG, 0x6639, "PR_PROFILE_ABP_ALLOW_RECONNECT", Exchange),
    e(
        LONG,
        0x663A,
        "PR_PROFILE_ABP_MTHREAD_TIMEOUT_SECS",
        Exchange,
    ),
    e(BIN, 0x663B, "PR_PROFILE_SERVER_FULL_VERSION", Exchange),
    e(W, 0x6641, "PR_PROFILE_USER_SMTP_EMAIL_ADDRESS", Exchange)
        .also(&["PR_PROFILE_USER_SMTP_EMAIL_ADDRESS_W"]),
    e(A, 0x6641, "PR_PROFILE_USER_SMTP_EMAIL_ADDRESS_A", Exchange),
    e(
        BOOL,
        0x665E,
        "PR_PROFILE_EXCHANGE_CONSUMER_ACCOUNT",
        Exchange,
    ),
    e(A, 0x667B, "PR_PROFILE_MOAB", Exchange),
    e(A, 0x667C, "PR_PROFILE_MOAB_GUID", Exchange),
    e(LONG, 0x667D, "PR_PROFILE_MOAB_SEQ", Exchange),
    e(BIN, 0x6687, "PR_PROFILE_ADDR_INFO", Exchange),
    e(BIN, 0x6689, "PR_PROFILE_OPTIONS_DATA", Exchange),
    e(W, 0x66A0, "PR_PROFILE_AUTH_USER", Exchange).also(&["PR_PROFILE_AUTH_USER_W"]),
    e(BIN, 0x66A1, "PR_PROFILE_AUTH_PASSWORD", Exchange),
    e(W, 0x65D0, "PR_PROFILE_ALTERNATE_STORE_TYPE", Exchange),
    e(BIN, 0x67F0, "PR_PROFILE_SECURE_MAILBOX", Exchange),
    e(A, 0x7CFF, "PR_PROFILE_MDB_DN", Exchange),
    e(BOOL, 0x7CFE, "PR_FORCE_USE_ENTRYID_SERVER", Exchange),
    e(BOOL, 0x3A03, "ConversionProhibited", Exchange),
    // Personal folders.
    e(W, 0x6700, "PathAndFilenameToPersonalFolders", Pst).also(&["PR_PST_PATH_W", "PR_PST_PATH"]),
    e(A, 0x6700, "PathToPersonalFolders", Pst).also(&["PR_PST_PATH_A"]),
    e(BOOL, 0x6701, "RememberPassword", Pst).also(&["PR_PST_REMEMBER_PW"]),
    e(LONG, 0x6702, "EncryptionType", Pst)
        .means(Enum(flags::PST_ENCRYPTION))
        .also(&["PR_PST_ENCRYPTION"]),
    e(A, 0x6703, "Password", Pst).also(&["PR_PST_PW_SZ_OLD"]),
    e(A, 0x6704, "PR_PST_PW_SZ_NEW", Pst),
    e(LONG, 0x6770, "PR_PST_CONFIG_FLAGS", Pst).means(Flags(flags::PST_CONFIG_FLAGS)),
    e(W, 0x6771, "PR_PST_PATH_HINT", Pst).also(&["PR_PST_PATH_HINT_W"]),
    // LDAP directory (EMABLT), 2010+ PRF names first.
    e(A, 0x6600, "ServerName", Ldap).also(&["LDAPServer"]),
    e(A, 0x6601, "ConnectionPort", Ldap).also(&["LDAPServerPort"]),
    e(A, 0x6602, "UserName", Ldap),
    e(A, 0x6603, "SearchBase", Ldap),
    e(A, 0x6604, "SearchFilter", Ldap),
    e(A, 0x6605, "MAPIAddressType", Ldap),
    e(A, 0x6606, "EMailAttribute", Ldap),
    e(A, 0x6607, "SearchTimeout", Ldap).also(&["LDAPTimeLimit"]),
    e(A, 0x6608, "MaxEntriesReturned", Ldap).also(&["LDAPSizeLimit"]),
    e(A, 0x6609, "LDAPTimeLimitLowBand", Ldap),
    e(A, 0x660A, "LDAPSizeLimitLowBand", Ldap),
    e(A, 0x660B, "LogFilePath", Ldap),
    e(A, 0x660C, "ErrorLogging", Ldap),
    e(A, 0x6611, "DisplayNameSource", Ldap),
    e(A, 0x6612, "DisplayFailDialog", Ldap),
    e(BOOL, 0x6613, "UseSSL", Ldap),
    e(BOOL, 0x6615, "UseSPA", Ldap),
    e(LONG, 0x6616, "DisableVLV", Ldap),
    e(BOOL, 0x6622, "EnableBrowsing", Ldap),
    e(LONG, 0x6623, "DefaultSearch", Ldap),
    e(A, 0x6624, "CheckNames", Ldap),
    e(BIN, 0x67F1, "LDAPPassword", Ldap),
    // Personal address book.
    e(A, 0x6600, "PathAndFilename", Pab).also(&["Path"]),
    e(LONG, 0x6601, "ShowNamesBy", Pab),
    // Microsoft Mail.
    e(A, 0x6600, "ServerPath", MsMail),
    e(A, 0x6601, "Mailbox", MsMail),
    e(LONG, 0x6603, "ConnectionType", MsMail),
    e(BOOL, 0x6604, "UseSessionLog", MsMail),
    e(A, 0x6605, "SessionLogPath", MsMail),
    e(BOOL, 0x6606, "RememberPassword", MsMail),
    e(BOOL, 0x6620, "EnableUpload", MsMail),
    e(BOOL, 0x6621, "EnableDownload", MsMail),
    e(LONG, 0x6622, "UploadMask", MsMail),
    e(BOOL, 0x6623, "NetBiosNotification", MsMail),
    e(A, 0x6624, "NewMailPollInterval", MsMail),
    e(BOOL, 0x6625, "DisplayGalOnly", MsMail),
    e(A, 0x67F0, "Password", MsMail),
    // Internet E-mail (Outlook 97–2000).
    e(A, 0x661F, "AccountName", InternetMail),
    // Dial-up networking.
    e(BOOL, 0x6717, "DialConnection", Dialup),
    e(A, 0x6710, "ConnectionName", Dialup),
    e(A, 0x67F0, "DomainName", Dialup),
    e(BIN, 0x67F1, "Password", Dialup),
    e(A, 0x67F2, "UserName", Dialup),
    // Outlook Address Book: one entry per Contacts folder, in step.
    e(MV_BIN, 0x6620, "PR_CONTAB_FOLDER_ENTRYIDS", Contab),
    e(MV_LONG, 0x6621, "PR_CONTAB_STORE_SUPPORT_MASKS", Contab),
    e(MV_W, 0x6622, "PR_CONTAB_STORE_NAMES", Contab).also(&["PR_CONTAB_STORE_NAMES_W"]),
    e(MV_A, 0x6622, "PR_CONTAB_STORE_NAMES_A", Contab),
    e(MV_W, 0x6623, "PR_CONTAB_FOLDER_NAMES", Contab).also(&["PR_CONTAB_FOLDER_NAMES_W"]),
    e(MV_A, 0x6623, "PR_CONTAB_FOLDER_NAMES_A", Contab),
    e(MV_W, 0x6624, "PR_CONTAB_DISPLAY_NAMES", Contab).also(&["PR_CONTAB_DISPLAY_NAMES_W"]),
    e(MV_A, 0x6624, "PR_CONTAB_DISPLAY_NAMES_A", Contab),
    e(MV_LONG, 0x6625, "PR_CONTAB_MULTI_ADDR_FLAGS", Contab),
    e(MV_BIN, 0x6626, "PR_CONTAB_STORE_ENTRYIDS", Contab),
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
        for scope in [
            Exchange,
            Pst,
            Ldap,
            Pab,
            MsMail,
            InternetMail,
            Dialup,
            Contab,
        ] {
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

    #[test]
    fn names_and_aliases_resolve() {
        let found: Vec<_> = by_name("pr_roh_proxy_server", Some(Exchange)).collect();
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].tag.value_name(), "001f6622");
    }
}
