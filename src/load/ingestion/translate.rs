//! A Product Ingestion document → one manifest-model value per product, with a span index
//! whose every node points at the JSON token it came from.
//!
//! Resources are grouped into offers by their `product` reference, and plan-scoped
//! resources (plan listing, plan pricing, technical configuration) are joined to their plan
//! by their `plan` reference, each by durable id or external id. A field the manifest has no
//! key for, but the API defines, is left out (it is the API's to check); a field neither
//! knows is carried over, so the manifest schema reports it where it is written.

use std::collections::HashMap;

use serde_json::{Map, Value};

use super::reference::{own_keys, Ref};
use super::{DocumentKind, IngestionDoc, Place, Resource};
use std::sync::Arc;

use crate::load::yaml::{escape_token, push_token, NodeSpans, Origin, SpanIndex};

/// Keys of every resource that are the API's bookkeeping, not offer content.
pub const ENVELOPE: &[&str] = &[
    "$schema",
    "id",
    "product",
    "plan",
    "kind",
    "resourceName",
    "validations",
    "lifecycleState",
    "created",
    "modified",
];

/// Fields the API defines (in some version) that the manifest has no key for.
fn api_only(place: Place) -> &'static [&'static str] {
    match place {
        Place::Listing => &[
            "cloudSolutionProviderContact",
            "cloudSolutionProviderMarketingMaterials",
            "keywords",
        ],
        Place::Plan => &[
            "alias",
            "identity",
            "displayRank",
            "subtype",
            "deprecationSchedule",
        ],
        Place::PlanListing => &["languageId"],
        Place::PlanAvailability => &["billingTag"],
        Place::TechnicalConfiguration => &["softwareType", "reuseTechnicalConfigurationState"],
        _ => &[],
    }
}

/// One offer of a document in the manifest model.
#[derive(Debug)]
pub struct Offer {
    pub value: Value,
    pub index: SpanIndex,
    /// Pointers, manifest → JSON (`/plans/0/technicalConfiguration` → `/resources/3`; an
    /// empty JSON pointer: the document is the resource), in the order they were made (a
    /// later pair for the same manifest pointer wins). Made into display paths only when a
    /// finding's message needs them (`Unit::display_paths`).
    pub paths: Vec<(String, String)>,
    /// Whether the document holds the product resource itself.
    pub has_product: bool,
    /// The keys its product is known by (`ext:<offer id>`, `guid:<guid>`, ...; see
    /// `Ref::keys`), for matching it with another document of the same offer.
    pub product_keys: Vec<String>,
    /// The keys each plan is known by (its resource's ids, or the references that name it),
    /// with the plan's index in `plans`: a plan of a payload named by durable id only has no
    /// `id` in the model, and is matched to a tree's plan by these.
    pub plan_keys: Vec<(String, usize)>,
    origins: Arc<HashMap<String, Origin>>,
}

impl Offer {
    /// The JSON pointer a model pointer was copied from (for a made node, none).
    pub fn json_pointer(&self, pointer: &str) -> Option<String> {
        let mut at = pointer;
        loop {
            match self.origins.get(at) {
                Some(Origin::Parsed(jp)) => return Some(format!("{jp}{}", &pointer[at.len()..])),
                Some(Origin::Made(_)) => return None,
                None => {}
            }
            at = &at[..at.rfind('/')?];
        }
    }
}

struct Group<'d, 'a> {
    keys: Vec<String>,
    resources: Vec<&'d Resource<'a>>,
}

/// Translates every product of `doc` (`raw` is the span index of the file).
pub fn translate(doc: &IngestionDoc, raw: &Arc<SpanIndex>) -> Vec<Offer> {
    let mut groups: Vec<Group> = Vec::new();
    let mut orphans: Vec<&Resource> = Vec::new();
    for r in doc
        .resources
        .iter()
        .filter(|r| r.place == Some(Place::Product))
    {
        groups.push(Group {
            keys: own_keys(r.value),
            resources: vec![r],
        });
    }
    // The tree's root names its product even when the product resource is not in it.
    let root_ref = doc.value.get("root").and_then(Ref::read);
    // A tree is one product: every resource in it is part of that offer, whatever it names
    // (`ingestion-reference` reports a resource that names another product).
    if doc.kind == DocumentKind::ResourceTree {
        let all: Vec<&Resource> = doc.resources.iter().collect();
        let mut keys: Vec<String> = root_ref.map(|r| r.keys()).unwrap_or_default();
        keys.extend(groups.iter().flat_map(|g| g.keys.iter().cloned()));
        return vec![build_offer(&all, raw, keys)];
    }
    // Join key → the first group it names (a payload of many products is not a scan of
    // them all per resource).
    let mut group_by_key: HashMap<String, usize> = HashMap::new();
    for (i, g) in groups.iter().enumerate() {
        for k in &g.keys {
            group_by_key.entry(k.clone()).or_insert(i);
        }
    }
    for r in doc
        .resources
        .iter()
        .filter(|r| r.place != Some(Place::Product))
    {
        let Some(reference) = r
            .value
            .get("product")
            .and_then(Ref::read)
            .or(root_ref.clone())
        else {
            orphans.push(r);
            continue;
        };
        let keys = reference.keys();
        match keys.iter().filter_map(|k| group_by_key.get(k)).min() {
            Some(&g) => groups[g].resources.push(r),
            None => {
                for k in &keys {
                    group_by_key.entry(k.clone()).or_insert(groups.len());
                }
                groups.push(Group {
                    keys,
                    resources: vec![r],
                });
            }
        }
    }
    if !orphans.is_empty() {
        // With one offer in the document, a resource that names no product is part of it.
        match groups.as_mut_slice() {
            [only] => only.resources.extend(orphans),
            _ => groups.push(Group {
                keys: Vec::new(),
                resources: orphans,
            }),
        }
    }
    groups
        .into_iter()
        .map(|g| build_offer(&g.resources, raw, g.keys))
        .collect()
}

