//! What a fleet of exports holds: one [`Row`] per profile per file, with
//! the settings administrators look for (the Exchange mailbox, server and
//! proxy, the internet accounts, the data files, the directories) and the
//! count of `check` findings, in columns whose names never change
//! ([`COLUMNS`]).
//!
//! Both models are read into the same few facts first ([`Section`],
//! [`Account`]): a property id and its text, by the section's role, so that
//! a `.reg`, a `.prf`, a YAML document and a hive give the same row for the
//! same profile.

mod prf;
mod registry;
mod table;

use crate::check::{Finding, Severity, check_profiles};
use crate::input::{Document, Profiles};
use crate::mapi::dictionary::{self, Meaning, Scope};
use crate::mapi::flags::{self, Flag};
use crate::mapi::props::{
    CACHED_EXCHANGE_MODE, EXCHANGE_PORTS, LDAP_SERVER, OFFLINE_STORE_PATH, PR_PROFILE_HOME_SERVER,
    PR_PROFILE_HOME_SERVER_FQDN, PR_PROFILE_MAILBOX, PR_PROFILE_SERVER, PR_PROFILE_UNRESOLVED_NAME,
    PR_PROFILE_UNRESOLVED_SERVER, PR_PROFILE_USER_SMTP_EMAIL_ADDRESS, PR_ROH_FLAGS,
    PR_ROH_PROXY_AUTH_SCHEME, PR_ROH_PROXY_PRINCIPAL_NAME, PR_ROH_PROXY_SERVER, PST_PATH,
};
use crate::mapi::{PropTag, account};

pub use table::{Table, TableFormat};

/// One profile of one file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Row {
    /// The file, as the caller names it.
    pub file: String,
    /// Where the profile lives: `Office 16.0`, `Windows Messaging
    /// Subsystem`, or `prf` for a `.prf` (and its YAML).
    pub root: String,
    /// The profile name; a `.prf` without `ProfileName` has none.
    pub profile: String,
    /// It is the default profile (`DefaultProfile`).
    pub default: bool,
    /// Its Exchange accounts, the account sections Outlook 2010 and later
    /// read, else the Exchange Global Section.
    pub exchange: Vec<Exchange>,
    /// `CachedExchangeMode` of the Outlook client section.
    pub cached_mode: String,
    /// Its internet accounts (POP3, IMAP, HTTP, Exchange ActiveSync).
    pub accounts: Vec<Account>,
    /// Personal folders files, in section order, each once.
    pub pst_files: Vec<String>,
    /// Offline folders files, likewise.
    pub ost_files: Vec<String>,
    /// LDAP directory servers.
    pub ldap_servers: Vec<String>,
    /// `check` findings about this profile or the whole file.
    pub findings: Counts,
}

/// Findings by severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Of severity error.
    pub errors: usize,
    /// Of severity warning.
    pub warnings: usize,
    /// Of severity info.
    pub notes: usize,
}

/// One Exchange account.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Exchange {
    /// The mailbox (`MailboxName`).
    pub mailbox: String,
    /// Its SMTP address.
    pub address: String,
    /// The home server (`HomeServer`).
    pub server: String,
    /// The RPC-over-HTTP proxy (`RPCProxyServer`).
    pub proxy: String,
    /// The proxy's principal name (`msstd:…`).
    pub principal: String,
    /// The proxy's authentication scheme (`ntlm`, `basic` …).
    pub auth: String,
    /// `RPCoverHTTPflags` by name.
    pub http_flags: String,
    /// The static ports set: `TCPExchangePort=6001` …, space-separated.
    pub ports: String,
}

/// One internet account.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Account {
    /// `POP3`, `IMAP`, `HTTP`, `Exchange ActiveSync`.
    pub kind: String,
    /// The account's name.
    pub name: String,
    /// The incoming server.
    pub server: String,
    /// Its port.
    pub port: String,
    /// Whether the incoming connection uses SSL (`1`) or not (`0`).
    pub ssl: String,
    /// The user name.
    pub user: String,
    /// The e-mail address.
    pub email: String,
    /// The outgoing server.
    pub smtp_server: String,
    /// Its port.
    pub smtp_port: String,
}

/// What one section says, whatever the form it was read from.
#[derive(Debug, Clone, Default)]
pub(crate) struct Section {
    /// What it is.
    pub role: Role,
    /// Property id and value as text, in the section's order.
    pub values: Vec<(u16, String)>,
}

