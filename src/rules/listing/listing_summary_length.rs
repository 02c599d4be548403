use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// `listing.searchResultSummary` is 1 to 100 characters long. The check is done by the
    /// schema.
    ///
    /// ## Why Partner Center rejects it
    /// The search results summary is the line shown under the offer's name in marketplace
    /// search results. Partner Center limits it to 100 characters, and so does certification
    /// policy 100.1.2 ("limited to 100 characters"); the legacy Cloud Partner Portal's
    /// "Summary" had the same limit.
    ///
    /// ## Example
    /// ```yaml
    /// listing:
    ///   searchResultSummary: A CIS Level 1 hardened, monthly patched Ubuntu 22.04 LTS image with FIPS-ready OpenSSL for regulated workloads
    /// ```
    /// Use instead:
    /// ```yaml
    /// listing:
    ///   searchResultSummary: CIS-hardened, monthly patched Ubuntu 22.04 for regulated workloads
    /// ```
    ///
    /// ## Source
    /// - Search results summary: Microsoft, VM offer listing (2020 page),
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/azure-vm-create-listing.md>
    /// - "Summary" (100): Microsoft, Cloud Partner Portal, Marketplace tab,
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/cloud-partner-portal/virtual-machine/cpp-marketplace-tab.md>
    /// - Microsoft, commercial marketplace certification policies v1.33, 100.1.2:
    ///   <https://docs.azure.cn/en-us/legal/marketplace/certification-policies>
    RULE {
        id: "listing-summary-length",
        area: Listing,
        severity: Error,
        kind: Document,
        summary: "searchResultSummary 1-100 chars",
    }
}
