//! The command line: arguments, reading and writing files, warnings on
//! stderr, exit codes. Everything below this module is pure.

mod args;
mod batch;
mod check;
mod diff;
mod fmt;
mod gitsetup;
mod io;
mod render;

use std::path::{Path, PathBuf};

use anyhow::{Result, anyhow, bail};
use clap::{CommandFactory, FromArgMatches};

use mapiprof::diag::Warning;
use mapiprof::model::{self, Model};
use mapiprof::prf::{self, PrfModel};
use mapiprof::{edit, input};
use mapiprof::{text, yaml};

use args::{Cli, Command, Form, OutlookVersion, ReadOptions};

/// Run the command line: the exit code (0, or 1 for "different" and
/// "findings"); an error is printed by `main` and exits 2.
pub fn run() -> Result<u8> {
    let help = format!(
        "Rules (id, severity, what it finds):\n{}\n\
         Exit codes: 0 no finding at warning level or above, 1 findings, 2 errors.\n\n\
         Examples:\n  mapiprof check exports --recursive\n  \
         mapiprof check outlook.prf --outlook 2016 --format json --disable prf-environment",
        mapiprof::check::rules_help()
    );
    let matches = Cli::command()
        .mut_subcommand("check", |c| c.after_help(help))
        .get_matches();
    let cli = Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    if let Command::Check {
        files,
        format,
        disable,
        outlook,
        recursive,
        read,
    } = &cli.command
    {
        let options = check::Options {
            format: *format,
            disable: disable.clone(),
            outlook_2016: matches!(outlook, Some(OutlookVersion::V2016)),
            recursive: *recursive,
        };
        return check::run(files, &options, read);
    }
    if let Command::Fmt {
        files,
        check,
        recursive,
        read,
    } = &cli.command
    {
        return fmt::run(files, *check, *recursive, read);
    }
    if let Command::Diff {
        a,
        b,
        format,
        ignore,
        ignore_volatile,
        read,
    } = &cli.command
    {
        let options = mapiprof::diff::DiffOptions {
            ignore: ignore.clone(),
            ignore_volatile: *ignore_volatile,
        };
        return diff::run(a, b, *format, &options, read);
    }
    run_command(cli.command).map(|()| 0)
}

