//! The files made without a template, and where they go among the pages:
//! before them the open-data exports and the contribution forms' schema, after
//! them robots.txt, the theme's static files, the content assets and the
//! design-token stylesheet.

use super::assets::static_files;
use super::{compare, opendata, Contents, OutputFile};
use crate::config::urls;
use crate::contribute;
use crate::diagnostics::Diagnostic;
use crate::output::ownership::Origin;
use crate::site::Site;

/// The open-data exports of the comparison (CSV and JSON per round, and the
/// data dictionary); made from the site, not from templates.
pub fn data_files(site: &Site) -> (Vec<OutputFile>, Vec<Diagnostic>) {
    let mut files = Vec::new();
    let mut diagnostics: Vec<Diagnostic> = Vec::new();
    if site.config.compare.is_none() {
        return (files, diagnostics);
    }
    let rounds = compare::rounds(site)
        .into_iter()
        .filter_map(|r| compare::round(site, r));
    for round in rounds {
        let exports = [
            ("csv", opendata::round_csv(site, round.round)),
            ("json", opendata::round_json(site, round.round)),
            ("excel", opendata::excel::round_csv(site, round.round)),
        ];
        for (ext, bytes) in exports {
            let rel_path = if ext == "excel" {
                urls::spreadsheet(round.round)
            } else {
                urls::open_data(round.round, ext)
            };
            match bytes {
                Ok(bytes) => files.push(OutputFile {
                    rel_path,
                    contents: Contents::Bytes(bytes),
                    origin: Origin::Generated(format!(
                        "the open data of round {} ({ext})",
                        round.round
                    )),
                }),
                Err(err) => diagnostics.push(Diagnostic::error(
                    &rel_path,
                    0,
                    0,
                    format!("cannot export: {err:#}"),
                )),
            }
        }
    }
    match opendata::xlsx::workbook(site, "Zelfscores per meetronde") {
        Ok(bytes) => files.push(OutputFile {
            rel_path: urls::WORKBOOK.into(),
            contents: Contents::Bytes(bytes),
            origin: Origin::Generated("the Excel workbook of every round".into()),
        }),
        Err(err) => diagnostics.push(Diagnostic::error(
            urls::WORKBOOK,
            0,
            0,
            format!("cannot export: {err:#}"),
        )),
    }
    match opendata::dictionary_csv(site) {
        Ok(bytes) => files.push(OutputFile {
            rel_path: urls::DICTIONARY_CSV.into(),
            contents: Contents::Bytes(bytes),
            origin: Origin::Generated("the column dictionary of the open data".into()),
        }),
        Err(err) => diagnostics.push(Diagnostic::error(
            urls::DICTIONARY_CSV,
            0,
            0,
            format!("cannot export: {err:#}"),
        )),
    }
    (files, diagnostics)
}

/// The files that need no template and come before the pages: the open-data
/// exports and the schema of the contribution forms. (Of two producers of
/// one path, the first of equal rank is the one a diagnostic names.)
pub(super) fn leading_files(site: &Site) -> (Vec<OutputFile>, Vec<Diagnostic>) {
    let (mut files, diagnostics) = data_files(site);
    files.extend(
        contribute::export::files(site)
            .into_iter()
            .map(|f| OutputFile {
                rel_path: f.rel_path,
                contents: Contents::Bytes(f.bytes),
                origin: Origin::Generated("the schema of the contribution forms".into()),
            }),
    );
    (files, diagnostics)
}

/// The files that need no template and come after the pages: robots.txt, the
/// theme's static files, the content assets and the design-token stylesheet;
/// with the diagnostics of the theme's parts folders.
pub(super) fn trailing_files(site: &Site) -> (Vec<OutputFile>, Vec<Diagnostic>) {
    let config = &site.config;
    let mut files = vec![OutputFile {
        rel_path: urls::ROBOTS.into(),
        contents: Contents::Bytes(
            format!(
                "User-agent: *\nAllow: /\nSitemap: {}{}\n",
                config.base_url,
                urls::SITEMAP
            )
            .into_bytes(),
        ),
        origin: Origin::Generated("robots.txt".into()),
    }];
    let (statics, diagnostics) = static_files(site);
    files.extend(statics);
    files.extend(crate::render::style::files(
        &config.style,
        &config.theme_dir,
    ));
    (files, diagnostics)
}
