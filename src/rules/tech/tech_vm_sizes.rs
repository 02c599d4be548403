use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// Each technical configuration's `recommendedVmSizes` lists at most 6 VM sizes, each
    /// at most once. The list is optional and may be empty (Microsoft's schema has no
    /// minimum, and resource trees of live offers hold `[]`).
    ///
    /// ## Why Partner Center rejects it
    /// A plan recommends at most six VM sizes; the first valid one becomes the size a
    /// customer gets by default. A size listed twice takes one of the six places for nothing
    /// and is refused as a duplicate.
    ///
    /// ## Example
    /// ```yaml
    /// recommendedVmSizes: [d2s-standard-v5, d4s-standard-v5, d2s-standard-v5]
    /// ```
    /// Use instead:
    /// ```yaml
    /// recommendedVmSizes: [d2s-standard-v5, d4s-standard-v5]
    /// ```
    ///
    /// ## Source
    /// - Recommended VM sizes: Microsoft, VM plan technical configuration (2022-04),
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/azure-vm-plan-technical-configuration.md>
    /// - `recommendedVmSizes` maxItems 6: Microsoft's Product Ingestion schema
    ///   `virtual-machine-plan-technical-configuration`,
    ///   <https://product-ingestion.azureedge.net/schema/virtual-machine-plan-technical-configuration/2022-03-01-preview2>
    RULE {
        id: "tech-vm-sizes",
        area: Tech,
        severity: Error,
        kind: Document,
        summary: "at most 6 recommended sizes, unique",
    }
}
