//! A resource tree (`GET /resource-tree/<product>`) → the manifest of its offer. The tree goes
//! through the same front end as `check` (the translation into the manifest model); on top of
//! it, import puts the listing's images where the manifest names files, replaces every image
//! URI and secret by an `${env:NAME}` reference (a SAS URI in git is a leaked credential), orders
//! the keys as the manifest schema lists them, and reports every field of the tree that has no
//! place in the manifest.
//!
//! The tree is a document from outside: the offer id and the file names in it become folder
//! and file names only after they are checked to be plain names.

use std::collections::BTreeSet;

use serde_json::{Map, Value};

use crate::load::ingestion::{self, Detected, DocumentKind, IngestionDoc, Place};

/// An `${env:NAME}` reference put where the tree had a value that must not go into git.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnvRef {
    pub name: String,
    /// The manifest pointer of the value.
    pub pointer: String,
    /// What the value is, for the message.
    pub what: &'static str,
}

/// A listing image to download into the offer folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Download {
    pub url: String,
    /// Relative to the offer folder (`assets/<file name>`).
    pub file: String,
}

/// A field of the tree with no place in the manifest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unmapped {
    /// The JSON pointer in the tree.
    pub pointer: String,
    /// The resource type it belongs to.
    pub kind: String,
}

#[derive(Debug)]
pub struct Imported {
    /// The offer's id (the product's `externalId`), when it is a plain name.
    pub offer_id: Option<String>,
    pub manifest: Value,
    pub env: Vec<EnvRef>,
    pub downloads: Vec<Download>,
    pub unmapped: Vec<Unmapped>,
}

/// Fields that are the API's bookkeeping (the translation's envelope) or a reference.
fn bookkeeping(key: &str) -> bool {
    crate::load::ingestion::translate::ENVELOPE.contains(&key) || key == "listing"
}

/// Reads and parses a resource tree file (`import`, `check --baseline-tree`): a located parse
/// error or a document that is not a tree is an `Err` saying so.
pub fn read_tree(
    path: &std::path::Path,
    limits: &crate::load::Limits,
) -> Result<crate::load::Document, String> {
    let shown = path.display().to_string();
    let bytes = crate::load::read_capped(path, limits.max_file_bytes)
        .map_err(|e| format!("{shown}: {}", e.describe(limits.max_file_bytes)))?;
    let loaded = crate::load::load_bytes(&shown, bytes, limits);
    let doc = match loaded.document {
        Some(doc) if loaded.errors.is_empty() => doc,
        _ => {
            let why = loaded
                .errors
                .first()
                .map(|e| e.message.clone())
                .unwrap_or_else(|| "it does not parse".into());
            return Err(format!(
                "{shown}: {why} (`offer-lint check {shown}` shows where)"
            ));
        }
    };
    match ingestion::detect(&doc.value) {
        Detected::Envelope(DocumentKind::ResourceTree) => Ok(doc),
        Detected::Envelope(_) | Detected::Single => Err(format!("{shown}: a configure payload, not a resource tree: import reads what `GET /resource-tree/<product>` returns")),
        Detected::Response(what) => Err(format!("{shown}: {what}, not a resource tree")),
        Detected::Manifest => Err(format!(
            "{shown}: not a resource tree: no `root` and `resources`"
        )),
    }
}

