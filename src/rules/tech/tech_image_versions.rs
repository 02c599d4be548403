use crate::message::display_path;
use crate::rules::plans::unique::repeats;
use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// Each image version's `versionNumber` is `X.Y.Z` (digits), at most 32 characters, and
    /// unique within the plan; each version has 1 to 3 `vmImages`, at most one per image
    /// type (x64Gen1, x64Gen2, arm64Gen2: later schema versions allow all three).
    ///
    /// ## Why Partner Center rejects it
    /// Image versions are semantic `major.minor.patch` numbers, and a plan cannot publish
    /// two images under one version: customers and ARM templates pick an image by plan and
    /// version. Within a version there is one image per image type (Gen1, Gen2, Arm64).
    ///
    /// ## Example
    /// ```yaml
    /// vmImageVersions:
    ///   - versionNumber: 1.0.0
    ///     vmImages: [ { imageType: x64Gen2, ... } ]
    ///   - versionNumber: 1.0.0            # again
    ///     vmImages: [ { imageType: x64Gen2, ... } ]
    /// ```
    /// Use instead:
    /// ```yaml
    /// vmImageVersions:
    ///   - versionNumber: 1.0.0
    ///     vmImages: [ { imageType: x64Gen2, ... } ]
    ///   - versionNumber: 1.0.1
    ///     vmImages: [ { imageType: x64Gen2, ... } ]
    /// ```
    ///
    /// ## Source
    /// - Image versions: Microsoft, VM plan technical configuration (2022-04),
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/azure-vm-plan-technical-configuration.md>
    /// - Microsoft's Product Ingestion schema `virtual-machine-plan-technical-configuration`
    ///   (`vmImageVersion`: pattern, 1-32 chars, `vmImages` 1-2 in preview2),
    ///   <https://product-ingestion.azureedge.net/schema/virtual-machine-plan-technical-configuration/2022-03-01-preview2>
    RULE {
        id: "tech-image-versions",
        area: Tech,
        severity: Error,
        kind: Document,
        summary: "versionNumber `X.Y.Z`, <= 32 chars, unique in the plan; each version has 1-3 images, one per image type",
        check: check,
    }
}

fn check(ctx: &mut Ctx) {
    for (plan_ptr, _) in ctx.items("/plans") {
        let list = format!("{plan_ptr}/technicalConfiguration/vmImageVersions");
        let versions = ctx.items(&list);
        let number = |v: &Value| {
            v.get("versionNumber")
                .and_then(Value::as_str)
                .map(str::to_string)
        };
        for r in repeats(&versions, number) {
            ctx.report(
                &format!("{}/versionNumber", r.pointer),
                format!(
                    "version {} appears twice in {} (first at {})",
                    r.value,
                    display_path(&list),
                    display_path(&r.first)
                ),
                "give the new image version its own number, e.g. increase the patch number",
            );
        }
    }
}
