//! The accessibility statement (toegankelijkheidsverklaring): `[accessibility]`
//! in `site.toml`, checked, and what the theme's `toegankelijkheid.html` sees
//! to write the page in the structure of the Dutch government's model
//! statement. The wording is the theme's; this module owns the settings.

use anyhow::{bail, Result};
use serde::{Deserialize, Serialize};

/// `[accessibility]` as the user typed it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawStatement {
    organisation: String,
    status: String,
    date: String,
    email: String,
    phone: Option<String>,
    contact_url: Option<String>,
    #[serde(default = "default_response_days")]
    response_days: u32,
    #[serde(default)]
    known_issues: Vec<String>,
    #[serde(default)]
    audits: Vec<RawAudit>,
    ombudsman: Option<String>,
    ombudsman_url: Option<String>,
}

fn default_response_days() -> u32 {
    5
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAudit {
    date: String,
    by: String,
    url: Option<String>,
}

/// The statement as templates see it: every value checked, dates written out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Statement {
    pub organisation: String,
    /// A, B, C or D: the compliance statuses of the model statement.
    pub status: String,
    /// "voldoet volledig", "voldoet gedeeltelijk", …
    pub status_label: String,
    /// `2026-12-06` and "6 december 2026".
    pub date: String,
    pub date_text: String,
    pub email: String,
    pub phone: Option<String>,
    pub contact_url: Option<String>,
    pub response_days: u32,
    pub known_issues: Vec<String>,
    pub audits: Vec<Audit>,
    pub ombudsman: String,
    pub ombudsman_url: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Audit {
    pub date: String,
    pub date_text: String,
    pub by: String,
    pub url: Option<String>,
}

const STATUSES: [(&str, &str); 4] = [
    ("A", "voldoet volledig"),
    ("B", "voldoet gedeeltelijk"),
    ("C", "eerste maatregelen genomen"),
    ("D", "voldoet niet"),
];

const MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];

/// Checks `[accessibility]`; every problem is named with its key, all at once.
pub fn resolve(raw: RawStatement) -> Result<Statement> {
    let mut errors = Vec::new();
    let mut need = |ok: bool, message: String| {
        if !ok {
            errors.push(message);
        }
    };
    let status_label = STATUSES
        .iter()
        .find(|(letter, _)| *letter == raw.status)
        .map(|(_, label)| label.to_string());
    need(
        status_label.is_some(),
        format!(
            "[accessibility] status = \"{}\": expected A (voldoet volledig), B (voldoet gedeeltelijk), C (eerste maatregelen genomen) or D (voldoet niet)",
            raw.status
        ),
    );
    need(
        !raw.organisation.trim().is_empty(),
        "[accessibility] organisation: must not be empty".into(),
    );
    let statement_date = date_text(&raw.date);
    need(
        statement_date.is_some(),
        format!(
            "[accessibility] date = \"{}\": expected a date as YYYY-MM-DD",
            raw.date
        ),
    );
    let email_ok = raw.email.split_once('@').is_some_and(|(user, host)| {
        !user.is_empty() && host.contains('.') && !raw.email.chars().any(char::is_whitespace)
    });
    need(
        email_ok,
        format!(
            "[accessibility] email = \"{}\": expected an e-mail address such as toegankelijkheid@example.nl",
            raw.email
        ),
    );
    need(
        (1..=90).contains(&raw.response_days),
        format!(
            "[accessibility] response_days = {}: expected a number of working days from 1 to 90",
            raw.response_days
        ),
    );
    for (key, url) in [
        ("contact_url", &raw.contact_url),
        ("ombudsman_url", &raw.ombudsman_url),
    ] {
        if let Some(url) = url {
            need(
                is_web_address(url),
                format!("[accessibility] {key} = \"{url}\": expected an address starting with https:// or http://"),
            );
        }
    }
    let mut audits = Vec::new();
    for (i, audit) in raw.audits.into_iter().enumerate() {
        let text = date_text(&audit.date);
        need(
            text.is_some(),
            format!(
                "[accessibility] audits[{i}] date = \"{}\": expected a date as YYYY-MM-DD",
                audit.date
            ),
        );
        if let Some(url) = &audit.url {
            need(
                is_web_address(url),
                format!("[accessibility] audits[{i}] url = \"{url}\": expected an address starting with https:// or http://"),
            );
        }
        audits.push(Audit {
            date: audit.date,
            date_text: text.unwrap_or_default(),
            by: audit.by,
            url: audit.url,
        });
    }
    if !errors.is_empty() {
        bail!("{}", errors.join("\n"));
    }
    Ok(Statement {
        organisation: raw.organisation,
        status: raw.status,
        status_label: status_label.unwrap_or_default(),
        date: raw.date,
        date_text: statement_date.unwrap_or_default(),
        email: raw.email,
        phone: raw.phone,
        contact_url: raw.contact_url,
        response_days: raw.response_days,
        known_issues: raw.known_issues,
        audits,
        ombudsman: raw
            .ombudsman
            .unwrap_or_else(|| "de Nationale ombudsman".into()),
        ombudsman_url: raw.ombudsman_url,
    })
}

