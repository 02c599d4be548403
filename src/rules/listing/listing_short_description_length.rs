use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// `listing.shortDescription` is at most 256 characters long. The check is done by the
    /// schema.
    ///
    /// ## Why Partner Center rejects it
    /// The short description (the "long summary" of older pages) is shown on the offer's
    /// overview in the Azure portal. Partner Center's 2020 listing page and the Cloud
    /// Partner Portal's "Long Summary" limit it to 256 characters; the 2022 page no longer
    /// gives a number, so the last documented limit is used.
    ///
    /// ## Example
    /// ```yaml
    /// listing:
    ///   shortDescription: "…300 characters…"
    /// ```
    /// Use instead:
    /// ```yaml
    /// listing:
    ///   shortDescription: A hardened, patched Ubuntu 22.04 image for regulated workloads.
    /// ```
    ///
    /// ## Source
    /// - Short description / Long summary: Microsoft, VM offer listing (2020 page),
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/azure-vm-create-listing.md>
    /// - "Long Summary" (256): Microsoft, Cloud Partner Portal, Marketplace tab,
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/cloud-partner-portal/virtual-machine/cpp-marketplace-tab.md>
    RULE {
        id: "listing-short-description-length",
        area: Listing,
        severity: Error,
        kind: Document,
        summary: "shortDescription <= 256 chars",
    }
}
