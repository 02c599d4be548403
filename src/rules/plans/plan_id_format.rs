use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// Each plan's `id` is 3-50 characters of lowercase letters, digits, `-` and `_`, starts
    /// with a letter or digit, and does not end with `-`.
    ///
    /// ## Why Partner Center rejects it
    /// The plan id (`identity.externalId` of the plan resource) appears in the product URL,
    /// in ARM templates and in billing reports, and every other resource of the plan names
    /// it in a reference by external id, `{"plan": {"externalId": ...}}`, which accepts
    /// `^[a-z0-9][a-z0-9-_]{2,49}$`: 3 to 50 characters, starting with a letter or digit. (The
    /// plan resource's own pattern, `^[a-z0-9-_]{1,50}$`, lets through ids that no reference
    /// can then name.) The Cloud Partner Portal also refused a trailing dash. The id cannot be
    /// changed once the plan is created, so get it right before the first submission.
    ///
    /// ## Example
    /// ```yaml
    /// plans:
    ///   - id: Hardened-22.04-Gen2-
    /// ```
    /// Use instead:
    /// ```yaml
    /// plans:
    ///   - id: hardened-2204-gen2
    /// ```
    ///
    /// ## Source
    /// - Plan ID: Microsoft, VM plan overview (2022-02),
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/azure-vm-plan-overview.md>
    /// - `identity.externalId` `^[a-z0-9-_]{1,50}$`: Microsoft's Product Ingestion schema `plan`,
    ///   <https://product-ingestion.azureedge.net/schema/plan/2022-03-01-preview2>
    /// - A reference by `externalId`, 3-50 characters, `^[a-z0-9][a-z0-9-_]{2,49}$`: the
    ///   `resource-reference` definition of the Product Ingestion schemas,
    ///   <https://product-ingestion.azureedge.net/schema/resource-reference/2022-03-01-preview2>,
    ///   and the product's `identity.externalId` (the same pattern),
    ///   <https://product-ingestion.azureedge.net/schema/product/2022-03-01-preview2>
    /// - No trailing dash: Microsoft, Cloud Partner Portal, SKUs tab,
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/cloud-partner-portal/virtual-machine/cpp-skus-tab.md>
    RULE {
        id: "plan-id-format",
        area: Plans,
        severity: Error,
        kind: Document,
        summary: "3-50 chars, `[a-z0-9_-]`, starts with a letter or digit, does not end with `-`",
    }
}
