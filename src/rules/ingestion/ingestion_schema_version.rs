use serde_json::Value;

use super::{finding, shown};
use crate::load::ingestion::{IngestionDoc, SchemaUri, HOSTS, VERSIONS};
use crate::rules::ctx::RawFinding;
use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// The `$schema` of the document and of each resource names a schema version and host
    /// in use: versions `2022-03-01-preview2` to `2022-03-01-preview6` and `2022-07-01`, on
    /// `schema.mp.microsoft.com` or `product-ingestion.azureedge.net`. Any mix of these in
    /// one payload is normal (each resource type moves at its own pace). Another version
    /// or host is reported as information: the resource is still checked, with the rules of
    /// the versions offer-lint knows.
    ///
    /// ## Why it matters
    /// A version Microsoft never published, or an internal host (the docs once showed
    /// `product-ingestion-int.azureedge.net/.../2021-12-01-dev`), fails the configure job.
    /// A newer version than offer-lint knows may carry fields offer-lint does not check yet.
    ///
    /// ## Example
    /// ```json
    /// { "$schema": "https://product-ingestion-int.azureedge.net/schema/plan/2021-12-01-dev" }
    /// ```
    /// Use instead:
    /// ```json
    /// { "$schema": "https://schema.mp.microsoft.com/schema/plan/2022-03-01-preview2" }
    /// ```
    ///
    /// ## Source
    /// - Microsoft, Product Ingestion API, the resource schemas and their versions,
    ///   <https://learn.microsoft.com/partner-center/marketplace-offers/product-ingestion-api>
    /// - Microsoft moved its own client to schema.mp.microsoft.com in 2025,
    ///   <https://github.com/microsoft/microsoft-partner-center-github-action/blob/main/entrypoint.sh>
    RULE {
        id: "ingestion-schema-version",
        area: Ingestion,
        severity: Info,
        kind: Ingestion,
        summary: "schema versions preview2-preview6 and 2022-07-01 on schema.mp or azureedge",
    }
}

pub fn check(doc: &IngestionDoc, out: &mut Vec<RawFinding>) {
    let top = doc.resources.first().is_some_and(|r| r.pointer.is_empty());
    if !top {
        if let Some(s) = doc
            .value
            .get("$schema")
            .and_then(Value::as_str)
            .and_then(SchemaUri::parse)
        {
            version("/$schema", &s, out);
        }
    }
    for r in &doc.resources {
        if let (Some(s), Some(_)) = (&r.schema, r.place) {
            version(&format!("{}/$schema", r.pointer), s, out);
        }
    }
}

fn version(pointer: &str, s: &SchemaUri, out: &mut Vec<RawFinding>) {
    let problem = match (s.known_host(), s.known_version()) {
        (true, true) => return,
        (false, _) => format!(
            "the host `{}` is not one Microsoft publishes the schemas on",
            s.host
        ),
        (true, false) => format!("the version `{}` is not one offer-lint knows", s.version),
    };
    out.push(finding(
        &RULE,
        pointer.to_string(),
        At::Value,
        format!(
            "{} names `{}/{}`: {problem}",
            shown(pointer),
            s.kind,
            s.version
        ),
        format!(
            "use a published version ({}) on {}",
            VERSIONS.join(", "),
            HOSTS.join(" or ")
        ),
    ));
}
