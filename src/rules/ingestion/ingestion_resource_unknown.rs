use super::{finding, shown};
use crate::load::ingestion::IngestionDoc;
use crate::rules::ctx::RawFinding;
use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// Every resource of a configure payload or resource tree names a resource type offer-lint
    /// knows in its `$schema` (`https://schema.mp.microsoft.com/schema/<type>/<version>`):
    /// product, customer-leads, test-drive, property, listing, listing-asset,
    /// listing-trailer, price-and-availability-offer, plan, plan-listing,
    /// price-and-availability-plan, virtual-machine-plan-technical-configuration,
    /// core-virtual-machine-plan-technical-configuration, reseller, submission,
    /// price-and-availability-update-private-audiences. A resource without `$schema` is
    /// typed by the first segment of its durable `id` when it has one.
    ///
    /// ## Why Partner Center rejects it
    /// The API picks the schema a resource is validated against from its `$schema`: a
    /// misspelt type, a URI that is not a schema URI, or a missing `$schema` fails the
    /// configure job. A resource offer-lint cannot type is not checked by any other rule.
    ///
    /// ## Example
    /// ```json
    /// { "$schema": "https://schema.mp.microsoft.com/schema/plan-listings/2022-03-01-preview3" }
    /// ```
    /// Use instead:
    /// ```json
    /// { "$schema": "https://schema.mp.microsoft.com/schema/plan-listing/2022-03-01-preview3" }
    /// ```
    ///
    /// ## Source
    /// - Microsoft, Product Ingestion API, resource types and their schemas,
    ///   <https://learn.microsoft.com/partner-center/marketplace-offers/product-ingestion-api>
    RULE {
        id: "ingestion-resource-unknown",
        area: Ingestion,
        severity: Warning,
        kind: Ingestion,
        summary: "every resource's $schema names a known resource type",
    }
}

pub fn check(doc: &IngestionDoc, out: &mut Vec<RawFinding>) {
    for r in &doc.resources {
        // A resource typed by its `id` is checked, but a `$schema` that is no schema URI
        // still fails the API.
        let bad_schema = r.value.get("$schema").is_some() && r.schema.is_none();
        if r.place.is_some() && !bad_schema {
            continue;
        }
        let (pointer, message) = match (r.value.get("$schema"), &r.schema) {
            (Some(_), Some(s)) => (
                format!("{}/$schema", r.pointer),
                format!(
                    "{} names the resource type `{}`, which offer-lint does not know",
                    shown(&format!("{}/$schema", r.pointer)),
                    s.kind
                ),
            ),
            (Some(v), None) => (
                format!("{}/$schema", r.pointer),
                format!(
                    "{} is {}, which is not a schema URI",
                    shown(&format!("{}/$schema", r.pointer)),
                    short(v)
                ),
            ),
            (None, _) if r.value.is_object() => (
                r.pointer.clone(),
                format!(
                    "{} has no `$schema`, so its type is unknown",
                    shown(&r.pointer)
                ),
            ),
            (None, _) => (
                r.pointer.clone(),
                format!(
                    "{} is {}, not a resource",
                    shown(&r.pointer),
                    crate::load::yaml::kind_of(r.value)
                ),
            ),
        };
        let further = if r.place.is_some() {
            "offer-lint typed it by its `id`"
        } else {
            "this resource is not checked further"
        };
        out.push(finding(
            &RULE,
            pointer,
            At::Value,
            message,
            format!("write the schema URI of the resource type, e.g. `https://schema.mp.microsoft.com/schema/plan-listing/2022-03-01-preview3`; {further}"),
        ));
    }
}

fn short(v: &serde_json::Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 80 {
        format!("{}…", s.chars().take(77).collect::<String>())
    } else {
        s
    }
}
