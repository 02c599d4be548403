use serde_json::Value;

use super::{finding, shown};
use crate::load::ingestion::reference::{durable_problem, is_guid, Ref};
use crate::load::ingestion::{DocumentKind, IngestionDoc, Place, Resource};
use crate::rules::ctx::RawFinding;
use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// Every `product` and `plan` reference of a Product Ingestion resource is either
    /// `{"externalId": "<id>"}` or a well-formed durable id: `product/<guid>` for a product,
    /// `plan/<product guid>/<plan guid>` for a plan. Reported:
    ///
    /// - a durable id of the wrong shape: `product/product/<guid>`, `plan/<guid>` (one GUID),
    ///   or an id built from external ids (`plan/contoso-sql/ws2022`);
    /// - `externalID` with a capital D, or an object with other keys;
    /// - a resource whose reference does not match its document: in a resource tree, a
    ///   product other than the tree's `root`; a `plan` durable id whose product GUID is
    ///   not the resource's own `product`;
    /// - a tree whose `root` is not a well-formed product id;
    /// - a resource without the reference that places it: every resource but the product
    ///   names its `product`; plan listings, plan pricing and technical configurations
    ///   also name their `plan`.
    ///
    /// ## Why Partner Center rejects it
    /// The API resolves each reference before it applies anything: a reference it cannot
    /// resolve fails the whole configure job (`invalidResource`/`notFound`), so nothing of
    /// the payload is applied. Durable ids are the GUIDs Partner Center assigned; a client
    /// that builds one from the offer and plan ids it knows sends a reference that can never
    /// resolve. Referencing by `externalId` works for new and existing resources alike.
    ///
    /// ## Example
    /// ```json
    /// { "$schema": "https://schema.mp.microsoft.com/schema/virtual-machine-plan-technical-configuration/2022-03-01-preview3",
    ///   "product": "product/product/1b2c3d4e-0000-4000-8000-000000000001",
    ///   "plan": { "externalID": "hardened-2204-gen2" } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "$schema": "https://schema.mp.microsoft.com/schema/virtual-machine-plan-technical-configuration/2022-03-01-preview3",
    ///   "product": { "externalId": "contoso-hardened-ubuntu" },
    ///   "plan": { "externalId": "hardened-2204-gen2" } }
    /// ```
    ///
    /// ## Source
    /// - Microsoft, Product Ingestion API: resource references and durable ids,
    ///   <https://learn.microsoft.com/partner-center/marketplace-offers/product-ingestion-api>
    /// - Microsoft's schema `resource-reference` as the preview2 resource schemas use it, e.g.
    ///   <https://product-ingestion.azureedge.net/schema/plan-listing/2022-03-01-preview2>
    RULE {
        id: "ingestion-reference",
        area: Ingestion,
        severity: Error,
        kind: Ingestion,
        summary: "product/plan references are {externalId} or product/<guid>, plan/<guid>/<guid>, matching their document",
    }
}

pub fn check(doc: &IngestionDoc, out: &mut Vec<RawFinding>) {
    let root_guid = match doc.value.get("root") {
        Some(Value::String(root)) if doc.kind == DocumentKind::ResourceTree => {
            if let Some(why) = durable_problem("product", root) {
                out.push(finding(
                    &RULE,
                    "/root".into(),
                    At::Value,
                    format!("root is `{root}`, which {why}"),
                    "a resource tree's root is the product's durable id, `product/<guid>`".into(),
                ));
            }
            root.split('/')
                .rfind(|p| is_guid(p))
                .map(str::to_ascii_lowercase)
        }
        _ => None,
    };
    duplicates(doc, out);
    for r in &doc.resources {
        missing(r, out);
        for field in ["product", "plan"] {
            let Some(v) = r.value.get(field) else {
                continue;
            };
            reference(&format!("{}/{field}", r.pointer), field, v, out);
        }
        // A resource in a tree belongs to the tree's product.
        let product_guid = match r.value.get("product").and_then(Ref::read) {
            Some(Ref::Durable { guids, .. }) => guids.last().cloned(),
            _ => None,
        };
        if let (Some(root), Some(own)) = (&root_guid, &product_guid) {
            if root != own {
                out.push(finding(
                    &RULE,
                    format!("{}/product", r.pointer),
                    At::Value,
                    format!(
                        "{} names product {own}, but the tree is product {root}",
                        shown(&format!("{}/product", r.pointer))
                    ),
                    "a resource tree holds one product's resources; this one belongs to another product".into(),
                ));
            }
        }
        // A plan's durable id starts with its product's GUID.
        if let (Some(own), Some(Value::String(plan))) = (&product_guid, r.value.get("plan")) {
            let parts: Vec<&str> = plan.split('/').collect();
            if parts.len() == 3
                && parts[0] == "plan"
                && is_guid(parts[1])
                && is_guid(parts[2])
                && !parts[1].eq_ignore_ascii_case(own)
            {
                out.push(finding(
                    &RULE,
                    format!("{}/plan", r.pointer),
                    At::Value,
                    format!(
                        "{} is a plan of product {}, but the resource's product is {own}",
                        shown(&format!("{}/plan", r.pointer)),
                        parts[1]
                    ),
                    "use the plan of this product, or reference both by externalId".into(),
                ));
            }
        }
    }
}

