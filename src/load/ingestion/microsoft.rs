//! Microsoft's own JSON Schemas for the Product Ingestion API, version 2022-03-01-preview2
//! (the one version Microsoft published), embedded and compiled on first use. Each resource
//! of that version is validated against its type's schema; `schemas/product-ingestion/README.md`
//! says where each file comes from and which definition is ours.

use std::sync::OnceLock;

use jsonschema::{Draft, Validator};
use serde_json::Value;

/// The version these schemas are.
pub const VERSION: &str = "2022-03-01-preview2";

/// Where Microsoft publishes them (every `$id` is `{HOST}/schema/<name>/{VERSION}`).
pub const BASE: &str = "https://product-ingestion.azureedge.net/schema/";

/// The schema of each resource type, by type name.
const TYPES: &[(&str, &str)] = &[
    ("customer-leads", include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/schemas/product-ingestion/2022-03-01-preview2/customer-leads.schema.json"))),
    ("listing", include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/schemas/product-ingestion/2022-03-01-preview2/listing.schema.json"))),
    ("listing-asset", include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/schemas/product-ingestion/2022-03-01-preview2/listing-asset.schema.json"))),
    ("listing-trailer", include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/schemas/product-ingestion/2022-03-01-preview2/listing-trailer.schema.json"))),
    ("plan", include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/schemas/product-ingestion/2022-03-01-preview2/plan.schema.json"))),
    ("plan-listing", include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/schemas/product-ingestion/2022-03-01-preview2/plan-listing.schema.json"))),
    ("price-and-availability-offer", include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/schemas/product-ingestion/2022-03-01-preview2/price-and-availability-offer.schema.json"))),
    ("price-and-availability-plan", include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/schemas/product-ingestion/2022-03-01-preview2/price-and-availability-plan.schema.json"))),
    ("product", include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/schemas/product-ingestion/2022-03-01-preview2/product.schema.json"))),
    ("property", include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/schemas/product-ingestion/2022-03-01-preview2/property.schema.json"))),
    ("reseller", include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/schemas/product-ingestion/2022-03-01-preview2/reseller.schema.json"))),
    ("resource-tree", include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/schemas/product-ingestion/2022-03-01-preview2/resource-tree.schema.json"))),
    ("submission", include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/schemas/product-ingestion/2022-03-01-preview2/submission.schema.json"))),
    ("test-drive", include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/schemas/product-ingestion/2022-03-01-preview2/test-drive.schema.json"))),
    ("virtual-machine-plan-technical-configuration", include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/schemas/product-ingestion/2022-03-01-preview2/virtual-machine-plan-technical-configuration.schema.json"))),
];

/// The definitions they share (`resource`, `resource-reference`, `durable-id`, ...).
const SHARED: &[&str] = &[
    include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/schemas/product-ingestion/2022-03-01-preview2/shared/deprecation-schedule.schema.json")),
    include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/schemas/product-ingestion/2022-03-01-preview2/shared/durable-id.schema.json")),
    include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/schemas/product-ingestion/2022-03-01-preview2/shared/inner-error.schema.json")),
    include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/schemas/product-ingestion/2022-03-01-preview2/shared/masked-secret.schema.json")),
    include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/schemas/product-ingestion/2022-03-01-preview2/shared/price-and-availability-audience.schema.json")),
    include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/schemas/product-ingestion/2022-03-01-preview2/shared/price-and-availability-audiences.schema.json")),
    include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/schemas/product-ingestion/2022-03-01-preview2/shared/price-and-availability-core-price.schema.json")),
    include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/schemas/product-ingestion/2022-03-01-preview2/shared/price-and-availability-market.schema.json")),
    include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/schemas/product-ingestion/2022-03-01-preview2/shared/price-and-availability-price.schema.json")),
    include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/schemas/product-ingestion/2022-03-01-preview2/shared/price-and-availability-software-reservation.schema.json")),
    include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/schemas/product-ingestion/2022-03-01-preview2/shared/price-and-availability-trail.schema.json")),
    include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/schemas/product-ingestion/2022-03-01-preview2/shared/resource-lifecycle-state.schema.json")),
    include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/schemas/product-ingestion/2022-03-01-preview2/shared/resource-reference.schema.json")),
    include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/schemas/product-ingestion/2022-03-01-preview2/shared/resource-target-type.schema.json")),
    include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/schemas/product-ingestion/2022-03-01-preview2/shared/resource-target.schema.json")),
    include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/schemas/product-ingestion/2022-03-01-preview2/shared/resource.schema.json")),
    include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/schemas/product-ingestion/2022-03-01-preview2/shared/schema-uri.schema.json")),
    include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/schemas/product-ingestion/2022-03-01-preview2/shared/validation.schema.json")),
    include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/schemas/product-ingestion/2022-03-01-preview2/shared/virtual-machine-data-disk.schema.json")),
    include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/schemas/product-ingestion/2022-03-01-preview2/shared/virtual-machine-open-port.schema.json")),
    include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/schemas/product-ingestion/2022-03-01-preview2/shared/virtual-machine-operating-system.schema.json")),
    include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/schemas/product-ingestion/2022-03-01-preview2/shared/virtual-machine-os-disk.schema.json")),
];

/// One way a resource fails Microsoft's schema.
#[derive(Debug)]
pub struct Violation {
    /// The JSON pointer of the value inside the resource (`` for the resource itself).
    pub pointer: String,
    /// The error, owning the value that fails (`error.kind()`, `error.instance()`).
    pub error: jsonschema::ValidationError<'static>,
}

/// The parsed documents with their `$id`s, and the registry that resolves their `$ref`s:
/// made once.
static PARSED: OnceLock<Result<Vec<(String, Value)>, String>> = OnceLock::new();
static REGISTRY: OnceLock<Result<jsonschema::Registry<'static>, String>> = OnceLock::new();
/// Each type's validator, compiled when a resource of that type is first met: a configure
/// payload of one technical configuration compiles one schema, not fifteen.
static VALIDATORS: [OnceLock<Result<Validator, String>>; TYPES.len()] =
    [const { OnceLock::new() }; TYPES.len()];

fn parsed() -> Result<&'static [(String, Value)], &'static str> {
    PARSED.get_or_init(parse).as_deref().map_err(String::as_str)
}

fn parse() -> Result<Vec<(String, Value)>, String> {
    let mut docs: Vec<(String, Value)> = Vec::new();
    for text in SHARED.iter().chain(TYPES.iter().map(|(_, t)| t)) {
        let v: Value =
            serde_json::from_str(text).map_err(|e| format!("an embedded Microsoft schema: {e}"))?;
        let id = v
            .get("$id")
            .and_then(Value::as_str)
            .ok_or("an embedded Microsoft schema has no $id")?
            .to_string();
        docs.push((id, v));
    }
    Ok(docs)
}

fn registry() -> Result<&'static jsonschema::Registry<'static>, &'static str> {
    REGISTRY
        .get_or_init(|| {
            let parsed = parsed()?;
            let mut registry = jsonschema::Registry::new();
            for (id, v) in parsed {
                registry = registry.add(id, v).map_err(|e| e.to_string())?;
            }
            registry.prepare().map_err(|e| e.to_string())
        })
        .as_ref()
        .map_err(String::as_str)
}

/// The validator of the type at `TYPES[i]`.
fn validator(i: usize) -> Result<&'static Validator, &'static str> {
    VALIDATORS[i]
        .get_or_init(|| {
            let (name, _) = TYPES[i];
            let id = format!("{BASE}{name}/{VERSION}");
            let parsed = parsed()?;
            let registry = registry()?;
            let Some((_, schema)) = parsed.iter().find(|(i, _)| *i == id) else {
                return Err(format!("no embedded schema has the $id {id}"));
            };
            jsonschema::options()
                .with_draft(Draft::Draft202012)
                .should_validate_formats(true)
                .offline()
                .with_registry(registry)
                .with_base_uri(id.clone())
                .build(schema)
                .map_err(|e| format!("{id}: {e}"))
        })
        .as_ref()
        .map_err(String::as_str)
}

/// Compiles every type's schema now, on both cores, ahead of the first resource (see
/// `lint::prepare`): a resource tree holds most types.
pub fn prepare() {
    use rayon::prelude::*;
    (0..TYPES.len()).into_par_iter().for_each(|i| {
        let _ = validator(i);
    });
}

/// Whether Microsoft's schema of this resource type and version is embedded.
pub fn has(kind: &str, version: &str) -> bool {
    version == VERSION && TYPES.iter().any(|(n, _)| *n == kind)
}

/// The ways `resource` fails Microsoft's schema for `kind`; `None` when it has none embedded.
/// An `Err` is a defect of the embedded schemas (a test compiles them).
pub fn validate(kind: &str, resource: &Value) -> Option<Result<Vec<Violation>, &'static str>> {
    let i = TYPES.iter().position(|(n, _)| *n == kind)?;
    Some(validator(i).map(|validator| {
        // Most resources are valid: the boolean check is several times cheaper.
        if validator.is_valid(resource) {
            return Vec::new();
        }
        validator
            .iter_errors(resource)
            .map(|e| Violation {
                pointer: e.instance_path().as_str().to_string(),
                error: e.to_owned(),
            })
            .collect()
    }))
}

/// The URL of Microsoft's schema for a resource type.
pub fn url(kind: &str) -> String {
    format!("{BASE}{kind}/{VERSION}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn every_embedded_schema_compiles() {
        for (i, (name, _)) in TYPES.iter().enumerate() {
            assert!(validator(i).is_ok(), "{name}: {:?}", validator(i).err());
        }
    }

    #[test]
    fn a_plan_without_identity_fails_and_a_whole_one_passes() {
        let bad = json!({"$schema": "https://schema.mp.microsoft.com/schema/plan/2022-03-01-preview2",
            "product": "product/8bd0a7d0-8d49-4e02-a2ae-4ee6ae0e16e5", "alias": "Gen 2"});
        let found = validate("plan", &bad).unwrap().unwrap();
        assert!(found.iter().any(|v| matches!(v.error.kind(),
            jsonschema::error::ValidationErrorKind::Required { property } if property == "identity")), "{found:?}");
        let good = json!({"$schema": "https://product-ingestion.azureedge.net/schema/plan/2022-03-01-preview2",
            "product": "product/8bd0a7d0-8d49-4e02-a2ae-4ee6ae0e16e5", "alias": "Gen 2",
            "identity": {"externalId": "gen2"}, "azureRegions": ["azureGlobal"]});
        let found = validate("plan", &good).unwrap().unwrap();
        assert!(found.is_empty(), "{found:?}");
        assert!(validate("no-such-type", &good).is_none());
    }
}