pub fn import(tree: &Value, index: &crate::load::yaml::SpanIndex) -> Result<Imported, String> {
    let detected = ingestion::detect(tree);
    match detected {
        Detected::Envelope(DocumentKind::ResourceTree) => {}
        Detected::Envelope(_) | Detected::Single => {
            return Err("a configure payload, not a resource tree: import reads what `GET /resource-tree/<product>` returns".to_string())
        }
        Detected::Response(what) => return Err(format!("{what}, not a resource tree")),
        Detected::Manifest => {
            return Err("not a resource tree: no `root` and `resources`".to_string())
        }
    }
    let doc = IngestionDoc::new(tree, &detected).ok_or("not a resource tree")?;
    let offers = ingestion::translate(&doc, &std::sync::Arc::new(index.clone()));
    let offer = offers.into_iter().next().ok_or("the tree holds no offer")?;
    let mut manifest = offer.value;
    // What the translation used, by JSON pointer: every other field is reported.
    let used: Vec<&str> = offer.paths.iter().map(|(_, j)| j.as_str()).collect();
    let mut unmapped = Vec::new();
    let mut downloads = Vec::new();
    let mut assets: Vec<(&str, String, Option<String>, i64)> = Vec::new();
    for r in &doc.resources {
        let kind = r.kind.clone().unwrap_or_else(|| "unknown".into());
        let Some(fields) = r.value.as_object() else {
            continue;
        };
        if kind == "listing-asset" {
            let asset_type = fields.get("type").and_then(Value::as_str).unwrap_or("");
            let url = fields.get("url").and_then(Value::as_str);
            let name = fields
                .get("fileName")
                .and_then(Value::as_str)
                .map(plain_file_name)
                .unwrap_or_else(|| format!("{asset_type}.png"));
            let file = format!("assets/{name}");
            if let Some(url) = url {
                downloads.push(Download {
                    url: url.to_string(),
                    file: file.clone(),
                });
            }
            let caption = fields.get("description").and_then(Value::as_str);
            let order = fields
                .get("displayOrder")
                .and_then(Value::as_i64)
                .unwrap_or(0);
            assets.push((asset_type, file, caption.map(str::to_string), order));
            for k in fields.keys() {
                let mapped = bookkeeping(k)
                    || [
                        "type",
                        "url",
                        "fileName",
                        "description",
                        "displayOrder",
                        "friendlyName",
                        "languageId",
                    ]
                    .contains(&k.as_str());
                if !mapped {
                    unmapped.push(field(&r.pointer, k, &kind));
                }
            }
            continue;
        }
        if r.place == Some(Place::Elsewhere) || r.place.is_none() {
            if kind != "submission" {
                unmapped.push(Unmapped {
                    pointer: r.pointer.clone(),
                    kind,
                });
            }
            continue;
        }
        for (k, v) in fields {
            if bookkeeping(k) || v.is_null() {
                continue;
            }
            // A VM offer's product type is what the manifest's `kind` says.
            if r.place == Some(Place::Product) && k == "type" && v == "azureVirtualMachine" {
                continue;
            }
            let pointer = format!("{}/{}", r.pointer, crate::load::yaml::escape_token(k));
            let copied = used
                .iter()
                .any(|u| *u == pointer || u.starts_with(&format!("{pointer}/")));
            if !copied {
                unmapped.push(field(&r.pointer, k, &kind));
            }
        }
    }
    place_assets(&mut manifest, assets);
    let offer_id = manifest
        .pointer("/offer/id")
        .and_then(Value::as_str)
        .filter(|id| is_plain_id(id))
        .map(str::to_string);
    let mut env = Vec::new();
    replace_secrets(&mut manifest, &mut env);
    let manifest = order(&manifest)?;
    Ok(Imported {
        offer_id,
        manifest,
        env,
        downloads,
        unmapped,
    })
}

fn field(resource: &str, key: &str, kind: &str) -> Unmapped {
    Unmapped {
        pointer: format!("{resource}/{}", crate::load::yaml::escape_token(key)),
        kind: kind.to_string(),
    }
}

/// Whether `id` can name a folder: an offer id as the API accepts it.
pub fn is_plain_id(id: &str) -> bool {
    // Names Windows keeps for devices, whatever follows them.
    let device = ["con", "prn", "aux", "nul", "com", "lpt"].iter().any(|d| {
        id == *d
            || id.starts_with(&format!("{d}."))
            || (id.len() == 4 && id.starts_with(d) && id.as_bytes()[3].is_ascii_digit())
    });
    !device
        && (3..=50).contains(&id.len())
        && id.starts_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit())
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

/// A file name from the tree as a plain name in one folder: no separators, no leading dot.
fn plain_file_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let cleaned: String = base
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "._-".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    let cleaned = cleaned.trim_start_matches('.').to_string();
    if cleaned.is_empty() {
        "asset.png".to_string()
    } else {
        cleaned
    }
}

