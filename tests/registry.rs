//! The rule registry against the first release's catalog (tests/data/catalog-v1.txt), and the id list under a snapshot so a
//! rename or a removal shows up in review.

use std::collections::BTreeSet;

use offer_lint::check::schema;
use offer_lint::rules::{self, Kind};

/// (id, severity) of every rule of the first release's catalog, kept in the repository.
fn catalog_rules() -> BTreeSet<(String, String)> {
    let text = include_str!("data/catalog-v1.txt");
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let (id, sev) = l.split_once(' ').expect("`id severity`");
            (id.to_string(), sev.trim().to_string())
        })
        .collect()
}

#[test]
fn registry_keeps_every_catalog_rule() {
    let catalog = catalog_rules();
    assert!(
        catalog.len() > 80,
        "parsed only {} catalog rules",
        catalog.len()
    );
    let registry: BTreeSet<(String, String)> = rules::ALL
        .iter()
        .map(|r| (r.id.to_string(), r.severity.as_str().to_string()))
        .collect();
    // Default severities changed on purpose, each with its reason in the rule's docs: the id
    // stays, only the default moves (a configuration can set it back).
    let changed = [(
        // No current certification test fails it (LISA's policy text "recommends" it).
        ("cert-linux-root-partition", "error"),
        "warning",
    )];
    for ((id, _), now) in changed {
        assert!(
            registry.contains(&(id.to_string(), now.to_string())),
            "{id} should be {now}"
        );
    }
    let missing: Vec<_> = catalog
        .difference(&registry)
        .filter(|(id, sev)| !changed.iter().any(|((c, s), _)| c == id && s == sev))
        .collect();
    assert!(
        missing.is_empty(),
        "in the v1 catalog but not in the registry (or with another severity): {missing:?}"
    );
    // Rules the project added beyond the catalog: each is a deliberate addition.
    let added: Vec<_> = registry
        .difference(&catalog)
        .map(|(id, _)| id.as_str())
        .filter(|id| !changed.iter().any(|((c, _), _)| c == id))
        .collect();
    assert_eq!(
        added,
        [
            "cert-linux-omi",
            "cert-linux-users",
            "change-image-version-dropped",
            "config-invalid",
            "ingestion-image-deleted",
            "ingestion-reference",
            "ingestion-resource-unknown",
            "ingestion-schema",
            "ingestion-schema-version",
            "leads-destination-retired",
            "manifest-env-denied",
            "plan-visibility",
            "suppression-invalid",
            "suppression-reason",
            "suppression-unused"
        ],
        "rules added beyond the v1 catalog"
    );
}

#[test]
fn rule_ids_are_unique_and_stable() {
    let ids: Vec<&str> = rules::ALL.iter().map(|r| r.id).collect();
    let unique: BTreeSet<&str> = ids.iter().copied().collect();
    assert_eq!(unique.len(), ids.len(), "duplicate rule ids");
    let listing = rules::ALL
        .iter()
        .map(|r| format!("{} {} {}", r.id, r.area.name(), r.severity))
        .collect::<Vec<_>>()
        .join("\n");
    insta::assert_snapshot!("rule_ids", listing);
}

#[test]
fn every_rule_is_documented() {
    for r in rules::ALL {
        let doc = rules::documentation(r);
        assert!(
            doc.contains("## What it checks"),
            "{} has no documentation",
            r.id
        );
        assert!(!r.summary.is_empty(), "{} has no summary", r.id);
    }
}

/// Every rule says where its requirement comes from, with a public URL (Microsoft's docs, a
/// LISA test, a schema, or for offer-lint's own rules its published docs), never only a file
/// of the project's own notes.
#[test]
fn every_rule_cites_a_public_source() {
    let mut missing = Vec::new();
    for r in rules::ALL {
        let doc = rules::documentation(r);
        let source = doc
            .split("## Source")
            .nth(1)
            .map(|s| s.split("\n## ").next().unwrap_or(s))
            .unwrap_or_default();
        if !source.contains("https://") || source.contains("shared/") {
            missing.push(r.id);
        }
    }
    assert!(
        missing.is_empty(),
        "rules whose Source names no public URL: {missing:?}"
    );
}

