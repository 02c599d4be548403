//! A manifest → the configure payload that creates or updates its offer through Microsoft's
//! Product Ingestion API (`POST /configure`). Every resource references the product and its
//! plans by `externalId` (the manifest's ids), so one payload serves a new offer and an
//! existing one; the listing is named (`resourceName`) so that its assets can refer to it in
//! the same payload. `${env:NAME}` values are kept as written unless the caller resolved them.
//!
//! What the manifest holds that the API cannot take in a payload is reported, never dropped
//! silently: local files (listing assets: named by `fileName`, uploaded by the user), the
//! certification facts (measured on the image, for offer-lint's checks only), the timeline
//! (`publish`), the test drive's deployment block and video trailers.

use serde_json::{json, Map, Value};

use super::{schema_url, Target, CONFIGURE};

/// A listing asset that is a local file: the payload names it, the user uploads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Upload {
    /// The manifest pointer of the file (`/listing/media/logos/large`).
    pub pointer: String,
    /// The path as the manifest writes it (relative to the manifest's folder).
    pub file: String,
    /// The `fileName` the payload gives it.
    pub file_name: String,
    /// The listing-asset `type` (`azureLogoLarge`, `azureLogoScreenshot`, ...).
    pub asset_type: &'static str,
    /// Whether the payload has its `url` (from `--asset-base-url`).
    pub has_url: bool,
}

/// A part of the manifest that the payload does not carry, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub pointer: String,
    pub reason: &'static str,
}

#[derive(Debug, Default)]
pub struct Exported {
    pub payload: Value,
    pub uploads: Vec<Upload>,
    pub skipped: Vec<Skipped>,
}

#[derive(Debug, Default, Clone)]
pub struct Options {
    /// A `submission` resource that publishes to this target.
    pub submit: Option<Target>,
    /// Where the user uploaded the listing assets: each asset's `url` is this + its `fileName`.
    pub asset_base_url: Option<String>,
}

/// The payload's resources are written at this version of Microsoft's schemas (the one
/// version Microsoft published, and the one offer-lint validates against).
pub const VERSION: &str = "2022-03-01-preview2";

/// The version a technical configuration is written at when it uses what preview2 lacks
/// (`skus[].securityType`, the `arm64Gen2` image type): the version the publishers who send
/// such configurations use (Red Hat's cloudpub, Flatcar).
pub const NEWER_VERSION: &str = "2022-03-01-preview5";

/// Whether a technical configuration needs [`NEWER_VERSION`].
pub fn uses_newer_fields(tc: &Map<String, Value>) -> bool {
    let skus = tc.get("skus").and_then(Value::as_array);
    let arm = |v: &Value| v.get("imageType").and_then(Value::as_str) == Some("arm64Gen2");
    skus.into_iter()
        .flatten()
        .any(|s| s.get("securityType").is_some() || arm(s))
}

/// Why a part of the manifest is not exported.
const CERTIFICATION: &str = "certification facts are measured on the image for offer-lint's checks; Partner Center tests the image itself";
const DISK_SIZE: &str = "Partner Center reads a disk's size from its VHD; the manifest's size is for offer-lint's size checks";
const PUBLISH: &str = "the timeline projection is offer-lint's; Partner Center has no field for it";
const TEST_DRIVE: &str = "the test drive's deployment (Azure Resource Manager package, subscription, secrets) is configured in Partner Center; the API has only the test-drive switch";
const VIDEOS: &str =
    "video trailers are listing-trailer resources with an uploaded thumbnail; not exported yet";
const PUBLISHER: &str =
    "the publisher is the account that posts the payload; the API takes no publisher id";
pub const UNKNOWN: &str = "the manifest key has no field in the Product Ingestion API";

/// Keys of a plan and the resource that carries each.
const PLAN_KEYS: &[&str] = &["azureRegions", "azureGovernmentCertifications"];
const PLAN_AVAILABILITY_KEYS: &[&str] = &[
    "visibility",
    "audience",
    "privateAudiences",
    "markets",
    "customerMarkets",
    "pricing",
    "trial",
    "softwareReservation",
];

