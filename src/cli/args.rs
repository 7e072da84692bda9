//! Command-line arguments.

use std::ffi::OsStr;
use std::path::PathBuf;

use anyhow::{Result, anyhow};
use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use clap::error::ErrorKind;
use clap::{Parser, Subcommand, ValueEnum};

use mapiprof::{Format, input, model, prf, text};

/// Convert Outlook / MAPI profiles between Regedit exports (.reg), Outlook
/// profile files (.prf) and readable, lossless YAML.
#[derive(Debug, Parser)]
#[command(name = "mapiprof", version = env!("MAPIPROF_VERSION"), about, long_about = None)]
#[command(
    after_help = "Exit codes: 0 success, 1 differences (diff) or findings (check, \
    fmt --check), 2 usage, I/O or parse error.\n\
    Example: mapiprof show samples/reg/o16_exchange_outlook_anywhere.reg"
)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Options shared by the commands that read files.
#[derive(Debug, Clone, clap::Args)]
pub struct ReadOptions {
    /// ANSI code page of .reg files without a UTF-16 byte-order mark (as
    /// Regedit reads them), of PT_STRING8 bytes and of .prf files without a
    /// byte-order mark, read or written (1252, 1250, 932, windows-1251, …;
    /// utf-8 for a file saved as UTF-8). Without it a .reg file's 8-bit
    /// text is guessed as a whole (CJK, Cyrillic, Greek, Hebrew, Arabic,
    /// Thai; a note says so), else Windows-1252; a .prf is Windows-1252.
    #[arg(long, value_name = "CP")]
    pub codepage: Option<String>,
    /// Treat warnings (lines Regedit would skip, …) as errors.
    #[arg(long)]
    pub strict: bool,
    /// Which keys of an offline hive to read (set from [`HiveArgs`] by
    /// the commands that read hives).
    #[arg(skip)]
    pub hive: HiveArgs,
    /// Why warnings are errors when the user did not say `--strict` (a
    /// rendered file must read cleanly).
    #[arg(skip)]
    pub strict_because: Option<&'static str>,
}

/// How to read an offline hive: the commands that read files take these.
#[derive(Debug, Clone, clap::Args)]
pub struct HiveArgs {
    /// The key an offline hive (NTUSER.DAT) stands for in the paths
    /// written: HKEY_CURRENT_USER, or 'HKEY_USERS\S-1-5-21-…' for another
    /// user's loaded hive.
    #[arg(long, value_name = "KEY", default_value = "HKEY_CURRENT_USER")]
    pub hive_root: String,
    /// Read this subtree of an offline hive (e.g.
    /// 'Software\Microsoft\Office\16.0\Outlook') instead of the Outlook
    /// profiles, as `reg export` of that key would write it.
    #[arg(long = "key", value_name = "PATH")]
    pub key: Option<String>,
}

impl Default for HiveArgs {
    fn default() -> Self {
        HiveArgs {
            hive_root: "HKEY_CURRENT_USER".to_owned(),
            key: None,
        }
    }
}

impl ReadOptions {
    /// These options, reading hives as `hive` says.
    pub fn with_hive(self, hive: HiveArgs) -> Self {
        ReadOptions { hive, ..self }
    }

    /// The options the library reads with.
    pub fn input(&self) -> Result<input::ReadOptions> {
        Ok(input::ReadOptions {
            codepage: self.code_page()?,
            hive: mapiprof::hive::Select {
                root: self.hive.hive_root.clone(),
                key: self.hive.key.clone(),
            },
        })
    }

