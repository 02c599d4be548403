//! Load, second front end: Microsoft's Product Ingestion API documents.
//!
//! Publishers who automate send `POST /configure` bodies (`{"$schema": ".../configure/<v>",
//! "resources": [...]}`) and read `GET /resource-tree/<product>` (`{"root": ..., "resources":
//! [...]}`). JSON is YAML 1.2 flow, so these files are parsed by the same event-driven loader
//! as manifests, with its limits, its duplicate-key findings and its span index. This module
//! recognises the document, lists its resources, and [`translate`] turns each product's
//! resources into the manifest model with a span map into the JSON text, so every manifest
//! rule runs unchanged and points at the JSON token it is about.
//!
//! API reference: <https://learn.microsoft.com/partner-center/marketplace-offers/product-ingestion-api>

pub mod microsoft;
pub mod reference;
pub mod translate;

use serde_json::Value;

pub use translate::{translate, Offer};

/// What kind of document a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentKind {
    /// An offer-lint manifest (YAML, or the same in JSON).
    Manifest,
    /// A `configure` request body, or one resource sent on its own: a change, not a whole
    /// offer, so the rules that need a whole offer do not apply.
    ConfigurePayload,
    /// A `resource-tree` response: the whole product.
    ResourceTree,
}

impl DocumentKind {
    pub fn name(self) -> &'static str {
        match self {
            DocumentKind::Manifest => "manifest",
            DocumentKind::ConfigurePayload => "configure payload",
            DocumentKind::ResourceTree => "resource tree",
        }
    }
}

/// What [`detect`] found at the top of a parsed file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Detected {
    Manifest,
    /// A configure payload or resource tree: its resources sit at `/resources`.
    Envelope(DocumentKind),
    /// A single resource sent on its own (its `$schema` names a resource type).
    Single,
    /// A response of the API that is not sent to it (a job status, an error, a list of
    /// submissions): nothing in it can be rejected, and it is said so.
    Response(&'static str),
}

/// Top-level keys of a manifest that no Product Ingestion document has.
const MANIFEST_KEYS: &[&str] = &[
    "apiVersion",
    "offer",
    "plans",
    "publish",
    "setup",
    "previewAudiences",
];

/// Recognises a Product Ingestion document by its content: the top-level `$schema`
/// (configure, resource-tree, a resource type), or `root` with `resources` (trees as some
/// clients store them, without `$schema`). Anything else is a manifest.
pub fn detect(v: &Value) -> Detected {
    let Some(m) = v.as_object() else {
        return Detected::Manifest;
    };
    // A manifest with a misspelt `apiVersion` is still a manifest: no key of the API's
    // documents is one of these, and a stray `jobId` or `$schema` must not turn a manifest's
    // checks into one note.
    if MANIFEST_KEYS.iter().any(|k| m.contains_key(*k)) {
        return Detected::Manifest;
    }
    let schema = m
        .get("$schema")
        .and_then(Value::as_str)
        .and_then(SchemaUri::parse);
    match schema.as_ref().map(|s| s.kind.as_str()) {
        Some("configure") => return Detected::Envelope(DocumentKind::ConfigurePayload),
        Some("resource-tree") => return Detected::Envelope(DocumentKind::ResourceTree),
        Some("configure-status") => return Detected::Response("a configure job status"),
        Some(_) if m.contains_key("resources") => {
            return Detected::Envelope(DocumentKind::ConfigurePayload)
        }
        Some(_) if schema.as_ref().is_some_and(SchemaUri::known_host) => return Detected::Single,
        Some(_) => {}
        None => {}
    }
    if m.contains_key("resources") && m.contains_key("root") {
        return Detected::Envelope(DocumentKind::ResourceTree);
    }
    if m.contains_key("resources") && m.contains_key("$schema") {
        return Detected::Envelope(DocumentKind::ConfigurePayload);
    }
    if m.contains_key("jobId") || m.contains_key("jobID") || m.contains_key("jobStatus") {
        return Detected::Response("a configure job status");
    }
    if m.len() == 1 && m.contains_key("error") {
        return Detected::Response("an error response");
    }
    if m.get("value").is_some_and(Value::is_array) && m.len() <= 2 {
        return Detected::Response("a list response (GET)");
    }
    Detected::Manifest
}

/// A `$schema` URI: `https://<host>/schema/<kind>/<version>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemaUri {
    pub host: String,
    pub kind: String,
    pub version: String,
}

/// The hosts Microsoft publishes the schemas on (azureedge until 2024, then schema.mp).
pub const HOSTS: &[&str] = &["schema.mp.microsoft.com", "product-ingestion.azureedge.net"];

/// The versions in use: preview2 is the one whose schemas are public; the others are named
/// by Microsoft's docs and by the publishers' clients (cloudpub, Flatcar, AlmaLinux).
pub const VERSIONS: &[&str] = &[
    "2022-03-01-preview2",
    "2022-03-01-preview3",
    "2022-03-01-preview4",
    "2022-03-01-preview5",
    "2022-03-01-preview6",
    "2022-07-01",
];