pub fn export(manifest: &Value, options: &Options) -> Exported {
    let mut out = Exported::default();
    let offer_id = manifest
        .pointer("/offer/id")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    let product = json!({ "externalId": offer_id });
    let mut resources = Vec::new();
    let resource = |kind: &str| {
        let mut m = Map::new();
        m.insert("$schema".into(), schema_url(kind, VERSION).into());
        m
    };

    // product
    let mut r = resource("product");
    r.insert("identity".into(), product.clone());
    r.insert("type".into(), "azureVirtualMachine".into());
    let alias = manifest.pointer("/offer/alias").cloned();
    r.insert(
        "alias".into(),
        alias.unwrap_or_else(|| offer_id.clone().into()),
    );
    resources.push(r);
    if manifest.pointer("/offer/publisherId").is_some() {
        out.skip("/offer/publisherId", PUBLISHER);
    }

    // customer-leads
    if let Some(Value::Object(leads)) = manifest.pointer("/setup/customerLeads") {
        let mut r = resource("customer-leads");
        r.insert("product".into(), product.clone());
        r.extend(leads.clone());
        resources.push(r);
    }
    // test-drive
    let enabled = manifest
        .pointer("/setup/testDrive/enabled")
        .cloned()
        .unwrap_or(Value::Bool(false));
    let mut r = resource("test-drive");
    r.insert("product".into(), product.clone());
    let on = enabled == Value::Bool(true);
    r.insert("enabled".into(), enabled);
    if on {
        // An enabled test drive names its type (a VM offer's is an ARM template).
        let kind = manifest.pointer("/testDrive/type").cloned();
        r.insert(
            "type".into(),
            kind.unwrap_or_else(|| "azureResourceManager".into()),
        );
    }
    resources.push(r);
    if manifest.get("testDrive").is_some() {
        out.skip("/testDrive", TEST_DRIVE);
    }
    // property
    if let Some(Value::Object(props)) = manifest.get("properties") {
        let mut r = resource("property");
        r.insert("product".into(), product.clone());
        r.insert("kind".into(), "azureVM".into());
        r.extend(props.clone());
        resources.push(r);
    }
    // listing, and its assets
    if let Some(Value::Object(listing)) = manifest.get("listing") {
        let language = listing
            .get("languageId")
            .and_then(Value::as_str)
            .unwrap_or("en-us")
            .to_string();
        let name = format!("listing-{language}");
        let mut r = resource("listing");
        r.insert("resourceName".into(), name.clone().into());
        r.insert("product".into(), product.clone());
        r.insert("kind".into(), "azureVM".into());
        for (k, v) in listing {
            if k != "media" {
                r.insert(k.clone(), v.clone());
            }
        }
        resources.push(r);
        let media = listing.get("media");
        let logos = [
            ("large", "azureLogoLarge"),
            ("medium", "azureLogoMedium"),
            ("small", "azureLogoSmall"),
        ];
        let mut assets: Vec<(String, &str, &str, Option<&str>)> = Vec::new();
        for (key, asset_type) in logos {
            if let Some(Value::String(file)) =
                media.and_then(|m| m.pointer(&format!("/logos/{key}")))
            {
                assets.push((
                    format!("/listing/media/logos/{key}"),
                    file,
                    asset_type,
                    None,
                ));
            }
        }
        if let Some(Value::Array(shots)) = media.and_then(|m| m.get("screenshots")) {
            for (i, shot) in shots.iter().enumerate() {
                if let Some(file) = shot.get("file").and_then(Value::as_str) {
                    let caption = shot.get("caption").and_then(Value::as_str);
                    assets.push((
                        format!("/listing/media/screenshots/{i}/file"),
                        file,
                        "azureLogoScreenshot",
                        caption,
                    ));
                }
            }
        }
        for (order, (pointer, file, asset_type, caption)) in assets.into_iter().enumerate() {
            let file_name = file.rsplit(['/', '\\']).next().unwrap_or(file).to_string();
            let mut r = resource("listing-asset");
            r.insert("product".into(), product.clone());
            r.insert("listing".into(), json!({ "resourceName": name }));
            r.insert("kind".into(), "azure".into());
            r.insert("type".into(), asset_type.into());
            r.insert("languageId".into(), language.clone().into());
            r.insert("fileName".into(), file_name.clone().into());
            r.insert("friendlyName".into(), file_name.clone().into());
            if let Some(c) = caption {
                r.insert("description".into(), c.into());
            }
            let screenshot = asset_type == "azureLogoScreenshot";
            r.insert(
                "displayOrder".into(),
                if screenshot { order } else { 0 }.into(),
            );
            let url = options
                .asset_base_url
                .as_ref()
                .map(|base| format!("{}/{}", base.trim_end_matches('/'), url_segment(&file_name)));
            if let Some(url) = &url {
                r.insert("url".into(), url.clone().into());
            }
            resources.push(r);
            out.uploads.push(Upload {
                pointer,
                file: file.to_string(),
                file_name,
                asset_type,
                has_url: url.is_some(),
            });
        }
        if media.and_then(|m| m.get("videos")).is_some() {
            out.skip("/listing/media/videos", VIDEOS);
        }
    }
    // price-and-availability-offer
    if let Some(audiences) = manifest.get("previewAudiences") {
        let mut r = resource("price-and-availability-offer");
        r.insert("product".into(), product.clone());
        r.insert("previewAudiences".into(), audiences.clone());
        resources.push(r);
    }
    // plans
    if let Some(Value::Array(plans)) = manifest.get("plans") {
        for (i, plan) in plans.iter().enumerate() {
            out.plan(&mut resources, &resource, &product, i, plan);
        }
    }
    if manifest.get("publish").is_some() {
        out.skip("/publish", PUBLISH);
    }
    for key in manifest.as_object().into_iter().flat_map(|m| m.keys()) {
        let known = [
            "apiVersion",
            "kind",
            "offer",
            "setup",
            "properties",
            "listing",
            "previewAudiences",
            "plans",
            "publish",
            "testDrive",
        ];
        if !known.contains(&key.as_str()) {
            out.skip(
                &format!("/{}", crate::load::yaml::escape_token(key)),
                UNKNOWN,
            );
        }
    }
    if let Some(target) = options.submit {
        let mut r = resource("submission");
        r.insert("product".into(), product.clone());
        r.insert("target".into(), json!({ "targetType": target.name() }));
        resources.push(r);
    }
    out.payload = json!({
        "$schema": schema_url(CONFIGURE, VERSION),
        "resources": resources.into_iter().map(Value::Object).collect::<Vec<_>>(),
    });
    out
}