fn run_command(command: Command) -> Result<()> {
    match command {
        Command::Show {
            files,
            sort,
            redact,
            read,
        } => show(&files, sort, redact, &read),
        Command::Convert {
            input,
            output,
            to,
            from,
            sort,
            outlook,
            profile,
            base,
            partial,
            redact,
            allow_any_key,
            read,
        } => {
            let options = Options {
                redact,
                allow_any_key,
                placing: model::PrfToReg {
                    outlook: outlook.map(outlook_of),
                    profile: profile.clone(),
                    partial,
                },
                base,
                recreating: model::RegToPrf {
                    profile,
                    generation: outlook.map(generation_of),
                    codepage: None,
                },
            };
            convert(&input, output.as_deref(), to, from, sort, &options, &read)
        }
        Command::Set {
            items,
            unset,
            fix_proxy_port,
            profile,
            section,
            create,
            batch,
            read,
        } => {
            let (assignments, files): (Vec<String>, Vec<String>) =
                items.into_iter().partition(|i| looks_like_assignment(i));
            let mut edits = edit::Edits {
                assignments: assignments
                    .iter()
                    .map(|a| edit::Assignment::parse(a))
                    .collect::<Result<_, _>>()?,
                profile,
                section,
                create,
                fix_proxy_port,
            };
            edits.assignments.extend(
                unset
                    .into_iter()
                    .map(|name| edit::Assignment::Unset { name }),
            );
            if edits.assignments.is_empty() && !fix_proxy_port {
                bail!("nothing to do: give NAME=VALUE, --unset NAME or --fix-proxy-port");
            }
            if files.is_empty() {
                bail!("no files given");
            }
            let files: Vec<PathBuf> = files.into_iter().map(PathBuf::from).collect();
            run_batch(&files, &batch::Operation::Set(edits), &batch, &read)
        }
        Command::Render {
            template,
            vars,
            out_dir,
            name,
            to,
            allow_any_key,
            quiet,
            read,
        } => {
            let request = render::Request {
                template: &template,
                vars: &vars,
                out_dir: &out_dir,
                name: name.as_deref(),
                to,
                quiet,
            };
            let options = Options {
                placing: model::PrfToReg::default(),
                recreating: model::RegToPrf::default(),
                base: None,
                redact: false,
                allow_any_key,
            };
            render::run(&request, &options, &read)
        }
        Command::Apply {
            patch,
            files,
            batch,
            read,
        } => {
            let name = io::display_name(&patch);
            let text = String::from_utf8(io::read_input(&patch)?)
                .map_err(|_| anyhow!("{name}: a patch is UTF-8 YAML"))?;
            let patch = yaml::read_any_patch(&text).map_err(|e| anyhow!("{name}: {e}"))?;
            run_batch(
                &files,
                &batch::Operation::Apply(Box::new(patch)),
                &batch,
                &read,
            )
        }
        Command::Retarget {
            files,
            outlook,
            rename,
            profile,
            batch,
            read,
        } => {
            let op = batch::Operation::Retarget(edit::Retarget {
                outlook: outlook_of(outlook),
                rename,
                profile,
            });
            run_batch(&files, &op, &batch, &read)
        }
        Command::Diff { .. } | Command::Check { .. } | Command::Fmt { .. } => Ok(()),
        Command::GitSetup { global } => gitsetup::run(global),
        Command::Schema => {
            let text = serde_json::to_string_pretty(&yaml::schema())? + "\n";
            io::write_output(None, Path::new("-"), text.as_bytes())
        }
    }
}

/// How to convert between a `.prf` and a `.reg`.
struct Options {
    /// `.prf` → `.reg`.
    placing: model::PrfToReg,
    /// `.reg` → `.prf`.
    recreating: model::RegToPrf,
    /// `.prf` → `.reg` onto this export.
    base: Option<PathBuf>,
    /// Replace personal data with placeholders.
    redact: bool,
    /// YAML → `.reg`: keys outside the profile tree are allowed.
    allow_any_key: bool,
}

/// A file read into one of the two kinds of document.
enum Loaded {
    Reg(Model),
    Prf(PrfModel),
}

fn show(files: &[PathBuf], sort: bool, redact: bool, read: &ReadOptions) -> Result<()> {
    let mut out = String::new();
    let mut redactor = mapiprof::redact::Redactor::new();
    for (i, file) in files.iter().enumerate() {
        let mut loaded = load(file, None, read)?;
        if redact {
            loaded = redacted(&mut redactor, &loaded);
        }
        if files.len() > 1 {
            if i > 0 {
                out.push_str("---\n");
            }
            out.push_str(&format!("# {}\n", io::display_name(file)));
        }
        let text = yaml_of(&loaded, sort)?;
        drop(loaded);
        // one file (what git's textconv asks for) is printed as written
        if out.is_empty() {
            out = text;
        } else {
            out.push_str(&text);
        }
    }
    io::write_output(None, Path::new("-"), out.as_bytes())
}

fn redacted(redactor: &mut mapiprof::redact::Redactor, loaded: &Loaded) -> Loaded {
    match loaded {
        Loaded::Reg(model) => Loaded::Reg(redactor.model(model)),
        Loaded::Prf(model) => Loaded::Prf(redactor.prf(model)),
    }
}

fn yaml_of(loaded: &Loaded, sort: bool) -> Result<String> {
    Ok(match loaded {
        Loaded::Reg(model) => yaml::write(model, &yaml::WriteOptions { sort })?,
        Loaded::Prf(model) => yaml::write_prf(model),
    })
}