struct Builder<'i> {
    /// The manifest being built (an object).
    value: Value,
    origins: HashMap<String, Origin>,
    paths: Vec<(String, String)>,
    raw: &'i SpanIndex,
    /// Join keys → index in `plans`, in the order they were made (the offer keeps them).
    plan_keys: Vec<(String, usize)>,
    /// The same, by key (the first plan a key named), so that joining is not a scan of every
    /// plan: a tree of 2,500 plans joins 7,500 resources.
    plan_by_key: HashMap<String, usize>,
    plans: usize,
}

fn build_offer(resources: &[&Resource], raw: &Arc<SpanIndex>, product_keys: Vec<String>) -> Offer {
    let anchor = resources
        .first()
        .and_then(|r| raw.get(&r.pointer))
        .map(|s| NodeSpans {
            key: None,
            value: s.value,
        })
        .unwrap_or_default();
    // (A made node has no key: a finding on it underlines the resource it stands for.)
    let mut b = Builder {
        value: Value::Object(Map::new()),
        origins: HashMap::new(),
        paths: Vec::new(),
        raw,
        plan_keys: Vec::new(),
        plan_by_key: HashMap::new(),
        plans: 0,
    };
    b.origins.insert(String::new(), Origin::Made(anchor));
    b.put(
        &["apiVersion"],
        "offer-lint/v1".into(),
        Origin::Made(anchor),
    );
    b.put(
        &["kind"],
        "VirtualMachineOffer".into(),
        Origin::Made(anchor),
    );
    let mut has_product = false;
    // Plans first, so that the plan order is the order of the plan resources.
    for r in resources.iter().filter(|r| r.place == Some(Place::Plan)) {
        b.plan_slot(r, None);
    }
    // Plan resources last: a stray `listing`, `pricing` or `technicalConfiguration` in one
    // must not take the place of the resource that owns it (the first value written stays).
    let is_plan = |r: &&&Resource| r.place == Some(Place::Plan);
    let owners_first = resources
        .iter()
        .filter(|r| !is_plan(r))
        .chain(resources.iter().filter(is_plan));
    for r in owners_first {
        let obj = |k: &str| r.value.get(k);
        match r.place {
            Some(Place::Product) => {
                has_product = true;
                if let Some((key, _)) = external_id(r.value.get("identity")) {
                    b.copy_at(
                        &["offer", "id"],
                        r,
                        &format!("identity/{}", escape_token(key)),
                    );
                }
                if obj("alias").is_some() {
                    b.copy_at(&["offer", "alias"], r, "alias");
                }
            }
            Some(Place::CustomerLeads) => b.copy_fields(&["setup", "customerLeads"], r),
            Some(Place::TestDrive) => {
                if obj("enabled").is_some() {
                    b.copy_at(&["setup", "testDrive", "enabled"], r, "enabled");
                }
            }
            Some(Place::Property) => b.copy_fields(&["properties"], r),
            Some(Place::Listing) => b.copy_fields(&["listing"], r),
            Some(Place::OfferAvailability) => {
                if obj("previewAudiences").is_some() {
                    b.copy_at(&["previewAudiences"], r, "previewAudiences");
                }
            }
            Some(Place::Plan) => {
                let i = b.plan_slot(r, None);
                let at = i.to_string();
                if let Some((key, _)) = external_id(r.value.get("identity")) {
                    b.copy_at(
                        &["plans", &at, "id"],
                        r,
                        &format!("identity/{}", escape_token(key)),
                    );
                }
                b.copy_fields(&["plans", &at], r);
            }
            Some(Place::PlanListing) => {
                let i = b.plan_slot(r, obj("plan"));
                b.copy_fields(&["plans", &i.to_string(), "listing"], r);
            }
            Some(Place::PlanAvailability) => {
                let i = b.plan_slot(r, obj("plan"));
                b.copy_fields(&["plans", &i.to_string()], r);
            }
            Some(Place::TechnicalConfiguration) => {
                let i = b.plan_slot(r, obj("plan"));
                b.copy_fields(&["plans", &i.to_string(), "technicalConfiguration"], r);
            }
            Some(Place::Elsewhere) | None => {}
        }
    }
    let value = std::mem::take(&mut b.value);
    let origins = Arc::new(std::mem::take(&mut b.origins));
    // The model is indexed through the file's index and the origins (no index of its own).
    let index = SpanIndex::view(raw.clone(), Some(origins.clone()));
    Offer {
        value,
        index,
        paths: b.paths,
        has_product,
        product_keys,
        plan_keys: b.plan_keys,
        origins,
    }
}

