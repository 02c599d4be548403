use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// Every plan with its own technical configuration (one that does not reuse another
    /// plan's through `basePlan`) keeps at least one image version whose `lifecycleState` is
    /// `generallyAvailable` (the default when `lifecycleState` is left out).
    ///
    /// ## Why Partner Center rejects it
    /// Each plan must keep at least one active image: Partner Center does not let you
    /// deprecate or delete the last image of a plan (deprecate the plan instead), and a plan
    /// whose images are all deprecated or deleted has nothing for customers to deploy.
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
    RULE {
        id: "tech-active-image",
        area: Tech,
        severity: Error,
        kind: Document,
        summary: "each plan keeps >= 1 generallyAvailable image version",
    }
}