    /// The code page given with `--codepage`.
    pub fn code_page(&self) -> Result<Option<&'static encoding_rs::Encoding>> {
        match &self.codepage {
            Some(label) => Ok(Some(
                text::code_page(label).ok_or_else(|| anyhow!("unknown code page {label:?}"))?,
            )),
            None => Ok(None),
        }
    }
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print files as YAML on stdout (`-` reads stdin).
    #[command(
        after_help = "Example:\n  mapiprof show samples/reg/o16_exchange_outlook_anywhere.reg\n  \
        mapiprof show --sort export.reg > export.yaml"
    )]
    Show {
        /// Files to show (.reg, .prf, YAML, or an offline hive such as
        /// NTUSER.DAT) or glob patterns; `-` for stdin.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Sort profiles, keys and values into a canonical order.
        #[arg(long)]
        sort: bool,
        /// Replace everything personal with stable placeholders, to post
        /// an export: profile, account, user and server names, e-mail
        /// addresses, paths (inside binary values too), any text not known
        /// to be safe, and secrets.
        #[arg(long)]
        redact: bool,
        /// For git's textconv (what `git-setup` writes): a file mapiprof
        /// cannot read is printed as its text, under a comment saying why,
        /// instead of failing git's diff and log.
        #[arg(long)]
        textconv: bool,
        #[command(flatten)]
        read: ReadOptions,
        #[command(flatten)]
        hive: HiveArgs,
    },
    /// Convert a file between .reg, .prf and YAML (an offline hive's
    /// profiles into any of them).
    #[command(
        after_help = "Examples:\n  mapiprof convert export.reg -o export.yaml\n  \
        mapiprof convert export.yaml -o export.reg\n  \
        mapiprof convert export.yaml --to reg > export.reg\n  \
        mapiprof convert outlook.prf -o outlook.yaml\n  \
        mapiprof convert static-ports.prf --to reg --outlook 2010 --profile Outlook -o ports.reg\n  \
        mapiprof convert export.reg -o recreate.prf --profile Outlook\n  \
        mapiprof convert proxy.prf --to reg --base export.reg -o export-new.reg"
    )]
    Convert {
        /// Input file (.reg, .prf, YAML, or an offline hive such as
        /// NTUSER.DAT); `-` for stdin.
        #[arg(value_name = "IN")]
        input: PathBuf,
        /// Output file; stdout when absent or `-`.
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
        /// Output format; by default from the output's extension, else the
        /// other format of the input.
        #[arg(long, value_parser = FormatParser::Output)]
        to: Option<Format>,
        /// Input format; by default from the extension or the content.
        #[arg(long, value_parser = FormatParser::Input)]
        from: Option<Format>,
        /// Sort profiles, keys and values (YAML output).
        #[arg(long)]
        sort: bool,
        /// .prf → .reg: the Outlook version, which decides the profile root
        /// (2003–2010: Windows Messaging Subsystem; 2013: Office\15.0;
        /// 2016 and later: Office\16.0). .reg → .prf: the mapping blocks
        /// written (2003, 2007: those of Office 2002–2007; 2010 and later:
        /// those of Office 2010+; by default from the profile root).
        #[arg(long, value_enum, value_name = "VERSION")]
        outlook: Option<OutlookVersion>,
        /// .prf → .reg: the profile to write to (default: [General]
        /// ProfileName). .reg → .prf: the profile to recreate (default: the
        /// only one, else the export's default profile).
        #[arg(long, value_name = "NAME")]
        profile: Option<String>,
        /// .prf → .reg: an export of the profile (.reg or its YAML). The
        /// output is that whole export with the settings applied: services,
        /// Exchange account sections and internet accounts found in it.
        #[arg(long, value_name = "EXPORT")]
        base: Option<PathBuf>,
        /// .prf → .reg: leave out settings that cannot be placed (with a
        /// warning each) instead of failing. .reg → .prf: the export holds
        /// part of a profile, so write a .prf that adds to the profile
        /// (OverwriteProfile=Append) instead of replacing it.
        #[arg(long)]
        partial: bool,
        /// Replace everything personal with stable placeholders, to post
        /// an export: profile, account, user and server names, e-mail
        /// addresses, paths (inside binary values too), any text not known
        /// to be safe, and secrets.
        #[arg(long)]
        redact: bool,
        /// Write keys outside the profiles of an Outlook profile root into
        /// a .reg (refused by default, so that a document cannot reach other
        /// parts of the registry).
        #[arg(long)]
        allow_any_key: bool,
        /// Write values `check` calls errors (a proxy with https://, a port
        /// of 0) all the same.
        #[arg(long)]
        force: bool,
        #[command(flatten)]
        read: ReadOptions,
        #[command(flatten)]
        hive: HiveArgs,
    },
    /// Set, remove or repair values in many .reg, .prf and YAML files.
    #[command(
        after_help = "NAME is a property name (RPCProxyServer, TCPExchangePort), a raw value name \
        (001f6622), an account value (\"SMTP Port\") or a .prf key. VALUE is read by the \
        property's type: text for strings, numbers for ports, flag names or numbers for flags \
        ([use-http, ssl-only] or 0x23), true/false.\n\n\
        Every section holding the property changes (in an Outlook 2010+ profile the Exchange \
        Global Section and each Exchange account section); --profile and --section narrow it.\n\n\
        Exit codes: 0 every file done, 2 any file failed (the others are still done).\n\n\
        Examples:\n  mapiprof set exports/*.reg RPCProxyServer=mail.example.com:44300 --in-place\n  \
        mapiprof set exports --recursive --fix-proxy-port --dry-run\n  \
        mapiprof set outlook.prf HTTPExchangePort=6001 --in-place --backup\n  \
        mapiprof set export.reg TCPExchangePort=6001 --create -o fixed.reg"
    )]
    Set {
        /// Files, glob patterns or (with --recursive) folders, then
        /// NAME=VALUE assignments.
        #[arg(required = true, value_name = "FILE|NAME=VALUE")]
        items: Vec<String>,
        /// Remove the value (`"name"=-` in a .reg; commented out in a .prf).
        #[arg(long, value_name = "NAME")]
        unset: Vec<String>,
        /// Rewrite an RPC proxy typed the dialog way (host-44300) as
        /// host:44300; other values stay as they are.
        #[arg(long)]
        fix_proxy_port: bool,
        /// Only this profile.
        #[arg(long, value_name = "NAME")]
        profile: Option<String>,
        /// Only this section: its key name (UID), label (Exchange Global
        /// Section) or .prf section ([ServiceEGS]).
        #[arg(long, value_name = "SECTION")]
        section: Option<String>,
        /// Add a property no section holds yet where its mapping puts it.
        #[arg(long)]
        create: bool,
        /// Fail a file that does not hold the property (it is skipped
        /// otherwise: exit 0, `skipped (no NAME)`).
        #[arg(long, conflicts_with = "create")]
        require: bool,
        /// Write values `check` calls errors (a proxy with https://, a port
        /// of 0) all the same.
        #[arg(long)]
        force: bool,
        #[command(flatten)]
        batch: BatchOptions,
        #[command(flatten)]
        read: ReadOptions,
    },
    /// Fill a template once per row of variables: one file per row.
    #[command(
        after_help = "The template is a .reg, .prf or YAML file (optionally named ….j2) in \
        minijinja syntax: {{ proxy }}, {% if … %}. The variables are the rows of a CSV file (the \
        header names them; fields are separated by `,`, `;` or tab, whichever the header holds \
        most, or --delimiter) or the items of a YAML or JSON list of mappings; row_number counts \
        from 1, row_id is it with as many digits as the last row's. A CSV record with more or \
        fewer fields than the header fails alone. Undefined variables are errors naming the variable and the row. %UserName% and \
        {$x} placeholders of .prf files pass through. Every rendered file is read back before \
        it is written, so a row that breaks the file's syntax fails alone.\n\n\
        Put values into a YAML model and convert (--to reg) rather than into .reg text: the \
        value is then encoded as its property's type (UTF-16 hex for 001f6622).\n\n\
        Examples:\n  mapiprof render outlook.prf.j2 --vars users.csv --out-dir prf --name \"{{ user }}.prf\"\n  \
        mapiprof render profile.yaml.j2 --vars sites.yaml --out-dir reg --to reg"
    )]
    Render {
        /// The template.
        #[arg(value_name = "TEMPLATE")]
        template: PathBuf,
        /// The variables: CSV, YAML or JSON.
        #[arg(long, value_name = "FILE")]
        vars: PathBuf,
        /// Write the rendered files into this folder.
        #[arg(long, value_name = "DIR")]
        out_dir: PathBuf,
        /// The output file name, a template too (default:
        /// <template>-<row_id>.<ext>, e.g. outlook-07.prf of 50 rows).
        #[arg(long, value_name = "PATTERN")]
        name: Option<String>,
        /// Convert each rendered file to this format.
        #[arg(long, value_parser = FormatParser::Output)]
        to: Option<Format>,
        /// Write keys outside the profiles of an Outlook profile root into
        /// a .reg (refused by default, so that a document cannot reach other
        /// parts of the registry).
        #[arg(long)]
        allow_any_key: bool,
        /// Write values `check` calls errors (a proxy with https://, a port
        /// of 0) all the same.
        #[arg(long)]
        force: bool,
        /// The CSV delimiter: `,`, `;`, `tab` or another ASCII character
        /// (default: whichever of `,` `;` tab the header holds most).
        #[arg(long, value_name = "CHAR", value_parser = delimiter)]
        delimiter: Option<char>,
        /// No progress bar, no list of changes; only failures and errors.
        #[arg(short, long)]
        quiet: bool,
        #[command(flatten)]
        read: ReadOptions,
    },
    /// Merge a partial YAML document into many .reg, .prf and YAML files.
    #[command(
        after_help = "The patch has the schema of `show`'s output, with only what changes: \
        values to set, `{delete: true}` to remove a value, `\"-key\": {}` to delete a key and its \
        subkeys. `root` may be left out; profiles are matched by name in each file, and \
        `\"*\"` matches every profile. A .prf takes a patch of its own kind \
        (`source: {format: prf}`, settings by service or account id; `null` comments a setting out).\n\n\
        Example patch:\n  mapiprof: 1\n  profiles:\n    \"*\":\n      \
        13dbb0c8aa05101a9bb000aa002fc45a:\n        RPCProxyServer: mail.example.com:44300\n        \
        RPCProxyPrincipalName: {delete: true}\n\n\
        Example:\n  mapiprof apply proxy.yaml exports/*.reg --in-place"
    )]
    Apply {
        /// The patch (YAML).
        #[arg(value_name = "PATCH")]
        patch: PathBuf,
        /// Files (.reg, .prf or YAML), glob patterns or (with --recursive)
        /// folders.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Write values `check` calls errors (a proxy with https://, a port
        /// of 0) all the same.
        #[arg(long)]
        force: bool,
        #[command(flatten)]
        batch: BatchOptions,
        #[command(flatten)]
        read: ReadOptions,
    },
    /// Move exported profiles to the registry root of another Outlook
    /// version, and rename a profile.
    #[command(
        after_help = "Keys are re-rooted (2007/2010: Windows Messaging Subsystem; 2013: Office\\15.0; \
        2016: Office\\16.0; HKEY_CURRENT_USER or HKEY_USERS\\<SID> stays), DefaultProfile moves to where that version keeps it \
        (the Profiles key up to 2010, the Outlook key from 2013) and follows --rename; values, \
        including the UIDs that sections use to refer to each other, are left as they are.\n\n\
        Examples:\n  mapiprof retarget exports/*.reg --outlook 2016 --out-dir o16\n  \
        mapiprof retarget old.reg --outlook 2016 --rename Outlook -o new.reg"
    )]
    Retarget {
        /// Files (.reg or their YAML), glob patterns or (with --recursive)
        /// folders.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// The version to move to.
        #[arg(long, value_enum, value_name = "VERSION")]
        outlook: OutlookVersion,
        /// A new name for the profile.
        #[arg(long, value_name = "NEW")]
        rename: Option<String>,
        /// The profile to rename when a file holds several.
        #[arg(long, value_name = "NAME")]
        profile: Option<String>,
        #[command(flatten)]
        batch: BatchOptions,
        #[command(flatten)]
        read: ReadOptions,
    },
    /// Compare two files of any form on their meaning.
    #[command(
        after_help = "Registry documents (.reg or their YAML) are compared key by key and value by \
        value as Regedit would leave them: order, repeats and spelling of hex do not count. Two \
        .prf files are compared setting by setting; a .prf and a .reg by turning the export into \
        the .prf that recreates it.\n\n\
        --ignore-volatile leaves out every PT_SYSTIME value (timestamps) and values Outlook \
        rewrites by itself: LastChangeVer (account manager change counter), and in the Outlook \
        client section 0a0d020000000000c000000000000046 the entry-ID and recent-name lists \
        1102039b, 1102022a, 11020434 and 101f031e.\n\n\
        Exit codes: 0 equal, 1 different, 2 error.\n\n\
        Examples:\n  mapiprof diff before.reg after.reg\n  \
        mapiprof diff outlook.prf export.reg --format json"
    )]
    Diff {
        /// The first file.
        #[arg(value_name = "A")]
        a: PathBuf,
        /// The second file.
        #[arg(value_name = "B")]
        b: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: DiffFormat,
        /// Leave out values or settings of this name (shown or raw name).
        #[arg(long, value_name = "NAME", num_args = 1..)]
        ignore: Vec<String>,
        /// Leave out timestamps and values Outlook rewrites by itself.
        #[arg(long)]
        ignore_volatile: bool,
        #[command(flatten)]
        read: ReadOptions,
        #[command(flatten)]
        hive: HiveArgs,
    },
    /// Lint .reg, .prf and YAML files and the profiles in offline hives
    /// (with --recursive, .dat files that start with regf): rules with
    /// ids, severities and hints.
    Check {
        /// Files, glob patterns or (with --recursive) folders.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: CheckFormat,
        /// Turn a rule off (repeatable).
        #[arg(long, value_name = "ID")]
        disable: Vec<String>,
        /// The Outlook version the files are for (for prf-exchange-2016).
        #[arg(long, value_enum, value_name = "VERSION")]
        outlook: Option<OutlookVersion>,
        /// Search folders for .reg, .prf and YAML files.
        #[arg(short, long)]
        recursive: bool,
        #[command(flatten)]
        read: ReadOptions,
        #[command(flatten)]
        hive: HiveArgs,
    },
    /// List what a fleet of exports holds: one row per profile per file
    /// (.reg, .prf, YAML, offline hives), as CSV, JSON or Markdown.
    Inventory {
        /// Files, glob patterns or (with --recursive) folders.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Search folders for .reg, .prf, YAML and hive files.
        #[arg(short, long)]
        recursive: bool,
        /// Output format.
        #[arg(long, value_enum, default_value = "csv")]
        format: InventoryFormat,
        /// The columns to write, comma-separated (see below); all by default.
        #[arg(long, value_name = "NAMES", value_delimiter = ',')]
        columns: Vec<String>,
        /// A row per internet account instead of per profile.
        #[arg(long, value_enum, value_name = "WHAT")]
        explode: Option<Explode>,
        /// Write the table here instead of stdout.
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
        /// No progress bar.
        #[arg(short, long)]
        quiet: bool,
        #[command(flatten)]
        read: ReadOptions,
    },
    /// Migrate profiles: move PST/OST paths, rename hosts, profiles and
    /// accounts everywhere they are stored, store entry IDs included.
    #[command(
        after_help = "--map-path OLD=NEW moves every path that starts with OLD (compared \
        without regard to case, as Windows compares paths, \\ and / alike; OLD matches where a \
        path part ends, so C:\\Users\\jdoe never moves C:\\Users\\jdoe2; a separator at the end of \
        either side does not count): string values of either type and their lists \
        (the PST path 001f6700, the OST path 001f6610, the client section's paths, .prf settings), and \
        the path inside every PST store entry ID (Delivery Store EntryID, PR_ENTRYID, the store lists \
        1102039b and PR_CONTAB_STORE_ENTRYIDS), rebuilt with its lengths and the offsets of its \
        list. The longest OLD is tried first. A binary value that holds an old path in a structure \
        mapiprof does not know is left as it is and named.\n\n\
        --map-host OLD=NEW renames whole host names (never mail.example.com inside \
        mail.example.community) in the values that name a server: the Exchange home server, \
        proxy, principal (msstd:) and server addresses, the LDAP server, the accounts' POP3, IMAP, \
        SMTP and HTTP servers.\n\n\
        --rename-profile OLD=NEW moves the profile's keys and DefaultProfile follows (a .prf's \
        ProfileName); --rename-account OLD=NEW renames the account (Account Name, and AccountName of \
        the Exchange account section). Every option repeats.\n\n\
        Like set, rewrite writes only where it is told: --in-place [--backup], -o FILE, \
        --out-dir DIR, or --dry-run to see the diff; each file lists what changed and what \
        check finds in the result that it did not find before, and an option that matched \
        nothing in any file is named at the end.\n\n\
        Exit codes: 0 done, 2 errors (the other files are still done).\n\n\
        Examples:\n  mapiprof rewrite exports -r --map-path '\\\\oldfs\\home=\\\\fs01\\home' --dry-run\n  \
        mapiprof rewrite *.reg --map-host exch01.example.com=exch02.example.com --in-place\n  \
        mapiprof rewrite old.reg --rename-profile Outlook=Contoso -o new.reg"
    )]
    Rewrite {
        /// Files, glob patterns or (with --recursive) folders.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Move paths that start with OLD to NEW (repeatable).
        #[arg(long, value_name = "OLD=NEW")]
        map_path: Vec<String>,
        /// Rename the host OLD to NEW (repeatable).
        #[arg(long, value_name = "OLD=NEW")]
        map_host: Vec<String>,
        /// Rename the profile OLD to NEW (repeatable).
        #[arg(long, value_name = "OLD=NEW")]
        rename_profile: Vec<String>,
        /// Rename the account OLD to NEW (repeatable).
        #[arg(long, value_name = "OLD=NEW")]
        rename_account: Vec<String>,
        #[command(flatten)]
        batch: BatchOptions,
        #[command(flatten)]
        read: ReadOptions,
    },
    /// Tidy files line by line, keeping every comment and line (--check: list the untidy ones).
    #[command(
        after_help = "Nothing changes what the file does and no line is lost. A .reg gets \
        Regedit's header, one blank line before each key, each value as Regedit exports it \
        (hex wrapped where Regedit wraps it); comments stay above the key or value they were written \
        above, and a line Regedit skips or reads otherwise stays as written. Keys keep their \
        order unless --sort asks for Regedit's. A .prf keeps its order, comments and banners; \
        entries and headers lose the blanks around `=` and brackets, runs of blank lines become \
        one. Files keep their encoding unless --encoding asks for another; lines end in CRLF. \
        A YAML document is written as show writes it.\n\n\
        Like the editing commands, fmt writes only where it is told: --in-place [--backup], \
        -o FILE, --out-dir DIR, or --dry-run to see the diff.\n\n\
        Exit codes: 0 done (or nothing to tidy), 1 --check found files to tidy, 2 errors.\n\n\
        Examples:\n  mapiprof fmt exports --recursive --in-place\n  \
        mapiprof fmt --check profiles/*.reg\n  mapiprof fmt old.reg --sort --encoding utf16 -o new.reg"
    )]
    Fmt {
        /// Files, glob patterns or (with --recursive) folders.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Write nothing; list the files that are not tidy and exit 1.
        #[arg(long, conflicts_with_all = ["in_place", "out_dir", "output", "dry_run"])]
        check: bool,
        /// Order a .reg's keys as Regedit exports them, each with the comments
        /// written above it (kept as they are in a file that deletes keys).
        #[arg(long)]
        sort: bool,
        /// Write in this encoding instead of the file's own (line ends are
        /// CRLF either way).
        #[arg(long, value_enum, value_name = "ENCODING")]
        encoding: Option<EncodingArg>,
        #[command(flatten)]
        batch: BatchOptions,
        #[command(flatten)]
        read: ReadOptions,
    },
    /// Make git diff, log -p and show display .reg and .prf files as YAML.
    #[command(
        name = "git-setup",
        after_help = "Adds `*.reg diff=mapiprof` and `*.prf diff=mapiprof` to the repository's \
        .gitattributes (with --global: to the user's attributes file) and sets \
        diff.mapiprof.textconv to `mapiprof show --sort` with cachetextconv, xfuncname (hunk \
        headers name the section) and binary = false (--stat counts lines). Running it again \
        changes nothing.\n\nExamples:\n  cd exports && mapiprof git-setup\n  \
        mapiprof git-setup --global"
    )]
    GitSetup {
        /// Set up every repository of the user instead of the current one.
        #[arg(long)]
        global: bool,
    },
    /// Print the JSON Schema of the YAML documents (property names, types,
    /// flag names, ranges), for editors.
    #[command(
        after_help = "Example (beside the YAML files, where their modeline looks):\n  \
        mapiprof schema -o mapiprof.schema.json"
    )]
    Schema {
        /// Write the schema to this file instead of stdout.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Print a shell's completion script for mapiprof.
    #[command(after_help = "Examples:\n  \
        mapiprof completions bash > ~/.local/share/bash-completion/completions/mapiprof\n  \
        mapiprof completions zsh > ~/.zfunc/_mapiprof\n  \
        mapiprof completions fish > ~/.config/fish/completions/mapiprof.fish\n  \
        mapiprof completions powershell >> $PROFILE")]
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), or write one per command into a folder.
    #[command(after_help = "Examples:\n  mapiprof man | man -l -\n  \
        mapiprof man --out-dir ~/.local/share/man/man1")]
    Man {
        /// Write the manual pages into this folder (mapiprof.1,
        /// mapiprof-COMMAND.1), not to stdout.
        #[arg(long, value_name = "DIR")]
        out_dir: Option<PathBuf>,
    },
}