/// The `externalId` key of an identity or reference object, and its value.
fn external_id(v: Option<&Value>) -> Option<(&str, &str)> {
    v?.as_object()?
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("externalId"))
        .and_then(|(k, v)| Some((k.as_str(), v.as_str()?)))
}

impl Builder<'_> {
    /// The plan a resource belongs to: by its own keys (a plan resource) or its `plan`
    /// reference; a new plan when none matches.
    fn plan_slot(&mut self, r: &Resource, reference: Option<&Value>) -> usize {
        let (keys, external) = match reference {
            None => (own_keys(r.value), None),
            Some(v) => match Ref::read(v) {
                Some(reference) => {
                    let ext = reference.external().map(str::to_string);
                    (reference.keys(), ext)
                }
                None => (Vec::new(), None),
            },
        };
        // The earliest plan any of the keys names (plans are numbered in the order made).
        if let Some(i) = keys.iter().filter_map(|k| self.plan_by_key.get(k)).min() {
            return *i;
        }
        let i = self.plans;
        self.plans += 1;
        let spans = spans_of_json(self.raw, &r.pointer);
        if i == 0 {
            self.put(&["plans"], Value::Array(Vec::new()), Origin::Made(spans));
        }
        self.put(
            &["plans", &i.to_string()],
            Value::Object(Map::new()),
            Origin::Made(spans),
        );
        for k in keys {
            self.plan_by_key.entry(k.clone()).or_insert(i);
            self.plan_keys.push((k, i));
        }
        // The plan is named after the resource that brought it (its plan resource, when the
        // document has one: plan resources are placed first).
        if !r.pointer.is_empty() {
            self.paths.push((format!("/plans/{i}"), r.pointer.clone()));
        }
        // A plan known only by a reference takes its id from the reference's external id.
        if let (Some(_), Some(v)) = (external, reference) {
            if let Some((key, _)) = external_id(Some(v)) {
                let field = if r.value.get("plan") == Some(v) {
                    "plan"
                } else {
                    "product"
                };
                self.copy_at(
                    &["plans", &i.to_string(), "id"],
                    r,
                    &format!("{field}/{}", escape_token(key)),
                );
            }
        }
        i
    }

    /// Copies a resource's content fields under `path` (envelope and API-only keys left out,
    /// and `null`, which the API writes for "not set").
    fn copy_fields(&mut self, path: &[&str], r: &Resource) {
        let Some(m) = r.value.as_object() else {
            return;
        };
        let place = r.place.unwrap_or(Place::Elsewhere);
        let pointer = to_pointer(path);
        self.ensure(path, &r.pointer);
        for (k, v) in m {
            if ENVELOPE.contains(&k.as_str())
                || api_only(place).contains(&k.as_str())
                || v.is_null()
            {
                continue;
            }
            let mut full: Vec<&str> = path.to_vec();
            full.push(k);
            let json = format!("{}/{}", r.pointer, escape_token(k));
            self.copy_value(&full, v.clone(), json);
        }
        // A plan is made of several resources: only its keys are renamed, not the plan.
        if !matches!(place, Place::Plan | Place::PlanAvailability) {
            self.paths.push((pointer, r.pointer.clone()));
        }
    }

    /// Copies the resource's node at `rel` (a pointer relative to the resource) to `path`.
    fn copy_at(&mut self, path: &[&str], r: &Resource, rel: &str) {
        let Some(v) = r.value.pointer(&format!("/{rel}")) else {
            return;
        };
        self.copy_value(path, v.clone(), format!("{}/{rel}", r.pointer));
    }

    /// Puts `v`, copied from the node at `json`, at `path`.
    fn copy_value(&mut self, path: &[&str], v: Value, json: String) {
        self.paths.push((to_pointer(path), json.clone()));
        self.put(path, v, Origin::Parsed(json));
    }

    /// Makes sure the objects along `path` exist; the ones made are shown at the resource.
    fn ensure(&mut self, path: &[&str], resource: &str) {
        let spans = spans_of_json(self.raw, resource);
        for n in 1..=path.len() {
            self.put(&path[..n], Value::Object(Map::new()), Origin::Made(spans));
        }
    }

    /// Sets the node at `path` (making parents), recording where it comes from. A later
    /// resource does not overwrite a value an earlier one set.
    fn put(&mut self, path: &[&str], v: Value, origin: Origin) {
        let Some((last, parents)) = path.split_last() else {
            return;
        };
        // Made parents are shown where the node comes from (looked up once, when one is made).
        let mut parent_spans: Option<NodeSpans> = None;
        let mut cur: &mut Value = &mut self.value;
        let mut at = String::new();
        for seg in parents {
            at.push('/');
            push_token(&mut at, seg);
            let made = match cur {
                Value::Object(m) => {
                    let made = !m.contains_key(*seg);
                    if made {
                        m.insert(seg.to_string(), Value::Object(Map::new()));
                    }
                    cur = m.get_mut(*seg).expect("inserted above");
                    made
                }
                Value::Array(a) => match seg.parse::<usize>().ok().and_then(|i| a.get_mut(i)) {
                    Some(x) => {
                        cur = x;
                        false
                    }
                    None => return,
                },
                _ => return,
            };
            if made {
                let spans = *parent_spans.get_or_insert_with(|| match &origin {
                    Origin::Made(s) => *s,
                    Origin::Parsed(jp) => spans_of_json(self.raw, jp),
                });
                self.origins
                    .entry(at.clone())
                    .or_insert(Origin::Made(spans));
            }
        }
        match cur {
            Value::Object(m) => {
                if m.contains_key(*last) {
                    return;
                }
                m.insert(last.to_string(), v);
            }
            Value::Array(a) => {
                if last.parse::<usize>().ok() != Some(a.len()) {
                    return;
                }
                a.push(v);
            }
            _ => return,
        }
        let mut pointer = at;
        pointer.push('/');
        push_token(&mut pointer, last);
        self.origins.insert(pointer, origin);
    }
}