fn convert(
    input: &Path,
    output: Option<&Path>,
    to: Option<Form>,
    from: Option<Form>,
    sort: bool,
    options: &Options,
    read: &ReadOptions,
) -> Result<()> {
    let bytes = io::read_input(input)?;
    let from = from.unwrap_or_else(|| detect(input, &bytes));
    let to = to.or_else(|| output.and_then(form_of_extension));
    let out = converted(input, bytes, from, to, sort, options, read)?;
    io::write_output(output, input, &out)
}

/// The bytes of `bytes` (read as `from`) converted to `to`; by default the
/// other form (YAML for a `.reg` or `.prf`, the source form for YAML).
fn converted(
    input: &Path,
    bytes: Vec<u8>,
    from: Form,
    to: Option<Form>,
    sort: bool,
    options: &Options,
    read: &ReadOptions,
) -> Result<Vec<u8>> {
    let mut loaded = load_bytes(input, bytes, from, read)?;
    if options.redact {
        loaded = redacted(&mut mapiprof::redact::Redactor::new(), &loaded);
    }
    let to = to.unwrap_or(match (from, &loaded) {
        (Form::Reg | Form::Prf, _) => Form::Yaml,
        (Form::Yaml, Loaded::Reg(_)) => Form::Reg,
        (Form::Yaml, Loaded::Prf(_)) => Form::Prf,
    });
    Ok(match (to, &loaded) {
        (Form::Yaml, loaded) => yaml_of(loaded, sort)?.into_bytes(),
        (Form::Reg, Loaded::Reg(model)) => {
            if from == Form::Yaml && !options.allow_any_key {
                let outside = model::outside_profiles(model);
                if !outside.is_empty() {
                    bail!(
                        "{}: this .reg would touch the registry outside the Outlook profiles:\n  {}\n\
                         (only the profiles under an Outlook profile root and DefaultProfile are written \
                         unless --allow-any-key is given)",
                        io::display_name(input),
                        outside.join("\n  ")
                    );
                }
            }
            model.to_reg_bytes()?
        }
        (Form::Prf, Loaded::Prf(model)) => prf::to_bytes(model)?,
        (Form::Prf, Loaded::Reg(reg_model)) => {
            let name = io::display_name(input);
            let recreating = model::RegToPrf {
                codepage: code_page(read)?,
                ..options.recreating.clone()
            };
            let (prf_model, warnings) =
                model::reg_to_prf(reg_model, &recreating).map_err(|e| anyhow!("{name}: {e}"))?;
            report(&name, &warnings, read.strict)?;
            prf::to_bytes(&prf_model)?
        }
        (Form::Reg, Loaded::Prf(prf_model)) => {
            let name = io::display_name(input);
            let placed = match &options.base {
                Some(base) => {
                    let Loaded::Reg(export) = load(base, None, read)? else {
                        bail!(
                            "{}: --base needs a .reg export (or its YAML), not a .prf",
                            io::display_name(base)
                        );
                    };
                    model::prf_onto_export(prf_model, &export, &options.placing)
                }
                None => model::prf_to_reg(prf_model, &options.placing),
            };
            let (patch, warnings) = placed.map_err(|e| anyhow!("{name}: {e}"))?;
            report(&name, &warnings, read.strict)?;
            patch.to_reg_bytes()?
        }
    })
}

fn load(file: &Path, from: Option<Form>, read: &ReadOptions) -> Result<Loaded> {
    let bytes = io::read_input(file)?;
    let from = from.unwrap_or_else(|| detect(file, &bytes));
    load_bytes(file, bytes, from, read)
}