/// Where the files of a batch command go, and how it reports.
#[derive(Debug, Clone, clap::Args)]
pub struct BatchOptions {
    /// Edit the files themselves, atomically.
    #[arg(long, conflicts_with_all = ["out_dir", "output", "dry_run"])]
    pub in_place: bool,
    /// With --in-place: keep the original as FILE.bak (FILE.bak.1, .2 … when
    /// that exists; a backup never replaces a file).
    #[arg(long, requires = "in_place", conflicts_with_all = ["out_dir", "output", "dry_run"])]
    pub backup: bool,
    /// Write the edited files into this folder.
    #[arg(long, value_name = "DIR", conflicts_with_all = ["output", "dry_run"])]
    pub out_dir: Option<PathBuf>,
    /// Write the edited file here (one input file).
    #[arg(short, long, value_name = "OUT", conflicts_with = "dry_run")]
    pub output: Option<PathBuf>,
    /// Print a unified diff of what would change and write nothing (for
    /// an edit of a UTF-16 .reg, of its YAML view; fmt shows the text).
    #[arg(long)]
    pub dry_run: bool,
    /// Search folders for .reg, .prf and YAML files.
    #[arg(short, long)]
    pub recursive: bool,
    /// No progress bar, no list of changes; only failures and errors.
    #[arg(short, long)]
    pub quiet: bool,
}

