//! What the static contribution pages need besides their HTML: the schema the
//! browser validates with (`bijdragen/schema-HASH.js`) and, for the compared
//! kind, the values of its documents to start a new one from
//! (`bijdragen/vorige-HASH.js`). Both are classic scripts calling
//! `kennisbankContribute(name, data)`, so they load from `file://` too.

use super::catalog::Catalog;
use super::continuation::subject_and_round;
use super::values;
use crate::config::{Config, FieldType, Kind, CONTRIBUTE_FOLDER};
use crate::site::markdown::RESERVED_IDS;
use crate::site::Site;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

/// Format of the exported schema; `static/contribute.js` refuses others.
/// 2: `pages` and `reserved_ids`, for links to a section.
pub const FORMAT_VERSION: u32 = 2;

/// One exported file: its path in the built site and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportFile {
    pub rel_path: String,
    pub bytes: Vec<u8>,
}

/// The exported files of a site whose kinds contribute: the schema first, then
/// (for a compared kind that contributes) the earlier documents.
pub fn files(site: &Site) -> Vec<ExportFile> {
    let config = &site.config;
    if !config.kinds.iter().any(|k| k.contribute) {
        return Vec::new();
    }
    let previous = previous(site).map(|data| script("vorige", &data));
    let mut schema = schema(config, &Catalog::from_site(site));
    if let Some(file) = &previous {
        schema["previous"] = json!(file_name(&file.rel_path));
    }
    let mut out = vec![script("schema", &schema)];
    out.extend(previous);
    out
}

fn file_name(rel_path: &str) -> &str {
    rel_path.rsplit('/').next().unwrap_or(rel_path)
}

/// `bijdragen/PREFIX-HASH.js` calling `kennisbankContribute("PREFIX", data)`.
fn script(prefix: &str, data: &Value) -> ExportFile {
    let digest = Sha256::digest(data.to_string().as_bytes());
    let hash: String = digest.iter().take(6).map(|b| format!("{b:02x}")).collect();
    ExportFile {
        rel_path: format!("{CONTRIBUTE_FOLDER}/{prefix}-{hash}.js"),
        bytes: format!("kennisbankContribute({},{});\n", json!(prefix), data).into_bytes(),
    }
}

/// The rules of every contributable kind and the documents they are checked
/// against (slug, kind, and the path when it is not `content/FOLDER/SLUG.md`,
/// and `0` for a draft, which links may not point to); for each page its
/// title and heading ids, which links to a section are checked against, with
/// the ids the layout keeps for itself.
pub fn schema(config: &Config, catalog: &Catalog) -> Value {
    let kinds: serde_json::Map<String, Value> = config
        .kinds
        .iter()
        .filter(|k| k.contribute)
        .map(|k| (k.name.clone(), kind_schema(config, k)))
        .collect();
    let folders: serde_json::Map<String, Value> = config
        .kinds
        .iter()
        .map(|k| (k.name.clone(), json!(k.folder)))
        .collect();
    let documents: Vec<Value> = catalog
        .entries
        .iter()
        .map(|e| {
            let folder = config.kind(&e.kind).map_or("", |k| k.folder.as_str());
            let display = e.display();
            let usual = display == format!("content/{folder}/{}.md", e.slug);
            let path = if usual { String::new() } else { display };
            match (e.linkable, usual) {
                (true, true) => json!([e.slug, e.kind]),
                (true, false) => json!([e.slug, e.kind, path]),
                (false, _) => json!([e.slug, e.kind, path, 0]),
            }
        })
        .collect();
    let compare = config.compare.as_ref().map(|c| {
        json!({
            "kind": c.kind,
            "subject": c.subject,
            "round": c.round,
            "date_field": config.kind(&c.kind).and_then(|k| k.date_field.clone()),
        })
    });
    json!({
        "version": FORMAT_VERSION,
        "unknown": config.unknown,
        "kinds": kinds,
        "folders": folders,
        "documents": documents,
        "assets": catalog
            .assets
            .iter()
            .map(|a| a.to_string_lossy().replace('\\', "/"))
            .collect::<Vec<_>>(),
        "pages": pages(catalog),
        "reserved_ids": RESERVED_IDS,
        "compare": compare,
        "new_file_url": config.contribute.new_file_url,
    })
}