/// Read `bytes` as `from`; they are freed once decoded.
fn load_bytes(file: &Path, bytes: Vec<u8>, from: Form, read: &ReadOptions) -> Result<Loaded> {
    let name = io::display_name(file);
    let codepage = code_page(read)?;
    match from {
        Form::Reg => {
            let parsed =
                input::read_reg_owned(bytes, codepage).map_err(|e| anyhow!("{name}: {e}"))?;
            report(&name, &parsed.warnings, read.strict)?;
            let (model, grouping) = parsed.into_model();
            report(&name, &grouping, read.strict)?;
            Ok(Loaded::Reg(model))
        }
        Form::Prf => {
            let parsed = input::read_prf(&bytes, codepage).map_err(|e| anyhow!("{name}: {e}"))?;
            let (model, meaning) = parsed.model();
            report(&name, &parsed.parsed.warnings, read.strict)?;
            report(&name, &meaning, read.strict)?;
            Ok(Loaded::Prf(model))
        }
        Form::Yaml => {
            match input::read_yaml_document(&bytes).map_err(|e| anyhow!("{name}: {e}"))? {
                yaml::Document::Reg(model) => Ok(Loaded::Reg(model)),
                yaml::Document::Prf(model) => Ok(Loaded::Prf(model)),
            }
        }
    }
}

pub(crate) fn code_page(read: &ReadOptions) -> Result<Option<&'static encoding_rs::Encoding>> {
    match &read.codepage {
        Some(label) => Ok(Some(
            text::code_page(label).ok_or_else(|| anyhow!("unknown code page {label:?}"))?,
        )),
        None => Ok(None),
    }
}

/// The mapping generation a `.prf` for `version` is written in.
fn generation_of(version: OutlookVersion) -> prf::Generation {
    match version {
        OutlookVersion::V2003 | OutlookVersion::V2007 => prf::Generation::Office2002,
        _ => prf::Generation::Office2010,
    }
}

fn outlook_of(version: OutlookVersion) -> model::Outlook {
    match version {
        OutlookVersion::V2003 => model::Outlook::V2003,
        OutlookVersion::V2007 => model::Outlook::V2007,
        OutlookVersion::V2010 => model::Outlook::V2010,
        OutlookVersion::V2013 => model::Outlook::V2013,
        OutlookVersion::V2016 => model::Outlook::V2016,
    }
}

fn report(name: &str, warnings: &[Warning], strict: bool) -> Result<()> {
    for warning in warnings {
        #[allow(clippy::print_stderr)]
        {
            eprintln!("warning: {name}: {warning}");
        }
    }
    if strict && !warnings.is_empty() {
        bail!("{name}: {} warning(s) and --strict is set", warnings.len());
    }
    Ok(())
}

pub(crate) fn form_of_extension(path: &Path) -> Option<Form> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "reg" => Some(Form::Reg),
        "prf" => Some(Form::Prf),
        "yaml" | "yml" => Some(Form::Yaml),
        _ => None,
    }
}

fn run_batch(
    files: &[PathBuf],
    op: &batch::Operation,
    options: &args::BatchOptions,
    read: &ReadOptions,
) -> Result<()> {
    let output = match options {
        o if o.in_place => batch::Output::InPlace(o.backup),
        args::BatchOptions {
            out_dir: Some(dir), ..
        } => batch::Output::Dir(dir.clone()),
        args::BatchOptions {
            output: Some(file), ..
        } => batch::Output::File(file.clone()),
        o if o.dry_run => batch::Output::DryRun,
        _ => {
            bail!("say where the edited files go: --in-place, --out-dir DIR, -o FILE or --dry-run")
        }
    };
    batch::run(files, options.recursive, op, &output, options.quiet, read)
}

/// Whether a `set` argument is an assignment rather than a file: it has a
/// `=` and no file of that name exists.
fn looks_like_assignment(item: &str) -> bool {
    item.contains('=') && !Path::new(item).exists()
}

/// The format of a file: its extension, else what its first bytes say.
pub(crate) fn detect(path: &Path, bytes: &[u8]) -> Form {
    form_of_extension(path).unwrap_or(if input::looks_like_reg(bytes) {
        Form::Reg
    } else if input::looks_like_prf(bytes) {
        Form::Prf
    } else {
        Form::Yaml
    })
}
