//! A page's rendered body, split by size: the outline (headings and links,
//! which the site reads across pages) stays in memory; the text (HTML, plain
//! text, sections: most of a page's bytes) is held in memory or, in a
//! one-shot build, spilled to the build's scratch file (`fs::spill`) and read
//! back when its page is rendered and when search collects it.

use crate::diagnostics::Diagnostic;
use crate::fs::spill::{Blob, Packer, Spill, Unpacker};
use crate::site::markdown::{AnchorLink, Heading, Rendered, Section};
use std::borrow::Cow;
use std::path::Path;

/// What a rendered body says about its page besides its text.
#[derive(Debug, Clone, Default)]
pub struct Outline {
    pub headings: Vec<Heading>,
    /// Slugs of the documents the body links to, sorted, each once (a set
    /// until the body is rendered; a slice holds it in a third of the bytes).
    pub links: Box<[String]>,
    /// Links to a section of a page, checked once every page's headings are known.
    pub anchor_links: Vec<AnchorLink>,
}

/// The large parts of a rendered body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BodyText {
    pub html: String,
    /// The body as plain text, for excerpts and search.
    pub text: String,
    /// The body cut at its `##` headings.
    pub sections: Vec<Section>,
}

/// Where a page's `BodyText` is.
#[derive(Debug, Clone)]
pub enum Body {
    Held(BodyText),
    Spilled(Blob),
}

/// A one-shot build's store for bodies (`Bodies::Spill`) in `base`; one that
/// cannot be made is an error that fails the build.
pub fn store(base: &Path) -> Result<Spill, Diagnostic> {
    Spill::create_in(base).map_err(|err| {
        Diagnostic::error(Path::new("build"), 0, 0, format!("{err:#}"))
            .with_hint("a build keeps its rendered pages there until it ends")
    })
}

/// Splits a rendered body into what stays in memory and its text.
pub fn split(rendered: Rendered) -> (Outline, BodyText) {
    let Rendered {
        html,
        headings,
        links,
        text,
        sections,
        anchor_links,
    } = rendered;
    let (mut headings, mut anchor_links) = (headings, anchor_links);
    // Kept until the site is freed: no room to spare.
    headings.shrink_to_fit();
    anchor_links.shrink_to_fit();
    (
        Outline {
            headings,
            links: links.into_iter().collect(),
            anchor_links,
        },
        BodyText {
            html,
            text,
            sections,
        },
    )
}

impl Body {
    /// The text, spilled to `spill` when there is one; held, with the
    /// error, when it cannot be written there.
    pub fn keep(text: BodyText, spill: Option<&Spill>) -> (Body, Option<anyhow::Error>) {
        let Some(spill) = spill else {
            return (Body::Held(text), None);
        };
        let mut packer = Packer::default();
        packer.text(&text.html).text(&text.text);
        for s in &text.sections {
            packer.text(&s.id).text(&s.heading).text(&s.text);
        }
        match spill.put(packer.bytes()) {
            Ok(blob) => (Body::Spilled(blob), None),
            Err(err) => (Body::Held(text), Some(err)),
        }
    }

    /// The text, read back from `spill` when it was spilled there; a problem
    /// reading it is one of `display`'s.
    pub fn text<'a>(
        &'a self,
        spill: Option<&Spill>,
        display: &Path,
    ) -> Result<Cow<'a, BodyText>, Diagnostic> {
        match self {
            Body::Held(text) => Ok(Cow::Borrowed(text)),
            Body::Spilled(blob) => unspill(*blob, spill)
                .map(Cow::Owned)
                .map_err(|err| Diagnostic::error(display, 0, 0, format!("{err:#}"))),
        }
    }
}

fn unspill(blob: Blob, spill: Option<&Spill>) -> anyhow::Result<BodyText> {
    let Some(spill) = spill else {
        anyhow::bail!("the rendered body went to a scratch file that is gone");
    };
    let mut bytes = Unpacker::new(spill.get(blob)?);
    let html = bytes.text()?;
    let text = bytes.text()?;
    let mut sections = Vec::new();
    while !bytes.is_done() {
        sections.push(Section {
            id: bytes.text()?,
            heading: bytes.text()?,
            text: bytes.text()?,
        });
    }
    Ok(BodyText {
        html,
        text,
        sections,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> BodyText {
        BodyText {
            html: "<p>Inleiding</p><h2 id=\"toegang\">Toegang</h2><p>Één loket.</p>".into(),
            text: "Inleiding\nToegang\nÉén loket.".into(),
            sections: vec![
                Section {
                    id: String::new(),
                    heading: String::new(),
                    text: "Inleiding".into(),
                },
                Section {
                    id: "toegang".into(),
                    heading: "Toegang".into(),
                    text: "Één loket.".into(),
                },
            ],
        }
    }

    #[test]
    fn a_spilled_body_reads_back_as_it_was() {
        let spill = Spill::create().unwrap();
        let path = Path::new("content/verhalen/a.md");
        for text in [sample(), BodyText::default()] {
            let body = Body::keep(text.clone(), Some(&spill)).0;
            assert!(matches!(body, Body::Spilled(_)));
            assert_eq!(*body.text(Some(&spill), path).unwrap(), text);
        }
        let held = Body::keep(sample(), None).0;
        assert!(matches!(held, Body::Held(_)));
        assert_eq!(*held.text(None, path).unwrap(), sample());
    }

    #[test]
    fn a_store_that_cannot_be_made_fails_the_build() {
        let base = tempfile::tempdir().unwrap();
        let missing = base.path().join("weg");
        let d = store(&missing).unwrap_err();
        assert!(d.is_error());
        assert!(
            d.to_string().starts_with(&format!(
                "build: error: cannot create the build's scratch file in {} (set TMPDIR to a folder with room): ",
                missing.display()
            )),
            "{d}"
        );
        assert!(store(base.path()).is_ok());
    }

    #[test]
    fn a_body_that_cannot_be_read_back_is_its_pages_error() {
        let spill = Spill::create().unwrap();
        let body = Body::keep(sample(), Some(&spill)).0;
        let path = Path::new("content/verhalen/a.md");
        let err = body.text(None, path).unwrap_err();
        assert!(err.is_error());
        assert_eq!(
            err.to_string(),
            "content/verhalen/a.md: error: the rendered body went to a scratch file that is gone"
        );
        // Another build's store does not hold it.
        let other = Spill::create().unwrap();
        let err = body.text(Some(&other), path).unwrap_err();
        assert_eq!(
            err.to_string(),
            "content/verhalen/a.md: error: the build's scratch file does not hold the text asked for"
        );
    }
}
