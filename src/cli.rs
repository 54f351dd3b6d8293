//! Command-line interface: clap definitions, dispatch, and the one place that
//! turns outcomes into printed diagnostics and exit codes
//! (0 success, 1 content errors, 2 usage or configuration errors).

use crate::build;
use crate::config;
use anyhow::Result;
use std::collections::BTreeMap;
use std::path::Path;
use std::time::Instant;

mod args;
pub use args::{expand_field_flags, Cli, Command, Format};

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
            let outcome = build::run_into(
                &config,
                drafts,
                &mut build::incremental::Memo::one_shot(),
                &staging,
                &progress,
            );
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
    let ix = match cache::open_or_build(config, || crate::build::site_only(config))? {
        Opened::Ready { index, rebuilt } => {
            if rebuilt {
                eprintln!("Indexed {} documents", index.corpus.len());
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
    let outcome = match build::load_and_check(root, drafts, &progress) {
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