impl Section {
    fn get(&self, tag: PropTag) -> Option<&str> {
        self.values
            .iter()
            .find(|(id, _)| *id == tag.id)
            .map(|(_, v)| v.as_str())
    }

    fn text(&self, tag: PropTag) -> String {
        self.get(tag).unwrap_or_default().to_owned()
    }

    /// The first of `tags` the section sets to something.
    fn first(&self, tags: &[PropTag]) -> String {
        tags.iter()
            .find_map(|t| self.get(*t).filter(|v| !v.is_empty()))
            .unwrap_or_default()
            .to_owned()
    }
}

/// The role of a section in the inventory.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) enum Role {
    /// The Exchange account section of Outlook 2010 and later.
    ExchangeAccount,
    /// The Exchange Global Section.
    ExchangeGlobal,
    /// Another section of the Exchange service.
    Exchange,
    /// A personal folders section.
    Pst,
    /// An LDAP directory section.
    Ldap,
    /// The Outlook client section.
    Client,
    /// Anything else.
    #[default]
    Other,
}

impl Role {
    /// The role of a section of `scope`.
    fn of_scope(scope: Option<Scope>) -> Role {
        match scope {
            Some(Scope::Exchange) => Role::Exchange,
            Some(Scope::Pst) => Role::Pst,
            Some(Scope::Ldap) => Role::Ldap,
            _ => Role::Other,
        }
    }
}

/// The rows of the profiles `doc` holds (read from the file shown as
/// `file`), with `check`'s findings counted; an error only where `check`
/// has one (a YAML `.prf` that no `.prf` can hold).
pub fn of_document(file: &str, doc: Document) -> Result<Vec<Row>, crate::prf::WriteError> {
    let (findings, profiles) = check_profiles(doc, false)?;
    Ok(rows(file, &profiles, &findings))
}

/// The rows of a document's profiles; `findings` are `check`'s over it.
pub fn rows(file: &str, profiles: &Profiles, findings: &[Finding]) -> Vec<Row> {
    let mut rows = match profiles {
        Profiles::Registry(model) => registry::rows(model, findings),
        Profiles::Prf(model) => vec![prf::row(model, findings)],
    };
    for row in &mut rows {
        row.file = file.to_owned();
    }
    rows
}

/// A row of a profile that holds `sections` and `accounts`.
fn row_of(sections: &[Section], accounts: Vec<Account>) -> Row {
    let pick = |role: Role| -> Vec<&Section> {
        sections
            .iter()
            .filter(|s| s.role == role && holds_exchange(s))
            .collect()
    };
    let mut chosen = pick(Role::ExchangeAccount);
    if chosen.is_empty() {
        chosen = pick(Role::ExchangeGlobal);
    }
    if chosen.is_empty() {
        chosen = pick(Role::Exchange);
    }
    let exchange = chosen.into_iter().map(exchange_of).collect();
    let every = |tag: PropTag, roles: &[Role]| -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for section in sections.iter().filter(|s| roles.contains(&s.role)) {
            if let Some(v) = section.get(tag).filter(|v| !v.is_empty())
                && !out.iter().any(|o| o.eq_ignore_ascii_case(v))
            {
                out.push(v.to_owned());
            }
        }
        out
    };
    let exchange_roles = [Role::ExchangeAccount, Role::ExchangeGlobal, Role::Exchange];
    Row {
        exchange,
        cached_mode: every(CACHED_EXCHANGE_MODE, &[Role::Client])
            .into_iter()
            .next()
            .unwrap_or_default(),
        accounts,
        pst_files: every(PST_PATH, &[Role::Pst]),
        ost_files: every(OFFLINE_STORE_PATH, &exchange_roles),
        ldap_servers: every(LDAP_SERVER, &[Role::Ldap]),
        ..Row::default()
    }
}

/// Whether a section sets any of what the Exchange columns show.
fn holds_exchange(section: &Section) -> bool {
    exchange_of(section) != Exchange::default()
}