impl Exported {
    fn skip(&mut self, pointer: &str, reason: &'static str) {
        self.skipped.push(Skipped {
            pointer: pointer.to_string(),
            reason,
        });
    }

    fn plan(
        &mut self,
        resources: &mut Vec<Map<String, Value>>,
        resource: &dyn Fn(&str) -> Map<String, Value>,
        product: &Value,
        i: usize,
        plan: &Value,
    ) {
        let Some(fields) = plan.as_object() else {
            return;
        };
        let id = fields.get("id").and_then(Value::as_str).unwrap_or_default();
        let plan_ref = json!({ "externalId": id });
        let at = format!("/plans/{i}");
        // plan
        let mut r = resource("plan");
        r.insert("product".into(), product.clone());
        r.insert("identity".into(), plan_ref.clone());
        let name = plan.pointer("/listing/name").and_then(Value::as_str);
        r.insert("alias".into(), name.unwrap_or(id).into());
        for k in PLAN_KEYS {
            if let Some(v) = fields.get(*k) {
                r.insert(k.to_string(), v.clone());
            }
        }
        resources.push(r);
        // plan-listing
        if let Some(Value::Object(listing)) = fields.get("listing") {
            let mut r = resource("plan-listing");
            r.insert("product".into(), product.clone());
            r.insert("plan".into(), plan_ref.clone());
            r.insert("kind".into(), "azureVM-plan".into());
            r.insert("languageId".into(), "en-us".into());
            r.extend(listing.clone());
            resources.push(r);
        }
        // price-and-availability-plan
        let mut r = resource("price-and-availability-plan");
        r.insert("product".into(), product.clone());
        r.insert("plan".into(), plan_ref.clone());
        for k in PLAN_AVAILABILITY_KEYS {
            if let Some(v) = fields.get(*k) {
                r.insert(k.to_string(), v.clone());
            }
        }
        resources.push(r);
        // virtual-machine-plan-technical-configuration
        if let Some(Value::Object(tc)) = fields.get("technicalConfiguration") {
            let kind = "virtual-machine-plan-technical-configuration";
            let mut r = resource(kind);
            if uses_newer_fields(tc) {
                r.insert("$schema".into(), schema_url(kind, NEWER_VERSION).into());
            }
            r.insert("product".into(), product.clone());
            r.insert("plan".into(), plan_ref.clone());
            for (k, v) in tc {
                let v = match k.as_str() {
                    "basePlan" => match v.as_str() {
                        Some(base) => json!({ "externalId": base }),
                        None => v.clone(),
                    },
                    "vmImageVersions" => self.without_certification(
                        v,
                        &format!("{at}/technicalConfiguration/vmImageVersions"),
                    ),
                    _ => v.clone(),
                };
                r.insert(k.clone(), v);
            }
            resources.push(r);
        }
        for k in fields.keys() {
            let exported = ["id", "listing", "technicalConfiguration"].contains(&k.as_str())
                || PLAN_KEYS.contains(&k.as_str())
                || PLAN_AVAILABILITY_KEYS.contains(&k.as_str());
            if !exported {
                let pointer = format!("{at}/{}", crate::load::yaml::escape_token(k));
                self.skip(&pointer, UNKNOWN);
            }
        }
    }

