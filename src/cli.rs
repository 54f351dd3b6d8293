//! Command-line interface: clap definitions, dispatch, and the one place that
//! turns outcomes into printed diagnostics and exit codes
//! (0 success, 1 content errors, 2 usage or configuration errors).

use crate::build;
use crate::config;
use anyhow::Result;
use clap::{Parser, Subcommand};
use std::collections::BTreeMap;
use std::path::PathBuf;
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
    Check {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        #[arg(long)]
        drafts: bool,
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
    /// Build, serve on 127.0.0.1 and rebuild when files change.
    Serve {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        #[arg(long)]
        output: Option<PathBuf>,
        /// Port to listen on; the next free one is used if it is taken.
        #[arg(long, default_value_t = 1111)]
        port: u16,
        #[arg(long)]
        drafts: bool,
    },
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
            let out = build::output_dir(&config, output.as_deref())?;
            let outcome = build::run_reporting(&config, drafts, &progress);
            let code = report(&outcome);
            if let Some(files) = &outcome.files {
                build::write_atomically(files, &out)?;
                eprintln!(
                    "Built {} documents into {} ({} files) in {} ms",
                    outcome.documents,
                    out.display(),
                    files.len(),
                    started.elapsed().as_millis()
                );
            }
            Ok(code)
        }
        Command::Check { root, drafts } => {
            let (_, outcome) = build::load_and_run(&root, drafts)?;
            let code = report(&outcome);
            if code == OK {
                eprintln!("Checked {} documents: no problems", outcome.documents);
            }
            Ok(code)
        }
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
            let path =
                crate::scaffold::create(&config, &kind, slug.as_deref(), &map, current_year())?;
            println!("Created {}", path.display());
            Ok(OK)
        }
        Command::Serve {
            root,
            output,
            port,
            drafts,
        } => {
            let config = config::load(&root)?;
            let out = build::output_dir(&config, output.as_deref())?;
            crate::serve::run(&config, &out, port, drafts)?;
            Ok(OK)
        }
    }
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
