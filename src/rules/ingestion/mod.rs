//! Rules on Product Ingestion documents themselves (references, schema URIs, image
//! lifecycle), run by the JSON front end before the document is translated into the model.

pub mod ingestion_image_deleted;
pub mod ingestion_reference;
pub mod ingestion_resource_unknown;
pub mod ingestion_schema;
pub mod ingestion_schema_version;

use crate::load::ingestion::IngestionDoc;
use crate::rules::ctx::RawFinding;
use crate::rules::{At, Rule};

/// One ingestion rule's check: it appends its findings for a document.
type Check = fn(&IngestionDoc, &mut Vec<RawFinding>);

/// Every ingestion rule over one document, findings by JSON pointer.
pub fn run(doc: &IngestionDoc, enabled: impl Fn(&Rule) -> bool) -> Vec<RawFinding> {
    let mut out = Vec::new();
    let checks: [(&Rule, Check); 5] = [
        (&ingestion_schema::RULE, ingestion_schema::check),
        (&ingestion_reference::RULE, ingestion_reference::check),
        (
            &ingestion_image_deleted::RULE,
            ingestion_image_deleted::check,
        ),
        (
            &ingestion_resource_unknown::RULE,
            ingestion_resource_unknown::check,
        ),
        (
            &ingestion_schema_version::RULE,
            ingestion_schema_version::check,
        ),
    ];
    for (rule, check) in checks {
        if enabled(rule) {
            check(doc, &mut out);
        }
    }
    out
}

pub(crate) fn finding(
    rule: &'static Rule,
    pointer: String,
    at: At,
    message: String,
    help: String,
) -> RawFinding {
    RawFinding::new(rule, pointer, at, message, Some(help))
}

/// A pointer for messages: `/resources/3/plan` → `resources[3].plan`.
pub(crate) fn shown(pointer: &str) -> String {
    if pointer.is_empty() {
        "the document".into()
    } else {
        crate::message::display_path(pointer)
    }
}