/// The spans of a JSON node, as a made node shows them (no key).
fn spans_of_json(raw: &SpanIndex, json: &str) -> NodeSpans {
    raw.get(json)
        .map(|s| NodeSpans {
            key: None,
            value: s.value,
        })
        .unwrap_or_default()
}

fn to_pointer(path: &[&str]) -> String {
    let mut p = String::new();
    for seg in path {
        p.push('/');
        push_token(&mut p, seg);
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::ingestion::{detect, IngestionDoc};
    use crate::load::yaml::built::build_from;
    use crate::load::{self, Limits};

    /// The pointers a lookup may be asked for: every node's, a child that is not there, a
    /// key that is not there, an index past the end and one with a leading zero.
    fn asked(index: &SpanIndex) -> Vec<String> {
        let mut out = Vec::new();
        for p in index.pointers() {
            for tail in ["", "/nothing", "/9999", "/00", "/a~1b/c"] {
                out.push(format!("{p}{tail}"));
            }
        }
        out.push("no-slash".into());
        out
    }

    /// The model's index answers through the file's exactly as an index built node by node
    /// from the model does (`yaml::built`, the reference), on every JSON document
    /// of the tests.
    #[test]
    fn the_view_answers_as_an_index_of_the_model_would() {
        let mut checked = 0;
        for dir in ["tests/ingestion", "tests/rules"] {
            let dir = format!("{}/{dir}", env!("CARGO_MANIFEST_DIR"));
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.extension().is_none_or(|e| e != "json") {
                    continue;
                }
                let bytes = std::fs::read(&path).unwrap();
                let Some(doc) = load::load_bytes("t.json", bytes, &Limits::default()).document
                else {
                    continue; // the syntax fixtures
                };
                let detected = detect(&doc.value);
                let Some(idoc) = IngestionDoc::new(&doc.value, &detected) else {
                    continue;
                };
                let raw = Arc::new(doc.index.clone());
                for offer in translate(&idoc, &raw) {
                    let built = build_from(&offer.value, &raw, &offer.origins);
                    for p in asked(&built) {
                        let what = format!("{} at {p:?}", path.display());
                        assert_eq!(offer.index.get(&p), built.get(&p), "get, {what}");
                        assert_eq!(offer.index.exact(&p), built.exact(&p), "exact, {what}");
                    }
                    checked += 1;
                }
            }
        }
        assert!(checked >= 30, "{checked} offers");
    }
}
