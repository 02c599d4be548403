use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// Each plan's `id` is 1-50 characters of lowercase letters, digits, `-` and `_`, and does
    /// not end with `-`.
    ///
    /// ## Why Partner Center rejects it
    /// The plan id (`identity.externalId` of the plan resource) appears in the product URL,
    /// in ARM templates and in billing reports. The Product Ingestion API accepts
    /// `^[a-z0-9-_]{1,50}$`; the Cloud Partner Portal also refused a trailing dash. The id
    /// cannot be changed once the plan is created, so get it right before the first
    /// submission.
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
    /// domain.md §5 "Counts, IDs, names" (azure-vm-plan-overview.md, 2022-02; PI-schema
    /// `plan` `identity.externalId` `^[a-z0-9-_]{1,50}$`; cpp-skus-tab.md: no trailing dash).
    RULE {
        id: "plan-id-format",
        area: Plans,
        severity: Error,
        kind: Document,
        summary: "1-50 chars, `[a-z0-9_-]`, does not end with `-`",
    }
}