/// The listing images where the manifest names them (`listing.media`).
fn place_assets(manifest: &mut Value, mut assets: Vec<(&str, String, Option<String>, i64)>) {
    if assets.is_empty() {
        return;
    }
    assets.sort_by_key(|a| a.3);
    let mut logos = Map::new();
    let mut screenshots = Vec::new();
    for (asset_type, file, caption, _) in assets {
        match asset_type {
            "azureLogoLarge" => {
                logos.entry("large").or_insert(file.into());
            }
            "azureLogoMedium" => {
                logos.entry("medium").or_insert(file.into());
            }
            "azureLogoSmall" => {
                logos.entry("small").or_insert(file.into());
            }
            "azureLogoScreenshot" => {
                let mut shot = Map::new();
                shot.insert("file".into(), file.into());
                shot.insert("caption".into(), caption.unwrap_or_default().into());
                screenshots.push(Value::Object(shot));
            }
            _ => {}
        }
    }
    let Some(listing) = manifest.get_mut("listing").and_then(Value::as_object_mut) else {
        return;
    };
    let mut media = Map::new();
    if !logos.is_empty() {
        media.insert("logos".into(), Value::Object(logos));
    }
    if !screenshots.is_empty() {
        media.insert("screenshots".into(), Value::Array(screenshots));
    }
    if !media.is_empty() {
        listing.insert("media".into(), Value::Object(media));
    }
}

/// A string that is a value, not already an `${env:NAME}` reference (kept as it is).
fn is_value(v: &Value) -> bool {
    v.as_str()
        .is_some_and(|s| !crate::load::env::is_reference(s))
}

/// The keys whose values are credentials wherever they appear.
/// (What `export --resolve-env` fills in, besides image URIs.)
pub const SECRET_KEYS: &[(&str, &str)] = &[
    (
        "storageAccountConnectionString",
        "a storage account connection string",
    ),
    ("applicationKey", "an application key"),
    ("password", "a password"),
    ("clientSecret", "a client secret"),
    // A lead endpoint's URL may carry a signature (a Power Automate or Logic App trigger).
    ("httpsEndpointUrl", "a lead endpoint URL with a signature"),
];

/// Image URIs (SAS URIs: a signature grants read access) and credentials become `${env:}`
/// references, named after where they are, so that the manifest can go into git.
fn replace_secrets(manifest: &mut Value, env: &mut Vec<EnvRef>) {
    let mut taken = BTreeSet::new();
    let mut name_for = |parts: &[&str]| {
        let base: String = parts
            .iter()
            .filter(|p| !p.is_empty())
            .map(|p| {
                p.chars()
                    .map(|c| {
                        if c.is_ascii_alphanumeric() {
                            c.to_ascii_uppercase()
                        } else {
                            '_'
                        }
                    })
                    .collect::<String>()
            })
            .collect::<Vec<_>>()
            .join("_");
        let mut name = base.clone();
        let mut n = 2;
        while !taken.insert(name.clone()) {
            name = format!("{base}_{n}");
            n += 1;
        }
        name
    };
    let plans = manifest
        .get_mut("plans")
        .and_then(Value::as_array_mut)
        .map(std::mem::take)
        .unwrap_or_default();
    let mut out_plans = Vec::new();
    for (p, mut plan) in plans.into_iter().enumerate() {
        let plan_id = plan
            .get("id")
            .and_then(Value::as_str)
            .unwrap_or("plan")
            .to_string();
        let versions = plan
            .pointer_mut("/technicalConfiguration/vmImageVersions")
            .and_then(Value::as_array_mut);
        for (v, version) in versions.into_iter().flatten().enumerate() {
            let number = version
                .get("versionNumber")
                .and_then(Value::as_str)
                .unwrap_or("version")
                .to_string();
            let images = version.get_mut("vmImages").and_then(Value::as_array_mut);
            for (i, image) in images.into_iter().flatten().enumerate() {
                let image_type = image
                    .get("imageType")
                    .and_then(Value::as_str)
                    .unwrap_or("image")
                    .to_string();
                let at = format!(
                    "/plans/{p}/technicalConfiguration/vmImageVersions/{v}/vmImages/{i}/source"
                );
                if let Some(uri) = image.pointer_mut("/source/osDisk/uri") {
                    if is_value(uri) {
                        let name = name_for(&[&plan_id, &number, &image_type, "OS_VHD_SAS"]);
                        *uri = format!("${{env:{name}}}").into();
                        env.push(EnvRef {
                            name,
                            pointer: format!("{at}/osDisk/uri"),
                            what: "the OS disk's SAS URI",
                        });
                    }
                }
                let disks = image
                    .pointer_mut("/source/dataDisks")
                    .and_then(Value::as_array_mut);
                for (d, disk) in disks.into_iter().flatten().enumerate() {
                    let lun = disk
                        .get("lunNumber")
                        .map(|l| l.to_string())
                        .unwrap_or(d.to_string());
                    if let Some(uri) = disk.get_mut("uri").filter(|u| is_value(u)) {
                        let name =
                            name_for(&[&plan_id, &number, &image_type, "LUN", &lun, "VHD_SAS"]);
                        *uri = format!("${{env:{name}}}").into();
                        env.push(EnvRef {
                            name,
                            pointer: format!("{at}/dataDisks/{d}/uri"),
                            what: "a data disk's SAS URI",
                        });
                    }
                }
            }
        }
        out_plans.push(plan);
    }
    if let Some(slot) = manifest.get_mut("plans") {
        *slot = Value::Array(out_plans);
    }
    if let Some(Value::Object(leads)) = manifest.pointer_mut("/setup/customerLeads") {
        for (config_key, config) in leads.iter_mut() {
            let Some(config) = config.as_object_mut() else {
                continue;
            };
            for (key, what) in SECRET_KEYS {
                let signed = |v: &Value| {
                    *key != "httpsEndpointUrl" || v.as_str().is_some_and(|s| s.contains("sig="))
                };
                if let Some(v) = config.get_mut(*key).filter(|v| is_value(v) && signed(v)) {
                    let name = name_for(&[
                        "LEADS",
                        config_key.trim_end_matches("LeadConfiguration"),
                        key,
                    ]);
                    *v = format!("${{env:{name}}}").into();
                    env.push(EnvRef {
                        name,
                        pointer: format!("/setup/customerLeads/{config_key}/{key}"),
                        what,
                    });
                }
            }
        }
    }
}