#[test]
fn every_x_rule_names_a_registered_document_rule() {
    let s = schema::schemas().expect("schemas compile");
    let x = s.x_rules();
    assert!(!x.is_empty(), "the schemas carry no x-rule");
    for (uri, pointer, id) in x {
        let rule = rules::by_id(&id)
            .unwrap_or_else(|| panic!("{uri}#{pointer}: x-rule `{id}` is not a registered rule"));
        assert!(
            matches!(rule.kind, Kind::Document),
            "{uri}#{pointer}: x-rule `{id}` is not a document rule"
        );
    }
}

/// Every constraint keyword reachable from the manifest schema resolves to a specific rule:
/// an `x-rule` at or above it along the path the validator takes, through `$ref`s (the same
/// walk the engine does for an error). Structure (type, unknown keys, required) may stay
/// generic.
#[test]
fn every_schema_constraint_resolves_to_a_rule() {
    use serde_json::Value;
    use std::collections::{HashMap, HashSet};
    const CONSTRAINTS: &[&str] = &[
        "maxLength",
        "minLength",
        "pattern",
        "enum",
        "const",
        "minItems",
        "maxItems",
        "uniqueItems",
        "minimum",
        "maximum",
        "exclusiveMinimum",
        "exclusiveMaximum",
        "multipleOf",
        "format",
        "minProperties",
        "maxProperties",
        "not",
        "oneOf",
        "anyOf",
        "dependentRequired",
    ];
    let docs: HashMap<String, Value> = schema::FILES
        .iter()
        .map(|(n, t)| (n.to_string(), serde_json::from_str(t).unwrap()))
        .collect();
    struct Walk<'a> {
        docs: &'a HashMap<String, Value>,
        seen: HashSet<(String, String, bool)>,
        bad: Vec<String>,
    }
    impl Walk<'_> {
        fn visit(&mut self, file: &str, ptr: &str, v: &Value, ruled: bool) {
            match v {
                Value::Object(m) => {
                    if !self.seen.insert((file.to_string(), ptr.to_string(), ruled)) {
                        return;
                    }
                    let ruled = ruled || m.contains_key("x-rule");
                    let is_map =
                        ptr.ends_with("/properties") || ptr.ends_with("/patternProperties");
                    if !is_map && !ruled {
                        for k in CONSTRAINTS {
                            if m.contains_key(*k) {
                                self.bad.push(format!("{file}#{ptr}/{k}"));
                            }
                        }
                    }
                    if let Some(Value::String(r)) = m.get("$ref") {
                        let (f, frag) = r.split_once('#').unwrap_or((r, ""));
                        let f = if f.is_empty() {
                            file.to_string()
                        } else {
                            f.to_string()
                        };
                        let doc = &self.docs[&f];
                        let target = if frag.is_empty() {
                            Some(doc)
                        } else {
                            doc.pointer(frag)
                        };
                        let target = target
                            .unwrap_or_else(|| panic!("{file}#{ptr}: $ref {r} resolves nowhere"));
                        self.visit(&f, frag, target, ruled);
                    }
                    for (k, x) in m {
                        // `$defs` are reached through `$ref`; an `if` only selects.
                        if k == "$defs" || k == "if" {
                            continue;
                        }
                        self.visit(file, &format!("{ptr}/{k}"), x, ruled);
                    }
                }
                Value::Array(a) => {
                    for (i, x) in a.iter().enumerate() {
                        self.visit(file, &format!("{ptr}/{i}"), x, ruled);
                    }
                }
                _ => {}
            }
        }
    }
    let mut w = Walk {
        docs: &docs,
        seen: HashSet::new(),
        bad: Vec::new(),
    };
    w.visit(schema::ROOT, "", &docs[schema::ROOT], false);
    assert!(
        w.seen.len() > 100,
        "the walk reached only {} subschemas",
        w.seen.len()
    );
    w.bad.sort();
    w.bad.dedup();
    assert!(
        w.bad.is_empty(),
        "constraints without an x-rule:\n{}",
        w.bad.join("\n")
    );
}

#[test]
fn schemas_are_valid_2020_12() {
    for (name, text) in schema::FILES {
        let v: serde_json::Value =
            serde_json::from_str(text).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(
            jsonschema::meta::is_valid(&v),
            "{name} is not a valid JSON Schema"
        );
        assert_eq!(
            v["$schema"], "https://json-schema.org/draft/2020-12/schema",
            "{name} must declare draft 2020-12"
        );
    }
}