/// Per document of `documents`, in its order: its page's title and heading
/// ids (`[title, id, …]`), or `0` for a file that has no page; none after the
/// last page.
fn pages(catalog: &Catalog) -> Vec<Value> {
    let mut out: Vec<Value> = catalog
        .entries
        .iter()
        .map(|e| match &e.headings {
            Some(ids) => {
                let mut page = vec![e.title.as_str()];
                page.extend(ids.iter().map(String::as_str));
                json!(page)
            }
            None => json!(0),
        })
        .collect();
    while out.last() == Some(&json!(0)) {
        out.pop();
    }
    out
}

fn kind_schema(config: &Config, kind: &Kind) -> Value {
    let fields: Vec<Value> = kind
        .fields
        .iter()
        .map(|f| {
            let mut v = json!({
                "name": f.name,
                "label": f.label,
                "type": f.ty.name(),
                "required": f.required,
                "allow_unknown": f.allow_unknown,
            });
            match &f.ty {
                FieldType::Integer { min, max } => {
                    v["min"] = json!(min.to_string());
                    v["max"] = json!(max.to_string());
                }
                FieldType::Scale {
                    min,
                    max,
                    low,
                    high,
                } => {
                    v["min"] = json!(min.to_string());
                    v["max"] = json!(max.to_string());
                    v["low"] = json!(low);
                    v["high"] = json!(high);
                }
                FieldType::Enum(values) | FieldType::EnumList(values) => {
                    v["values"] = json!(values.iter().map(|e| &e.value).collect::<Vec<_>>());
                }
                FieldType::Ref { target } | FieldType::RefList { target } => {
                    v["target"] = json!(target);
                }
                FieldType::Distribution { of_kind } => {
                    let rows: Vec<Value> = config
                        .kind(of_kind)
                        .map(|k| {
                            k.fields
                                .iter()
                                .filter_map(|s| match s.ty {
                                    FieldType::Scale { min, max, .. } => {
                                        Some(json!([s.name, min.to_string(), max.to_string()]))
                                    }
                                    _ => None,
                                })
                                .collect()
                        })
                        .unwrap_or_default();
                    v["of"] = json!(of_kind);
                    v["rows"] = json!(rows);
                }
                FieldType::CountMap { of_kind, of_field } => {
                    let values: Vec<&str> = match config
                        .kind(of_kind)
                        .and_then(|k| k.field(of_field))
                        .map(|f| &f.ty)
                    {
                        Some(FieldType::Enum(v) | FieldType::EnumList(v)) => {
                            v.iter().map(|e| e.value.as_str()).collect()
                        }
                        _ => Vec::new(),
                    };
                    v["of"] = json!(of_kind);
                    v["values"] = json!(values);
                }
                FieldType::String
                | FieldType::Text
                | FieldType::StringList
                | FieldType::Date
                | FieldType::SourceLines => {}
            }
            v
        })
        .collect();
    json!({
        "label": kind.label,
        "folder": kind.folder,
        "fields": fields,
    })
}

/// For a compared kind that contributes: per document its slug, subject,
/// round, and the values that show it in the form (without the body, which a
/// new round writes afresh).
fn previous(site: &Site) -> Option<Value> {
    let config = &site.config;
    let compare = config.compare.as_ref()?;
    let kind = config.kind(&compare.kind).filter(|k| k.contribute)?;
    let documents: Vec<Value> = site
        .pages_of(&kind.name)
        .filter_map(|page| {
            let (subject, round) = subject_and_round(config, page)?;
            let mut values = values::from_document(config, kind, &page.doc);
            values.0.retain(|(k, _)| k != "body");
            Some(json!({
                "slug": page.doc.slug,
                "subject": subject,
                "round": round,
                "values": values,
            }))
        })
        .collect();
    Some(json!({ "kind": kind.name, "documents": documents }))
}