fn is_web_address(url: &str) -> bool {
    (url.starts_with("https://") || url.starts_with("http://"))
        && url.len() > "https://".len()
        && !url.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// `2026-12-06` -> "6 december 2026"; `None` for anything but a real date.
fn date_text(date: &str) -> Option<String> {
    let mut parts = date.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    let (year, month, day): (u32, usize, u32) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        1..=12 => 31,
        _ => return None,
    };
    (1..=days)
        .contains(&day)
        .then(|| format!("{day} {} {year}", MONTHS[month - 1]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(extra: &str) -> RawStatement {
        let text = format!(
            "organisation = \"Gemeente X\"\nstatus = \"B\"\ndate = \"2026-12-06\"\nemail = \"a@x.nl\"\n{extra}"
        );
        toml::from_str(&text).unwrap()
    }

    #[test]
    fn resolves_labels_and_dates() {
        let s = resolve(raw("audits = [{ date = \"2024-02-29\", by = \"Bureau\" }]")).unwrap();
        assert_eq!(s.status_label, "voldoet gedeeltelijk");
        assert_eq!(s.date_text, "6 december 2026");
        assert_eq!(s.audits[0].date_text, "29 februari 2024");
        assert_eq!(s.response_days, 5);
        assert_eq!(s.ombudsman, "de Nationale ombudsman");
    }

    #[test]
    fn every_problem_is_named_with_its_key() {
        let text = "organisation = \" \"\nstatus = \"E\"\ndate = \"2026-02-30\"\nemail = \"geen adres\"\nresponse_days = 0\ncontact_url = \"javascript:alert(1)\"";
        let err = format!("{:#}", resolve(toml::from_str(text).unwrap()).unwrap_err());
        let lines: Vec<&str> = err.lines().collect();
        assert_eq!(lines.len(), 6, "{err}");
        assert!(
            lines[0].starts_with("[accessibility] status = \"E\": expected A (voldoet volledig)"),
            "{err}"
        );
        assert!(
            err.contains("[accessibility] date = \"2026-02-30\": expected a date as YYYY-MM-DD"),
            "{err}"
        );
        assert!(
            err.contains("[accessibility] contact_url = \"javascript:alert(1)\""),
            "{err}"
        );
    }

    #[test]
    fn dates() {
        assert_eq!(date_text("2025-01-31").as_deref(), Some("31 januari 2025"));
        for bad in [
            "2025-1-31",
            "2025-13-01",
            "2025-04-31",
            "2023-02-29",
            "2025-01",
            "x",
        ] {
            assert_eq!(date_text(bad), None, "{bad}");
        }
    }
}
