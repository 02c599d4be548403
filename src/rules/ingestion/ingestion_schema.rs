use serde_json::Value;

use super::{finding, shown};
use crate::load::ingestion::{microsoft, IngestionDoc};
use crate::message::{describe, is_secret};
use crate::rules::ctx::RawFinding;
use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// Every resource whose `$schema` is version `2022-03-01-preview2` (on either host) follows
    /// Microsoft's own JSON Schema for its type, embedded in offer-lint: required properties,
    /// types, patterns, lengths, enums and unknown properties, as the API checks them.
    /// Microsoft published the schemas of that version only; resources of later versions
    /// (`preview3` to `preview6`, `2022-07-01`) are checked by offer-lint's own rules on
    /// the fields the model holds.
    ///
    /// The envelope of a configure payload or resource tree holds its resources as a list
    /// (`"resources": [...]`), whatever the version.
    ///
    /// A problem another rule already reports at the same place is reported once, by that
    /// rule, which says more about it.
    ///
    /// ## Why Partner Center rejects it
    /// The API validates each resource of a configure payload against the schema its
    /// `$schema` names and fails the job on the first resource that does not follow it.
    ///
    /// ## Example
    /// ```json
    /// { "$schema": "https://schema.mp.microsoft.com/schema/plan/2022-03-01-preview2",
    ///   "product": { "externalId": "contoso-vm" }, "alias": "Gen 2" }
    /// ```
    /// Use instead (a plan needs its `identity`):
    /// ```json
    /// { "$schema": "https://schema.mp.microsoft.com/schema/plan/2022-03-01-preview2",
    ///   "product": { "externalId": "contoso-vm" }, "identity": { "externalId": "gen2" },
    ///   "alias": "Gen 2" }
    /// ```
    ///
    /// ## Source
    /// - Microsoft's Product Ingestion schemas, 2022-03-01-preview2, e.g.
    ///   <https://product-ingestion.azureedge.net/schema/plan/2022-03-01-preview2>
    /// - Microsoft, Product Ingestion API for the commercial marketplace,
    ///   <https://learn.microsoft.com/partner-center/marketplace-offers/product-ingestion-api>
    RULE {
        id: "ingestion-schema",
        area: Ingestion,
        severity: Error,
        kind: Ingestion,
        summary: "a 2022-03-01-preview2 resource follows Microsoft's schema for its type",
    }
}

pub fn check(doc: &IngestionDoc, out: &mut Vec<RawFinding>) {
    use jsonschema::error::ValidationErrorKind as K;
    // The envelope: a payload or tree whose `resources` is not a list has nothing to check.
    if doc.kind != crate::load::ingestion::DocumentKind::Manifest && !doc.single {
        match doc.value.get("resources") {
            Some(Value::Array(_)) => {}
            Some(other) => out.push(finding(
                &RULE,
                "/resources".into(),
                At::Value,
                format!(
                    "resources is {}; expected a list of resources",
                    crate::load::yaml::kind_of(other)
                ),
                "write `\"resources\": [ { \"$schema\": ... }, ... ]`".into(),
            )),
            None => out.push(finding(
                &RULE,
                String::new(),
                At::Value,
                "the document has no `resources`".into(),
                "a configure payload sends its resources as `\"resources\": [ ... ]`".into(),
            )),
        }
    }
    for r in &doc.resources {
        let (Some(kind), Some(schema)) = (&r.kind, &r.schema) else {
            continue;
        };
        if schema.version != microsoft::VERSION {
            continue;
        }
        let Some(found) = microsoft::validate(kind, r.value) else {
            continue;
        };
        let violations = match found {
            Ok(v) => v,
            Err(e) => {
                out.push(finding(
                    &RULE,
                    r.pointer.clone(),
                    At::Value,
                    format!("internal: Microsoft's embedded schemas do not compile: {e}"),
                    "report this as a bug of offer-lint".into(),
                ));
                return;
            }
        };
        let help = format!("Microsoft's schema: {}", microsoft::url(kind));
        // One finding per object for what it lacks: `lacks `identity` and `alias``.
        let mut missing: Vec<(String, Vec<String>)> = Vec::new();
        for v in violations {
            let at = format!("{}{}", r.pointer, v.pointer);
            let field = shown(&at);
            let (pointer, message) = match v.error.kind() {
                K::Required { property } => {
                    let name = property.as_str().unwrap_or_default().to_string();
                    match missing.iter_mut().find(|(p, _)| *p == at) {
                        Some((_, names)) => names.push(name),
                        None => missing.push((at, vec![name])),
                    }
                    continue;
                }
                K::AdditionalProperties { unexpected } => {
                    for key in unexpected {
                        let p = format!("{at}/{}", key.replace('~', "~0").replace('/', "~1"));
                        out.push(finding(
                            &RULE,
                            p,
                            At::Key,
                            format!("`{key}` is not a property of Microsoft's `{kind}` schema"),
                            help.clone(),
                        ));
                    }
                    continue;
                }
                other => {
                    let secret = is_secret(&at, v.error.instance());
                    let hidden = Value::String("(a secret, not shown)".into());
                    let written = if secret { &hidden } else { v.error.instance() };
                    (
                        at.clone(),
                        describe(other, &field, v.error.instance(), written),
                    )
                }
            };
            out.push(finding(&RULE, pointer, At::Value, message, help.clone()));
        }
        for (at, names) in missing {
            let names: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
            let message = format!(
                "{} lacks {}, which Microsoft's `{kind}` schema requires",
                shown(&at),
                names.join(" and ")
            );
            out.push(finding(&RULE, at, At::Value, message, help.clone()));
        }
    }
}