/// An encoding `fmt` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EncodingArg {
    /// UTF-16 LE with a byte-order mark, as Regedit exports.
    Utf16,
    /// The ANSI code page (--codepage, Windows-1252 by default).
    Ansi,
    /// UTF-8 with a byte-order mark (.prf only).
    Utf8,
}

impl From<EncodingArg> for mapiprof::fmt::OutputEncoding {
    fn from(arg: EncodingArg) -> Self {
        match arg {
            EncodingArg::Utf16 => mapiprof::fmt::OutputEncoding::Utf16,
            EncodingArg::Ansi => mapiprof::fmt::OutputEncoding::Ansi,
            EncodingArg::Utf8 => mapiprof::fmt::OutputEncoding::Utf8,
        }
    }
}

/// How `diff` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// For people; coloured on a terminal unless NO_COLOR is set.
    Text,
    /// A YAML list of changes.
    Yaml,
    /// A JSON list of changes.
    Json,
}

/// How `inventory` writes its table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InventoryFormat {
    /// Comma-separated values with a header line.
    Csv,
    /// A JSON array of objects.
    Json,
    /// A Markdown table.
    Markdown,
}

impl From<InventoryFormat> for mapiprof::inventory::TableFormat {
    fn from(format: InventoryFormat) -> Self {
        match format {
            InventoryFormat::Csv => Self::Csv,
            InventoryFormat::Json => Self::Json,
            InventoryFormat::Markdown => Self::Markdown,
        }
    }
}

