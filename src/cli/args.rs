//! The command line as the user types it: clap's definitions of the commands
//! and their flags, and `new`'s free-form `--FIELD VALUE` pairs rewritten into
//! `--set FIELD=VALUE` before clap parses them. What each command does is
//! `cli`'s dispatch.

use clap::{Parser, Subcommand};
use std::path::PathBuf;

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
pub(super) fn at_least_one(text: &str) -> std::result::Result<usize, String> {
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
