use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// Every plan with its own technical configuration (one that does not reuse another
    /// plan's through `basePlan`) keeps, for each image type its images have, at least one image version whose `lifecycleState` is
    /// `generallyAvailable` (the default when `lifecycleState` is left out) and that holds an
    /// image of that type. A plan with no active version at all is one finding on
    /// `vmImageVersions`; an image type left with none is one finding on its sku (or, with
    /// no sku for it, on its last image).
    ///
    /// ## Why Partner Center rejects it
    /// Each plan must keep at least one active image: Partner Center does not let you
    /// deprecate or delete the last image of a plan (deprecate the plan instead), and a plan
    /// whose images are all deprecated or deleted has nothing for customers to deploy. The
    /// requirement holds per image type, since a customer deploys a sku, i.e. one image
    /// type: an x64Gen1 sku whose only active version carries no x64Gen1 image cannot be
    /// deployed even while the plan's x64Gen2 sku can.
    ///
    /// ## Example
    /// ```yaml
    /// vmImageVersions:
    ///   - versionNumber: 1.0.0
    ///     lifecycleState: deprecated
    ///     vmImages: [ ... ]
    /// ```
    /// Use instead:
    /// ```yaml
    /// vmImageVersions:
    ///   - versionNumber: 1.0.0
    ///     lifecycleState: deprecated
    ///     vmImages: [ ... ]
    ///   - versionNumber: 1.0.1             # the fixed image
    ///     lifecycleState: generallyAvailable
    ///     vmImages: [ ... ]
    /// ```
    ///
    /// ## Source
    /// - Image versions (each plan must keep at least one active image; you cannot remove the
    ///   last image of a plan): Microsoft, VM plan technical configuration (2022-04),
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/azure-vm-plan-technical-configuration.md>
    /// - `lifecycleState`: Microsoft, Product Ingestion API (2022-06),
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/product-ingestion-api.md>
    /// - One image per image type in each version, one sku per image type: Microsoft's Product
    ///   Ingestion schema `virtual-machine-plan-technical-configuration`,
    ///   <https://product-ingestion.azureedge.net/schema/virtual-machine-plan-technical-configuration/2022-03-01-preview2>
    RULE {
        id: "tech-active-image",
        area: Tech,
        severity: Error,
        kind: Document,
        summary: "each plan keeps >= 1 generallyAvailable image version for each image type it serves",
        check: check,
    }
}

fn text(v: &Value, key: &str) -> Option<String> {
    v.get(key).and_then(Value::as_str).map(str::to_string)
}

/// The per-plan case (no active version at all) is the schema's finding; this adds each
/// image type that has no active version while another type still has one.
fn check(ctx: &mut Ctx) {
    'plans: for (plan_ptr, _) in ctx.items("/plans") {
        let tc = format!("{plan_ptr}/technicalConfiguration");
        if ctx.get(&format!("{tc}/basePlan")).is_some() {
            continue;
        }
        // Image type of some image -> (active?, where to report when it is not: its sku,
        // else its last image). A sku with no image at all is not this rule's finding.
        let mut types: Vec<(String, bool, String)> = Vec::new();
        let mut any_active = false;
        let skus: Vec<(String, String)> = ctx
            .items(&format!("{tc}/skus"))
            .into_iter()
            .filter_map(|(ptr, sku)| Some((text(sku, "imageType")?, ptr)))
            .collect();
        for (ver_ptr, ver) in ctx.items(&format!("{tc}/vmImageVersions")) {
            let state = ver.get("lifecycleState");
            if state.is_some() && ctx.is_unresolved(&format!("{ver_ptr}/lifecycleState")) {
                continue 'plans;
            }
            let active = match state {
                None => true,
                Some(v) => v.as_str() == Some("generallyAvailable"),
            };
            any_active |= active;
            for (img_ptr, img) in ctx.items(&format!("{ver_ptr}/vmImages")) {
                let Some(t) = text(img, "imageType") else {
                    continue;
                };
                let sku = skus.iter().find(|(k, _)| *k == t).map(|(_, p)| p.clone());
                match types.iter_mut().find(|(k, _, _)| *k == t) {
                    Some(entry) => {
                        entry.1 |= active;
                        if sku.is_none() {
                            entry.2 = img_ptr;
                        }
                    }
                    None => types.push((t, active, sku.unwrap_or(img_ptr))),
                }
            }
        }
        if !any_active {
            continue;
        }
        for (t, active, at) in types {
            if active {
                continue;
            }
            let shown = ctx.quote(&format!("{at}/imageType"), &t);
            ctx.report_with(
                ctx.rule.severity,
                At::Key,
                &at,
                format!(
                    "no generallyAvailable image version of this plan has an `{shown}` image: customers cannot deploy its {shown} sku"
                ),
                format!("publish a version with an `{shown}` image, or remove the {shown} sku"),
            );
        }
    }
}
