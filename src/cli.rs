//! Command-line interface: clap definitions, dispatch, and the one place that
//! turns outcomes into printed diagnostics and exit codes
//! (0 success, 1 content errors, 2 usage or configuration errors).

use crate::build;
use crate::config;
use anyhow::Result;
use clap::{Parser, Subcommand};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

#[derive(Debug, Parser)]
#[command(
    name = "kennisbank",
    version,
    about = "Static knowledge-base generator for the Kenniskring sociale wijkteams Noord-Holland"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into the output directory (atomically).
    Build {
        /// Site root: the folder with site.toml, content/ and themes/.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Output directory (default: ROOT/public).
        #[arg(long)]
        output: Option<PathBuf>,
        /// Include documents marked `draft: true`.
        #[arg(long)]
        drafts: bool,
    },
    /// Validate everything a build validates, without writing anything.
    ///
    /// Diagnostics always go to standard error as text. `--format github` also
    /// prints GitHub Actions workflow commands (annotations) and `--format gitlab`
    /// a GitLab Code Quality report, on standard output or into `--report FILE`.
    Check {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        #[arg(long)]
        drafts: bool,
        /// Also report the diagnostics for a CI forge: text (only the usual
        /// output), github (workflow commands), gitlab (Code Quality JSON).
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Write the github or gitlab report to FILE instead of standard output.
        #[arg(long, value_name = "FILE")]
        report: Option<PathBuf>,
    },
    /// Create a new document of KIND with every required field filled or marked.
    ///
    /// Any `--FIELD VALUE` is the same as `--set FIELD=VALUE`. A factsheet with its
    /// municipality and round set (`new factsheet --gemeente zaanstad --meting 2015`)
    /// starts from that municipality's latest factsheet.
    New {
        /// Content kind, as declared in site.toml (e.g. factsheet).
        kind: String,
        /// Slug: the file name without .md (e.g. zaanstad-2015); for a factsheet
        /// continued from an earlier one it defaults to <gemeente>-<meting>.
        slug: Option<String>,
        /// Set a field: --set gemeente=zaanstad (repeatable).
        #[arg(long = "set", value_name = "FIELD=VALUE")]
        sets: Vec<String>,
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Search the site with its tantivy index (kept in ROOT/.kennisbank-cache).
    ///
    /// QUERY: words (any may match; word forms, compounds and synonyms are
    /// found), "quoted phrases", -excluded words and prefix* words.
    Search {
        query: String,
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Print the results as JSON (see README, "Search").
        #[arg(long)]
        json: bool,
        /// Number of results to show (1 or more).
        #[arg(long, default_value_t = 10, value_parser = at_least_one)]
        limit: usize,
        /// Only documents of this kind (repeatable: any of them).
        #[arg(long)]
        kind: Vec<String>,
        /// Only documents about this municipality (slug; repeatable).
        #[arg(long)]
        gemeente: Vec<String>,
        /// Only documents tagged with this theme (slug; repeatable).
        #[arg(long)]
        thema: Vec<String>,
        /// Only documents of this year (repeatable).
        #[arg(long)]
        jaar: Vec<String>,
        /// Show why each result ranks where it does: its page's and best
        /// section's score by term and field.
        #[arg(long)]
        explain: bool,
    },
    /// Build, serve on 127.0.0.1, rebuild when files change and reload open pages.
    Serve {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Port to listen on; the next free one is used if it is taken; 0: any free port.
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Address to listen on. Only loopback (the default) keeps the preview to this machine.
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Open the site in the browser (with the platform's opener, if there is one).
        #[arg(long)]
        open: bool,
        #[arg(long)]
        drafts: bool,
        /// Offer forms in the preview to edit documents and add new ones; saves
        /// write to content/ (see the README, "Bijdragen zonder terminal").
        #[arg(long)]
        edit: bool,
        /// With --edit and a --bind address other than loopback: allow that
        /// (anyone who can reach the address can then change content/).
        #[arg(long, requires = "edit")]
        edit_allow_remote: bool,
    },
}

/// `--limit`: a count of results to show, so 0 is a usage error rather than
/// an empty listing that looks like "nothing found".
fn at_least_one(text: &str) -> std::result::Result<usize, String> {
    match text.parse::<usize>() {
        Ok(0) => Err("must be 1 or more: it is how many results to show".into()),
        Ok(n) => Ok(n),
        Err(_) => Err(format!("'{text}' is not a whole number")),
    }
}

/// What `check --format` reports besides the text on standard error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Github,
    Gitlab,
}