/// What `inventory --explode` gives a row of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Explode {
    /// Each internet account.
    Accounts,
}

/// How `check` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// One finding per line with its hint.
    Text,
    /// A YAML list of findings with their file.
    Yaml,
    /// A JSON list of findings with their file.
    Json,
}

/// A form's name, from the library's list of forms: those it writes
/// (`--to`) or those it reads (`--from`).
#[derive(Debug, Clone, Copy)]
pub enum FormatParser {
    /// A form mapiprof writes.
    Output,
    /// A form mapiprof reads.
    Input,
}

impl FormatParser {
    fn forms(self) -> Vec<Format> {
        match self {
            FormatParser::Output => Format::outputs().collect(),
            FormatParser::Input => Format::inputs().collect(),
        }
    }
}

impl TypedValueParser for FormatParser {
    type Value = Format;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &OsStr,
    ) -> Result<Format, clap::Error> {
        let names = self.forms().into_iter().map(Format::name);
        let name = PossibleValuesParser::new(names).parse_ref(cmd, arg, value)?;
        Format::from_name(&name).ok_or_else(|| clap::Error::new(ErrorKind::InvalidValue))
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(
            self.forms()
                .into_iter()
                .map(|f| PossibleValue::new(f.name()).help(f.description())),
        ))
    }
}

