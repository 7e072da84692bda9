//! The command line: arguments, reading and writing files, warnings on
//! stderr, exit codes. Everything below this module is pure.

mod args;
mod batch;
mod check;
mod convert;
mod diff;
mod docs;
pub mod error;
mod fmt;
mod folder;
mod gitsetup;
mod inplace;
mod inventory;
mod io;
mod load;
mod render;
mod signal;

use std::path::{Path, PathBuf};

use anyhow::{Result, anyhow, bail};
use clap::{CommandFactory, FromArgMatches};

use mapiprof::convert::ConvertOptions;
use mapiprof::edit::{self, Operation};
use mapiprof::{model, yaml};

use args::{Cli, Command, OutlookVersion};
use error::FileContext;

/// Run the command line: the exit code (0, or 1 for "different" and
/// "findings"); an error is printed by `main` and exits 2.
pub fn run() -> Result<u8> {
    signal::install();
    let matches = command().get_matches();
    let cli = Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    run_command(cli.command)
}

/// The command line with the help texts made from the library's tables.
fn command() -> clap::Command {
    let help = format!(
        "Rules (id, severity, what it finds):\n{}\n\
         Exit codes: 0 no finding at warning level or above, 1 findings, 2 errors.\n\n\
         Examples:\n  mapiprof check exports --recursive\n  \
         mapiprof check outlook.prf --outlook 2016 --format json --disable prf-environment",
        mapiprof::check::rules_help()
    );
    Cli::command()
        .mut_subcommand("check", |c| c.after_help(help))
        .mut_subcommand("inventory", |c| c.after_help(inventory::help()))
}