impl SchemaUri {
    pub fn parse(s: &str) -> Option<SchemaUri> {
        let rest = s
            .strip_prefix("https://")
            .or_else(|| s.strip_prefix("http://"))?;
        let (host, path) = rest.split_once('/')?;
        let path = path.strip_prefix("schema/")?;
        let (kind, version) = path.trim_end_matches('/').split_once('/')?;
        if kind.is_empty() || version.is_empty() || version.contains('/') {
            return None;
        }
        Some(SchemaUri {
            host: host.to_ascii_lowercase(),
            kind: kind.to_string(),
            version: version.to_string(),
        })
    }

    pub fn known_host(&self) -> bool {
        HOSTS.contains(&self.host.as_str())
    }

    pub fn known_version(&self) -> bool {
        VERSIONS.contains(&self.version.as_str())
    }
}

/// Where a resource type goes in the manifest model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Place {
    Product,
    CustomerLeads,
    TestDrive,
    Property,
    Listing,
    OfferAvailability,
    Plan,
    PlanListing,
    PlanAvailability,
    TechnicalConfiguration,
    /// Known to the API, with no place in the model (assets, trailers, resellers,
    /// submissions): kept, and checked by the ingestion rules only.
    Elsewhere,
}

/// The resource types of a VM offer (Microsoft's "Resource API" tables).
pub const RESOURCE_TYPES: &[(&str, Place)] = &[
    ("product", Place::Product),
    ("customer-leads", Place::CustomerLeads),
    ("test-drive", Place::TestDrive),
    ("property", Place::Property),
    ("listing", Place::Listing),
    ("listing-asset", Place::Elsewhere),
    ("listing-trailer", Place::Elsewhere),
    ("price-and-availability-offer", Place::OfferAvailability),
    ("plan", Place::Plan),
    ("plan-listing", Place::PlanListing),
    ("price-and-availability-plan", Place::PlanAvailability),
    (
        "virtual-machine-plan-technical-configuration",
        Place::TechnicalConfiguration,
    ),
    (
        "core-virtual-machine-plan-technical-configuration",
        Place::TechnicalConfiguration,
    ),
    ("reseller", Place::Elsewhere),
    ("submission", Place::Elsewhere),
    (
        "price-and-availability-update-private-audiences",
        Place::Elsewhere,
    ),
    ("resource-tree", Place::Elsewhere),
];

pub fn place_of(kind: &str) -> Option<Place> {
    RESOURCE_TYPES
        .iter()
        .find(|(k, _)| *k == kind)
        .map(|(_, p)| *p)
}

/// One resource of a document, with where it sits.
#[derive(Debug, Clone)]
pub struct Resource<'a> {
    /// The JSON pointer of the resource object (`/resources/3`, or `` for a single one).
    pub pointer: String,
    pub value: &'a Value,
    /// Its `$schema`, when it has a parsable one.
    pub schema: Option<SchemaUri>,
    /// Its type: from `$schema`, else from the first segment of its durable `id`.
    pub kind: Option<String>,
    /// Where the model puts it, for a known type.
    pub place: Option<Place>,
}

/// A parsed Product Ingestion document: the file's value and its resources.
#[derive(Debug)]
pub struct IngestionDoc<'a> {
    pub kind: DocumentKind,
    pub value: &'a Value,
    /// A single resource sent on its own, not in an envelope.
    pub single: bool,
    pub resources: Vec<Resource<'a>>,
}

impl<'a> IngestionDoc<'a> {
    pub fn new(value: &'a Value, detected: &Detected) -> Option<IngestionDoc<'a>> {
        let (kind, items): (DocumentKind, Vec<(String, &Value)>) = match detected {
            Detected::Envelope(kind) => {
                let items = value
                    .get("resources")
                    .and_then(Value::as_array)
                    .map(|a| {
                        a.iter()
                            .enumerate()
                            .map(|(i, r)| (format!("/resources/{i}"), r))
                            .collect()
                    })
                    .unwrap_or_default();
                (*kind, items)
            }
            Detected::Single => (DocumentKind::ConfigurePayload, vec![(String::new(), value)]),
            _ => return None,
        };
        let resources = items
            .into_iter()
            .map(|(pointer, value)| {
                let schema = value
                    .get("$schema")
                    .and_then(Value::as_str)
                    .and_then(SchemaUri::parse);
                let kind = schema.as_ref().map(|s| s.kind.clone()).or_else(|| {
                    value
                        .get("id")
                        .and_then(Value::as_str)
                        .and_then(|id| id.split('/').next())
                        .filter(|k| place_of(k).is_some())
                        .map(str::to_string)
                });
                let place = kind.as_deref().and_then(place_of);
                Resource {
                    pointer,
                    value,
                    schema,
                    kind,
                    place,
                }
            })
            .collect();
        Some(IngestionDoc {
            single: *detected == Detected::Single,
            kind,
            value,
            resources,
        })
    }
}