/// A resource without the reference the API needs to place it: every resource but the
/// product names its `product`, and plan listings, plan pricing and technical
/// configurations name their `plan`.
fn missing(r: &Resource, out: &mut Vec<RawFinding>) {
    let Some(place) = r.place else {
        return;
    };
    let mut needs = Vec::new();
    if place != Place::Product && r.kind.as_deref() != Some("resource-tree") {
        needs.push("product");
    }
    if matches!(
        place,
        Place::PlanListing | Place::PlanAvailability | Place::TechnicalConfiguration
    ) {
        needs.push("plan");
    }
    for field in needs {
        if r.value.get(field).is_some() {
            continue;
        }
        out.push(finding(
            &RULE,
            r.pointer.clone(),
            At::Value,
            format!("{} has no `{field}` reference", shown(&r.pointer)),
            format!("add `\"{field}\": {{\"externalId\": \"<the {field}'s id>\"}}`: the API places a resource by it"),
        ));
    }
}

/// A second resource for the same part of an offer (two technical configurations of one
/// plan, two listings in one language): the API applies both in order, so the later one is
/// what is published, and the model, which holds one, would check only the first.
fn duplicates(doc: &IngestionDoc, out: &mut Vec<RawFinding>) {
    let first_key = |v: Option<&Value>| {
        v.and_then(Ref::read)
            .and_then(|r| r.keys().into_iter().next())
            .unwrap_or_default()
    };
    let mut seen: std::collections::HashMap<(Place, String, String, String), &str> =
        std::collections::HashMap::new();
    for r in &doc.resources {
        let Some(place) = r.place.filter(|p| *p != Place::Elsewhere) else {
            continue;
        };
        let plan = if place == Place::Plan {
            let own = crate::load::ingestion::reference::own_keys(r.value);
            match own.into_iter().next() {
                Some(k) => k,
                None => continue, // a plan with no id: `missing` reports what it lacks
            }
        } else {
            first_key(r.value.get("plan"))
        };
        let language = r
            .value
            .get("languageId")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_ascii_lowercase();
        let key = (place, first_key(r.value.get("product")), plan, language);
        match seen.get(&key) {
            Some(first) => out.push(finding(
                &RULE,
                r.pointer.clone(),
                At::Value,
                format!(
                    "{} is a second {} for the same {} as {}",
                    shown(&r.pointer),
                    r.kind.as_deref().unwrap_or("resource"),
                    if key.2.is_empty() { "product" } else { "plan" },
                    shown(first)
                ),
                "send one resource for each part of an offer: the API applies both in order and publishes the later one".into(),
            )),
            None => {
                seen.insert(key, &r.pointer);
            }
        }
    }
}

fn reference(pointer: &str, field: &str, v: &Value, out: &mut Vec<RawFinding>) {
    // Made only for a finding: most references are fine.
    let at = || shown(pointer);
    match v {
        Value::String(s) => {
            if let Some(why) = durable_problem(field, s) {
                out.push(finding(
                    &RULE,
                    pointer.to_string(),
                    At::Value,
                    format!("{} is `{s}`, which {why}", at()),
                    format!(
                        "reference the {field} by `{{\"externalId\": \"<its id>\"}}`, or copy its durable id from the resource tree"
                    ),
                ));
            }
        }
        Value::Object(m) => {
            let ok = m.len() == 1
                && m.get("externalId")
                    .is_some_and(|x| x.as_str().is_some_and(|s| !s.is_empty()));
            if ok {
                return;
            }
            let (ptr, message, help) = match m.keys().find(|k| k.as_str() != "externalId") {
                Some(k) if k.eq_ignore_ascii_case("externalId") => (
                    format!("{pointer}/{}", crate::load::yaml::escape_token(k)),
                    format!("{} uses `{k}`; the API's key is `externalId`", at()),
                    "write `externalId` (lowercase d): keys are case-sensitive".to_string(),
                ),
                Some(k) => (
                    format!("{pointer}/{}", crate::load::yaml::escape_token(k)),
                    format!(
                        "{} has the key `{k}`; a reference holds only `externalId`",
                        at()
                    ),
                    format!("write `{{\"externalId\": \"<the {field}'s id>\"}}`"),
                ),
                None => (
                    pointer.to_string(),
                    format!("{} has no `externalId` value", at()),
                    format!("write `{{\"externalId\": \"<the {field}'s id>\"}}`"),
                ),
            };
            out.push(finding(&RULE, ptr, At::Key, message, help));
        }
        other => out.push(finding(
            &RULE,
            pointer.to_string(),
            At::Value,
            format!(
                "{} is {}; a reference is a durable id or an object",
                at(),
                crate::load::yaml::kind_of(other)
            ),
            format!("write `{{\"externalId\": \"<the {field}'s id>\"}}`"),
        )),
    }
}