/// The manifest with its keys in the order of the manifest schema (keys it does not list
/// keep their place after the ones it does).
fn order(manifest: &Value) -> Result<Value, String> {
    let schemas = crate::check::schema::schemas().map_err(str::to_string)?;
    let bundled = schemas.bundled(crate::check::schema::ROOT)?;
    Ok(ordered(manifest, &bundled, &bundled))
}

fn ordered(v: &Value, schema: &Value, root: &Value) -> Value {
    match v {
        Value::Object(m) => {
            let mut keys = Vec::new();
            property_order(schema, root, &mut keys, 0);
            let mut out = Map::new();
            for k in keys.iter().filter(|k| m.contains_key(*k)) {
                if !out.contains_key(k) {
                    let child = child_schema(schema, root, k).unwrap_or(&Value::Null);
                    out.insert(k.clone(), ordered(&m[k], child, root));
                }
            }
            for (k, x) in m {
                if !out.contains_key(k) {
                    out.insert(k.clone(), ordered(x, &Value::Null, root));
                }
            }
            Value::Object(out)
        }
        Value::Array(a) => {
            let items = items_schema(schema, root).unwrap_or(&Value::Null);
            Value::Array(a.iter().map(|x| ordered(x, items, root)).collect())
        }
        other => other.clone(),
    }
}

fn resolve<'s>(schema: &'s Value, root: &'s Value) -> &'s Value {
    match schema.get("$ref").and_then(Value::as_str) {
        Some(r) if r.starts_with("#/") => root.pointer(&r[1..]).unwrap_or(schema),
        _ => schema,
    }
}

/// The schemas that apply beside this one (`$ref`, `allOf`, `anyOf`, `oneOf`, `then`, `else`).
fn branches<'s>(schema: &'s Value, root: &'s Value, depth: usize) -> Vec<&'s Value> {
    let mut out = Vec::new();
    if depth > 16 {
        return out;
    }
    let s = resolve(schema, root);
    out.push(s);
    for key in ["allOf", "anyOf", "oneOf"] {
        for b in s.get(key).and_then(Value::as_array).into_iter().flatten() {
            out.extend(branches(b, root, depth + 1));
        }
    }
    for key in ["then", "else"] {
        if let Some(b) = s.get(key) {
            out.extend(branches(b, root, depth + 1));
        }
    }
    out
}

fn property_order(schema: &Value, root: &Value, keys: &mut Vec<String>, depth: usize) {
    for s in branches(schema, root, depth) {
        for k in s
            .get("properties")
            .and_then(Value::as_object)
            .into_iter()
            .flat_map(|m| m.keys())
        {
            if !keys.contains(k) {
                keys.push(k.clone());
            }
        }
    }
}

fn child_schema<'s>(schema: &'s Value, root: &'s Value, key: &str) -> Option<&'s Value> {
    branches(schema, root, 0)
        .into_iter()
        .find_map(|s| s.get("properties")?.get(key))
}

fn items_schema<'s>(schema: &'s Value, root: &'s Value) -> Option<&'s Value> {
    branches(schema, root, 0)
        .into_iter()
        .find_map(|s| s.get("items"))
}