fn exchange_of(section: &Section) -> Exchange {
    let ports: Vec<String> = EXCHANGE_PORTS
        .into_iter()
        .filter_map(|tag| {
            let value = section.get(tag)?;
            let name = dictionary::lookup(tag, Some(Scope::Exchange)).map_or("port", |e| e.name);
            Some(format!("{name}={value}"))
        })
        .collect();
    Exchange {
        // what the user typed, else the mailbox's distinguished name
        mailbox: section.first(&[PR_PROFILE_UNRESOLVED_NAME, PR_PROFILE_MAILBOX]),
        address: section.text(PR_PROFILE_USER_SMTP_EMAIL_ADDRESS),
        // what the user typed, else what Outlook resolved it to
        server: section.first(&[
            PR_PROFILE_UNRESOLVED_SERVER,
            PR_PROFILE_HOME_SERVER_FQDN,
            PR_PROFILE_SERVER,
            PR_PROFILE_HOME_SERVER,
        ]),
        proxy: section.text(PR_ROH_PROXY_SERVER),
        principal: section.text(PR_ROH_PROXY_PRINCIPAL_NAME),
        auth: section.text(PR_ROH_PROXY_AUTH_SCHEME),
        http_flags: section.text(PR_ROH_FLAGS),
        ports: ports.join(" "),
    }
}

/// An account of `kind` from its settings by account property id.
fn account_of(kind: &str, values: &[(u16, String)]) -> Account {
    let get = |id: u16| {
        values
            .iter()
            .find(|(i, _)| *i == id)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let id = |name: &str| account::prf_id(name).unwrap_or_default();
    Account {
        kind: kind.to_owned(),
        name: get(id("Account Name")),
        server: get(id("POP3 Server")),
        port: get(id("POP3 Port")),
        ssl: get(id("POP3 Use SSL")),
        user: get(id("POP3 User")),
        email: get(id("Email")),
        smtp_server: get(id("SMTP Server")),
        smtp_port: get(id("SMTP Port")),
    }
}

/// A number as the inventory shows it: flag or enumeration names where the
/// dictionary has them for `tag` in `scope` (`use-http ssl-only`, `ntlm`).
fn number_text(n: u32, tag: PropTag, scope: Option<Scope>) -> String {
    match dictionary::lookup(tag, scope).map(|e| e.meaning) {
        Some(Meaning::Flags(names)) => flags::decode_flags(n, names)
            .into_iter()
            .map(|f| match f {
                Flag::Named(name) => name.to_owned(),
                Flag::Bits(bits) => format!("{bits:#x}"),
            })
            .collect::<Vec<_>>()
            .join(" "),
        Some(Meaning::Enum(names)) => {
            flags::enum_name(n, names).map_or_else(|| n.to_string(), str::to_owned)
        }
        _ => n.to_string(),
    }
}

/// The counts of `findings` by severity.
fn counts<'f>(findings: impl Iterator<Item = &'f Finding>) -> Counts {
    let mut out = Counts::default();
    for finding in findings {
        let slot = match finding.severity {
            Severity::Error => &mut out.errors,
            Severity::Warning => &mut out.warnings,
            Severity::Info => &mut out.notes,
        };
        *slot = slot.saturating_add(1);
    }
    out
}

/// One column: its stable name, what it holds, and its cell in a row.
pub struct Column {
    /// The name, as `--columns` takes it and the header shows it.
    pub name: &'static str,
    /// What it holds.
    pub help: &'static str,
    /// Its cell.
    pub cell: fn(&Row) -> Cell,
}

/// A cell of the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    /// Text, empty when not set.
    Text(String),
    /// A list (several accounts or files), one item per account or file.
    List(Vec<String>),
    /// A yes/no.
    Flag(bool),
    /// A count.
    Count(usize),
}

fn exchange(row: &Row, field: fn(&Exchange) -> &String) -> Cell {
    Cell::List(row.exchange.iter().map(|e| field(e).clone()).collect())
}

fn accounts(row: &Row, field: fn(&Account) -> &String) -> Cell {
    Cell::List(row.accounts.iter().map(|a| field(a).clone()).collect())
}

