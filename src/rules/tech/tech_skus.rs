use crate::message::display_path;
use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// Each technical configuration has 1 to 3 `skus`, each with an `imageType`
    /// (`x64Gen1`, `x64Gen2` or `arm64Gen2`) that no other sku of the plan uses and a
    /// `skuId` of `[a-z0-9_-]`. Every image type used by an image in `vmImageVersions` has
    /// a sku. `securityType` (`trusted`, `confidential`, or a list of them) is set on no
    /// `x64Gen1` sku, `trusted` (Trusted Launch) on the `x64Gen2` or `arm64Gen2` sku, and
    /// `confidential` only on the `x64Gen2` sku (confidential VM sizes are all x64).
    ///
    /// ## Why Partner Center rejects it
    /// Every image type (generation) of a plan is published as its own sku, so each image
    /// needs a sku for its type and two skus cannot share one type. Trusted launch and
    /// confidential VMs exist only for x64 Generation 2 images, so a security type on a
    /// Gen1 or Arm64 sku is refused.
    ///
    /// ## Example
    /// ```yaml
    /// skus:
    ///   - { imageType: x64Gen2, skuId: hardened-2204-gen2 }
    /// vmImageVersions:
    ///   - versionNumber: 1.0.0
    ///     vmImages:
    ///       - imageType: x64Gen1        # no sku for x64Gen1
    /// ```
    /// Use instead:
    /// ```yaml
    /// skus:
    ///   - { imageType: x64Gen2, skuId: hardened-2204-gen2 }
    ///   - { imageType: x64Gen1, skuId: hardened-2204-gen1 }
    /// ```
    ///
    /// ## Source
    /// - Image types / SKUs (`skus` 1-2 in preview2, `skuId` pattern): Microsoft's Product Ingestion schema
    ///   `virtual-machine-plan-technical-configuration`,
    ///   <https://product-ingestion.azureedge.net/schema/virtual-machine-plan-technical-configuration/2022-03-01-preview2>
    /// - Trusted Launch on Arm64 (Cobalt 100 sizes, with Arm64 Marketplace images): Microsoft,
    ///   trusted launch for Azure VMs,
    ///   <https://learn.microsoft.com/en-us/azure/virtual-machines/trusted-launch>
    /// - arm64Gen2, `securityType` and three skus (x64Gen1, x64Gen2, arm64Gen2) from later
    ///   schema versions: cloudpub tests (`test_publish_live_multiple_arches_new_disk_version`)
    ///   and CHANGELOG 1.3.0,
    ///   <https://github.com/release-engineering/cloudpub/blob/main/tests/ms_azure/test_models.py>
    ///   <https://github.com/release-engineering/cloudpub/blob/main/CHANGELOG.md>
    RULE {
        id: "tech-skus",
        area: Tech,
        severity: Error,
        kind: Document,
        summary: "1-3 skus, unique imageType (x64Gen1, x64Gen2, arm64Gen2); skuId `[a-z0-9_-]+`; every vmImage's imageType has a sku; securityType: trusted on x64Gen2/arm64Gen2, confidential on x64Gen2 only",
        check: check,
    }
}

fn image_type(v: &Value) -> Option<String> {
    v.get("imageType")
        .and_then(Value::as_str)
        .map(str::to_string)
}

fn check(ctx: &mut Ctx) {
    for (plan_ptr, _) in ctx.items("/plans") {
        let tc = format!("{plan_ptr}/technicalConfiguration");
        let skus_ptr = format!("{tc}/skus");
        // Without skus the schema reports the missing key or the empty list; one finding
        // is enough.
        let skus = ctx.items(&skus_ptr);
        if skus.is_empty() {
            continue;
        }
        let known: Vec<String> = skus.iter().filter_map(|(_, s)| image_type(s)).collect();
        for (ver_ptr, _) in ctx.items(&format!("{tc}/vmImageVersions")) {
            for (img_ptr, img) in ctx.items(&format!("{ver_ptr}/vmImages")) {
                let Some(kind) = image_type(img) else {
                    continue;
                };
                if !known.contains(&kind) {
                    let type_ptr = format!("{img_ptr}/imageType");
                    let kind = ctx.quote(&type_ptr, &kind);
                    ctx.report(
                        &type_ptr,
                        format!(
                            "image type `{kind}` has no sku in {}",
                            display_path(&skus_ptr)
                        ),
                        format!("add `{{ imageType: {kind}, skuId: ... }}` to the plan's skus"),
                    );
                }
            }
        }
    }
}
