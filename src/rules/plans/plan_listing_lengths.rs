use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// Each plan's `listing` has a `name` of 1-100 characters, a `summary` of 1-100
    /// characters and a `description` of 1-2,000 characters.
    ///
    /// ## Why Partner Center rejects it
    /// The plan listing is what customers see when they choose a plan: Partner Center
    /// requires a plan name and summary of up to 100 characters each and a description of up
    /// to 2,000. (The Product Ingestion schema allows a 125-character plan alias, but the
    /// plan listing page limits the name to 100; the stricter limit is used.)
    ///
    /// ## Example
    /// ```yaml
    /// plans:
    ///   - id: hardened-2204-gen2
    ///     listing:
    ///       name: ""
    ///       summary: Ubuntu 22.04 with CIS L1
    ///       description: The Gen2 image with CIS Level 1 hardening.
    /// ```
    /// Use instead:
    /// ```yaml
    /// plans:
    ///   - id: hardened-2204-gen2
    ///     listing:
    ///       name: Hardened 22.04 (Gen2)
    ///       summary: Ubuntu 22.04 with CIS L1
    ///       description: The Gen2 image with CIS Level 1 hardening.
    /// ```
    ///
    /// ## Source
    /// - Name <= 100, summary <= 100, description <= 2,000: Microsoft, VM plan listing,
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/azure-vm-plan-listing.md>
    /// - `alias` 1-125: Microsoft's Product Ingestion schema `plan` (a conflict with the form's
    ///   100, resolved to 100),
    ///   <https://product-ingestion.azureedge.net/schema/plan/2022-03-01-preview2>
    RULE {
        id: "plan-listing-lengths",
        area: Plans,
        severity: Error,
        kind: Document,
        summary: "name 1-100, summary 1-100, description 1-2,000 chars",
    }
}