/// Rewrites `new`'s free-form `--FIELD VALUE` pairs into `--set FIELD=VALUE`,
/// so editors can type `kennisbank new factsheet --gemeente zaanstad --meting 2015`.
pub fn expand_field_flags(args: Vec<String>) -> Vec<String> {
    if args.get(1).map(String::as_str) != Some("new") {
        return args;
    }
    let own = ["--set", "--root", "--help", "-h"];
    let mut out = Vec::with_capacity(args.len());
    let mut iter = args.into_iter().peekable();
    while let Some(arg) = iter.next() {
        match arg.strip_prefix("--") {
            Some(field)
                if !own.contains(&arg.as_str()) && !field.contains('=') && !field.is_empty() =>
            {
                match iter.peek() {
                    Some(value) if !value.starts_with("--") => {
                        let value = iter.next().unwrap_or_default();
                        out.push("--set".into());
                        out.push(format!("{field}={value}"));
                    }
                    _ => out.push(arg),
                }
            }
            Some(field)
                if !own.contains(&arg.as_str())
                    && field.contains('=')
                    && !arg.starts_with("--set=")
                    && !arg.starts_with("--root=") =>
            {
                out.push("--set".into());
                out.push(field.to_string());
            }
            _ => out.push(arg),
        }
    }
    out
}

/// Process exit codes.
pub const OK: i32 = 0;
pub const CONTENT_ERRORS: i32 = 1;
pub const USAGE_ERRORS: i32 = 2;

/// Runs a parsed command and returns the exit code; prints everything it reports.
pub fn run(cli: Cli) -> i32 {
    match dispatch(cli) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error: {err:#}");
            USAGE_ERRORS
        }
    }
}

fn dispatch(cli: Cli) -> Result<i32> {
    match cli.command {
        Command::Build {
            root,
            output,
            drafts,
        } => {
            let started = Instant::now();
            let config = config::load(&root)?;
            let (out, notes) = crate::output::prepare(&config, output.as_deref())?;
            for note in notes {
                eprintln!("{note}");
            }
            // Pages are written as they are rendered, into a staging directory
            // that is swapped in only when the whole build succeeded.
            let staging = crate::output::Staging::create(&out)?;
            let outcome = build::run_into(&config, drafts, None, &staging, &progress);
            let code = report(&outcome);
            if code == OK {
                if let Some(err) = outcome.write_error {
                    return Err(err);
                }
                staging.commit()?;
                eprintln!(
                    "Built {} documents into {} ({} files) in {} ms (search index: {} ms)",
                    outcome.documents,
                    out.display(),
                    outcome.written,
                    started.elapsed().as_millis(),
                    outcome.search_millis
                );
            }
            Ok(code)
        }
        Command::Check {
            root,
            drafts,
            format,
            report,
        } => check(&root, drafts, format, report.as_deref()),
        Command::New {
            kind,
            slug,
            sets,
            root,
        } => {
            let config = config::load(&root)?;
            let mut map = BTreeMap::new();
            for set in sets {
                let Some((k, v)) = set.split_once('=') else {
                    anyhow::bail!("--set {set}: expected FIELD=VALUE");
                };
                map.insert(k.trim().to_string(), v.trim().to_string());
            }
            let path = crate::content::scaffold::create(
                &config,
                &kind,
                slug.as_deref(),
                &map,
                current_year(),
            )?;
            println!("Created {}", path.display());
            Ok(OK)
        }
        Command::Search {
            query,
            root,
            json,
            limit,
            kind,
            gemeente,
            thema,
            jaar,
            explain,
        } => {
            let config = config::load(&root)?;
            let filters: crate::search::query::Filters = [
                ("kind", kind),
                ("gemeente", gemeente),
                ("thema", thema),
                ("jaar", jaar),
            ]
            .into_iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| (k.to_string(), v))
            .collect();
            search(&config, &query, &filters, limit, json, explain)
        }
        Command::Serve {
            root,
            port,
            bind,
            open,
            drafts,
            edit,
            edit_allow_remote,
        } => {
            let options = crate::serve::Options {
                root,
                bind,
                port,
                open,
                drafts,
                edit,
                edit_allow_remote,
            };
            crate::serve::run(&options)?;
            Ok(OK)
        }
    }
}