/// Every column, in the default order.
pub static COLUMNS: &[Column] = &[
    Column {
        name: "file",
        help: "the file",
        cell: |r| Cell::Text(r.file.clone()),
    },
    Column {
        name: "root",
        help: "Office 16.0, Office 15.0, Windows Messaging Subsystem, or prf",
        cell: |r| Cell::Text(r.root.clone()),
    },
    Column {
        name: "profile",
        help: "the profile name",
        cell: |r| Cell::Text(r.profile.clone()),
    },
    Column {
        name: "default",
        help: "whether it is the default profile",
        cell: |r| Cell::Flag(r.default),
    },
    Column {
        name: "exchange_mailbox",
        help: "each Exchange account's mailbox (MailboxName)",
        cell: |r| exchange(r, |e| &e.mailbox),
    },
    Column {
        name: "exchange_address",
        help: "its SMTP address",
        cell: |r| exchange(r, |e| &e.address),
    },
    Column {
        name: "exchange_server",
        help: "its home server (HomeServer)",
        cell: |r| exchange(r, |e| &e.server),
    },
    Column {
        name: "exchange_proxy",
        help: "its RPC-over-HTTP proxy (RPCProxyServer)",
        cell: |r| exchange(r, |e| &e.proxy),
    },
    Column {
        name: "exchange_principal",
        help: "the proxy's principal name (RPCProxyPrincipalName)",
        cell: |r| exchange(r, |e| &e.principal),
    },
    Column {
        name: "exchange_auth",
        help: "the proxy's authentication scheme (RPCProxyAuthScheme)",
        cell: |r| exchange(r, |e| &e.auth),
    },
    Column {
        name: "exchange_http_flags",
        help: "RPCoverHTTPflags by name, space-separated",
        cell: |r| exchange(r, |e| &e.http_flags),
    },
    Column {
        name: "exchange_ports",
        help: "the static ports set (TCPExchangePort=6001 …), space-separated",
        cell: |r| exchange(r, |e| &e.ports),
    },
    Column {
        name: "cached_mode",
        help: "CachedExchangeMode of the Outlook client section",
        cell: |r| Cell::Text(r.cached_mode.clone()),
    },
    Column {
        name: "account_kinds",
        help: "each internet account's kind: POP3, IMAP, HTTP, Exchange ActiveSync",
        cell: |r| accounts(r, |a| &a.kind),
    },
    Column {
        name: "account_names",
        help: "its name",
        cell: |r| accounts(r, |a| &a.name),
    },
    Column {
        name: "account_servers",
        help: "its incoming server",
        cell: |r| accounts(r, |a| &a.server),
    },
    Column {
        name: "account_ports",
        help: "the incoming server's port",
        cell: |r| accounts(r, |a| &a.port),
    },
    Column {
        name: "account_ssl",
        help: "whether the incoming connection uses SSL (1) or not (0)",
        cell: |r| accounts(r, |a| &a.ssl),
    },
    Column {
        name: "account_users",
        help: "its user name",
        cell: |r| accounts(r, |a| &a.user),
    },
    Column {
        name: "account_emails",
        help: "its e-mail address",
        cell: |r| accounts(r, |a| &a.email),
    },
    Column {
        name: "smtp_servers",
        help: "its outgoing server",
        cell: |r| accounts(r, |a| &a.smtp_server),
    },
    Column {
        name: "smtp_ports",
        help: "the outgoing server's port",
        cell: |r| accounts(r, |a| &a.smtp_port),
    },
    Column {
        name: "pst_files",
        help: "personal folders (PST) paths",
        cell: |r| Cell::List(r.pst_files.clone()),
    },
    Column {
        name: "ost_files",
        help: "offline folders (OST) paths",
        cell: |r| Cell::List(r.ost_files.clone()),
    },
    Column {
        name: "ldap_servers",
        help: "LDAP directory servers",
        cell: |r| Cell::List(r.ldap_servers.clone()),
    },
    Column {
        name: "errors",
        help: "check findings of severity error about this profile or the whole file",
        cell: |r| Cell::Count(r.findings.errors),
    },
    Column {
        name: "warnings",
        help: "likewise, of severity warning",
        cell: |r| Cell::Count(r.findings.warnings),
    },
    Column {
        name: "notes",
        help: "likewise, of severity info",
        cell: |r| Cell::Count(r.findings.notes),
    },
];

/// The column called `name`.
pub fn column(name: &str) -> Option<&'static Column> {
    COLUMNS
        .iter()
        .find(|c| c.name.eq_ignore_ascii_case(name.trim()))
}

impl Row {
    /// One row per internet account (the profile's other columns repeated);
    /// a profile without one keeps its row.
    pub fn explode(self) -> Vec<Row> {
        if self.accounts.len() < 2 {
            return vec![self];
        }
        let mut base = self;
        let accounts = std::mem::take(&mut base.accounts);
        accounts
            .into_iter()
            .map(|account| Row {
                accounts: vec![account],
                ..base.clone()
            })
            .collect()
    }
}