    /// The image versions without the `certification` facts of their images.
    fn without_certification(&mut self, versions: &Value, at: &str) -> Value {
        let mut versions = versions.clone();
        for (v, version) in versions.as_array_mut().into_iter().flatten().enumerate() {
            let images = version.get_mut("vmImages").and_then(Value::as_array_mut);
            for (i, image) in images.into_iter().flatten().enumerate() {
                let image_at = format!("{at}/{v}/vmImages/{i}");
                if let Some(m) = image.as_object_mut() {
                    if m.remove("certification").is_some() {
                        self.skip(&format!("{image_at}/certification"), CERTIFICATION);
                    }
                }
                let os_disk = image
                    .pointer_mut("/source/osDisk")
                    .and_then(Value::as_object_mut);
                if os_disk.and_then(|d| d.remove("sizeGb")).is_some() {
                    self.skip(&format!("{image_at}/source/osDisk/sizeGb"), DISK_SIZE);
                }
                let data = image
                    .pointer_mut("/source/dataDisks")
                    .and_then(Value::as_array_mut);
                for (d, disk) in data.into_iter().flatten().enumerate() {
                    let removed = disk.as_object_mut().and_then(|m| m.remove("sizeGb"));
                    if removed.is_some() {
                        self.skip(
                            &format!("{image_at}/source/dataDisks/{d}/sizeGb"),
                            DISK_SIZE,
                        );
                    }
                }
            }
        }
        versions
    }
}

/// A file name as one segment of a URL path: every byte but the unreserved ones
/// percent-encoded (a `#` or `?` in a file name must not end the path).
fn url_segment(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn file_names_are_one_url_segment() {
        assert_eq!(super::url_segment("logo-large.png"), "logo-large.png");
        assert_eq!(super::url_segment("a b#?.png"), "a%20b%23%3F.png");
        assert_eq!(super::url_segment("é.png"), "%C3%A9.png");
    }
}