fn search(
    config: &config::Config,
    query: &str,
    filters: &crate::search::query::Filters,
    limit: usize,
    json: bool,
    explain: bool,
) -> Result<i32> {
    use crate::search::cache::{self, Opened};
    let ix = match cache::open_or_build(config)? {
        Opened::Ready { index, rebuilt } => {
            if rebuilt {
                eprintln!("Indexed {} documents", index.corpus.pages.len());
            }
            index
        }
        Opened::Invalid(diagnostics) => {
            for d in &diagnostics {
                eprintln!("{d}");
            }
            let errors = diagnostics.iter().filter(|d| d.is_error()).count();
            eprintln!(
                "{errors} error{} found; the search index was not built",
                if errors == 1 { "" } else { "s" }
            );
            return Ok(CONTENT_ERRORS);
        }
    };
    let out = crate::search::search(&ix, query, filters, limit, explain)?;
    if json {
        println!("{}", crate::search::print::json(&out)?);
    } else {
        print!("{}", crate::search::print::plain(&out));
    }
    Ok(OK)
}

/// `check`: the text diagnostics on standard error as always, plus the report
/// for a CI forge when `format` asks for one. Exit codes do not depend on it.
fn check(root: &Path, drafts: bool, format: Format, report_to: Option<&Path>) -> Result<i32> {
    if format == Format::Text && report_to.is_some() {
        anyhow::bail!("--report needs --format github or --format gitlab");
    }
    let outcome = match build::load_and_check(root, drafts) {
        Ok((_, outcome)) => outcome,
        Err(err) => {
            // A broken site.toml has no file and line to annotate, but the run's
            // summary page still shows it.
            if format == Format::Github {
                let message = crate::diagnostics::report::escape_data(&format!("{err:#}"));
                println!("::error title=kennisbank check::{message}");
            }
            return Err(err);
        }
    };
    let code = report(&outcome);
    let forge_report = match format {
        Format::Text => None,
        Format::Github => Some(crate::diagnostics::report::workflow_commands(
            &outcome.diagnostics,
            root,
        )),
        Format::Gitlab => Some(crate::diagnostics::report::code_quality(
            &outcome.diagnostics,
            root,
        )),
    };
    match (forge_report, report_to) {
        (Some(text), Some(path)) => crate::fs::write(path, text.as_bytes())?,
        (Some(text), None) => print!("{text}"),
        (None, _) => {}
    }
    if code == OK {
        eprintln!("Checked {} documents: no problems", outcome.documents);
    }
    Ok(code)
}

/// Stage-by-stage progress on stderr, only when a person is watching a terminal
/// (kept out of logs and tests, whose output stays exact).
fn progress(message: &str) {
    use std::io::IsTerminal;
    if std::io::stderr().is_terminal() {
        eprintln!("  {message}");
    }
}

/// Prints every diagnostic and a summary line; returns the exit code for them.
fn report(outcome: &build::Outcome) -> i32 {
    for d in &outcome.diagnostics {
        eprintln!("{d}");
    }
    let errors = outcome.errors();
    if errors > 0 {
        eprintln!(
            "{errors} error{} found; nothing was written",
            if errors == 1 { "" } else { "s" }
        );
        CONTENT_ERRORS
    } else {
        OK
    }
}

/// The current calendar year (UTC), for dates in new documents.
fn current_year() -> i32 {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    // Days to civil year (Howard Hinnant's algorithm), without a date crate.
    let z = (secs / 86_400) as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(month <= 2)) as i32
}