/// An Outlook version, for the profile root of a .reg written from a .prf.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutlookVersion {
    /// Outlook 2003.
    #[value(name = "2003")]
    V2003,
    /// Outlook 2007.
    #[value(name = "2007")]
    V2007,
    /// Outlook 2010.
    #[value(name = "2010")]
    V2010,
    /// Outlook 2013.
    #[value(name = "2013")]
    V2013,
    /// Outlook 2016 and later.
    #[value(name = "2016")]
    V2016,
}

impl OutlookVersion {
    /// The version as the library names it.
    pub fn outlook(self) -> model::Outlook {
        match self {
            OutlookVersion::V2003 => model::Outlook::V2003,
            OutlookVersion::V2007 => model::Outlook::V2007,
            OutlookVersion::V2010 => model::Outlook::V2010,
            OutlookVersion::V2013 => model::Outlook::V2013,
            OutlookVersion::V2016 => model::Outlook::V2016,
        }
    }

    /// The mapping generation a `.prf` for this version is written in.
    pub fn generation(self) -> prf::Generation {
        match self {
            OutlookVersion::V2003 | OutlookVersion::V2007 => prf::Generation::Office2002,
            _ => prf::Generation::Office2010,
        }
    }
}

/// A `--delimiter`: one ASCII character, or `tab`.
fn delimiter(text: &str) -> Result<char, String> {
    match text {
        "tab" | "\\t" => Ok('\t'),
        _ => {
            let mut chars = text.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) if c.is_ascii() && c != '"' && c != '\n' && c != '\r' => Ok(c),
                _ => Err("one ASCII character (not a quote or a line break), or `tab`".to_owned()),
            }
        }
    }
}