/// Every command, each returning its exit code.
fn run_command(command: Command) -> Result<u8> {
    match command {
        Command::Show {
            files,
            sort,
            redact,
            textconv,
            read,
            hive,
        } => {
            let read = read.with_hive(hive);
            let files: Vec<PathBuf> = batch::collect(&files, false, |_| true)?
                .into_iter()
                .map(|(path, _)| path)
                .collect();
            if textconv && let [file] = files.as_slice() {
                return convert::show_for_git(file, sort, &read);
            }
            convert::show(&files, sort, redact, &read)
        }
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
            force,
            read,
            hive,
        } => {
            let read = read.with_hive(hive);
            let request = convert::Request {
                options: ConvertOptions {
                    sort,
                    redact,
                    allow_any_key,
                    placing: model::PrfToReg {
                        outlook: outlook.map(OutlookVersion::outlook),
                        profile: profile.clone(),
                        partial,
                    },
                    base: None,
                    recreating: model::RegToPrf {
                        profile,
                        generation: outlook.map(OutlookVersion::generation),
                        codepage: None,
                        partial,
                    },
                },
                base,
                force,
            };
            convert::run(&input, output.as_deref(), to, from, &request, &read)
        }
        Command::Set {
            items,
            unset,
            fix_proxy_port,
            profile,
            section,
            create,
            require,
            force,
            batch,
            read,
        } => {
            let (assignments, files): (Vec<String>, Vec<String>) =
                items.into_iter().partition(|i| looks_like_assignment(i));
            let assignments: Vec<String> = assignments.iter().map(|a| trimmed(a)).collect();
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
            // a value that fits its property nowhere fails once, before any
            // file is read
            for assignment in &edits.assignments {
                if let edit::Assignment::Set { name, value } = assignment {
                    edit::check_value(name, value)
                        .map_err(|why| edit::EditError::value(name, why))?;
                    if !force {
                        load::refuse(&format!("{name}={value}"), &edit::lint_value(name, value))?;
                    }
                }
            }
            let files: Vec<PathBuf> = files.into_iter().map(PathBuf::from).collect();
            batch::run(&files, &Operation::Set(edits), &batch, &read, require)
        }
        Command::Render {
            template,
            vars,
            out_dir,
            name,
            to,
            allow_any_key,
            force,
            delimiter,
            quiet,
            read,
        } => {
            let request = render::Request {
                template: &template,
                vars: &vars,
                out_dir: &out_dir,
                name: name.as_deref(),
                to,
                delimiter,
                quiet,
            };
            let converting = convert::Request {
                options: ConvertOptions {
                    allow_any_key,
                    ..ConvertOptions::default()
                },
                base: None,
                force,
            };
            render::run(&request, &converting, &read)
        }
        Command::Apply {
            patch,
            files,
            force,
            batch,
            read,
        } => {
            let name = io::display_name(&patch);
            let text = String::from_utf8(io::read_input(&patch)?)
                .map_err(|_| anyhow!("a patch is UTF-8 YAML"))
                .in_file(&name)?;
            let (patch, warnings) = yaml::read_any_patch(&text).in_file(&name)?;
            load::report(&name, &warnings, &read)?;
            if let yaml::Patch::Reg(model) = &patch {
                let model = mapiprof::input::Profiles::Registry(model.clone());
                load::refuse_value_errors(&name, &model, force)?;
            }
            batch::run(
                &files,
                &Operation::Apply(Box::new(patch)),
                &batch,
                &read,
                true,
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
            let op = Operation::Retarget(edit::Retarget {
                outlook: outlook.outlook(),
                rename,
                profile,
            });
            batch::run(&files, &op, &batch, &read, true)
        }
        Command::Diff {
            a,
            b,
            format,
            ignore,
            ignore_volatile,
            read,
            hive,
        } => {
            let read = read.with_hive(hive);
            let options = mapiprof::diff::DiffOptions {
                ignore,
                ignore_volatile,
            };
            diff::run(&a, &b, format, &options, &read)
        }
        Command::Check {
            files,
            format,
            disable,
            outlook,
            recursive,
            read,
            hive,
        } => {
            let read = read.with_hive(hive);
            let options = check::Options {
                format,
                disable,
                outlook_2016: matches!(outlook, Some(OutlookVersion::V2016)),
                recursive,
            };
            check::run(&files, &options, &read)
        }
        Command::Fmt {
            files,
            check,
            sort,
            encoding,
            batch,
            read,
        } => {
            let options = mapiprof::fmt::FmtOptions {
                sort,
                encoding: encoding.map(Into::into),
            };
            if check {
                fmt::check(&files, &options, batch.recursive, &read)
            } else {
                batch::run(&files, &Operation::Fmt(options), &batch, &read, true)
            }
        }
        Command::Inventory {
            paths,
            recursive,
            format,
            columns,
            explode,
            output,
            quiet,
            read,
        } => {
            let request = inventory::Request {
                format: format.into(),
                columns: &columns,
                explode: explode.is_some(),
                output: output.as_deref(),
                recursive,
                quiet,
            };
            inventory::run(&paths, &request, &read)
        }
        Command::Rewrite {
            files,
            map_path,
            map_host,
            rename_profile,
            rename_account,
            batch,
            read,
        } => {
            let pairs = |option: &str, items: &[String]| -> Result<Vec<(String, String)>> {
                items
                    .iter()
                    .map(|i| edit::pair(option, i).map_err(Into::into))
                    .collect()
            };
            let rewrite = edit::Rewrite {
                paths: edit::PathMap::new(
                    map_path
                        .iter()
                        .map(|p| edit::path_pair(p))
                        .collect::<Result<_, _>>()?,
                ),
                hosts: edit::HostMap::new(
                    map_host
                        .iter()
                        .map(|h| edit::host_pair(h))
                        .collect::<Result<_, _>>()?,
                ),
                profiles: rename_profile
                    .iter()
                    .map(|p| edit::profile_pair(p))
                    .collect::<Result<_, _>>()?,
                accounts: pairs("--rename-account", &rename_account)?,
                used: edit::Used::default(),
            };
            rewrite.check()?;
            if rewrite.is_empty() {
                bail!(
                    "nothing to do: give --map-path, --map-host, --rename-profile or --rename-account"
                );
            }
            let kept = rewrite.clone();
            let done = batch::run(
                &files,
                &Operation::Rewrite(Box::new(rewrite)),
                &batch,
                &read,
                true,
            );
            // an option that matched nothing is most often a typing or
            // quoting mistake
            #[allow(clippy::print_stderr)]
            for option in kept.unused() {
                eprintln!("warning: {option} matched nothing in any file");
            }
            done
        }
        Command::GitSetup { global } => gitsetup::run(global).map(|()| 0),
        Command::Schema { output } => {
            let text = serde_json::to_string_pretty(&yaml::schema())? + "\n";
            io::write_output(output.as_deref(), Path::new("-"), text.as_bytes())?;
            Ok(0)
        }
        Command::Completions { shell } => docs::completions(shell).map(|()| 0),
        Command::Man { out_dir } => docs::man(out_dir.as_deref()).map(|()| 0),
    }
}

/// Whether a `set` argument is an assignment rather than a file: it has a
/// `=` and no file of that name exists.
fn looks_like_assignment(item: &str) -> bool {
    item.contains('=') && !Path::new(item).exists()
}

/// `NAME=VALUE` with the blanks at the ends of its value left out, and a
/// warning saying so (`RPCProxyServer = mail…` stored a leading space).
fn trimmed(assignment: &str) -> String {
    let Some((name, value)) = assignment.split_once('=') else {
        return assignment.to_owned();
    };
    let kept = value.trim_matches([' ', '\t']);
    if kept.len() != value.len() {
        #[allow(clippy::print_stderr)]
        {
            eprintln!(
                "warning: {}: the blanks at the ends of the value are left out",
                mapiprof::text::visible(name.trim())
            );
        }
    }
    format!("{name}={kept}")
}
