use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// `offer.id` is 3 to 50 characters of lowercase letters, digits, `-` and `_`; it
    /// starts with a letter or a digit and does not end with `-`. In one pattern:
    /// `^[a-z0-9][a-z0-9_-]{1,48}[a-z0-9_]$`. The check is done by the schema.
    ///
    /// ## Why Partner Center rejects it
    /// The offer id becomes `identity.externalId` of the product resource, whose pattern in
    /// Microsoft's schema is `^[a-z0-9][a-z0-9-_]{2,49}$` (3-50 characters, starting with a
    /// letter or digit). Partner Center allows lowercase letters, digits, hyphens and
    /// underscores, no spaces, at most 50 characters; the Cloud Partner Portal added that it
    /// cannot end with a hyphen. The id appears in the marketplace URL
    /// (`…/apps/<publisher>.<offer-id>`), in ARM templates and in billing reports, and it
    /// can never be changed once the offer is created.
    ///
    /// ## Example
    /// ```yaml
    /// offer:
    ///   id: Contoso-Hardened-Ubuntu-
    /// ```
    /// Use instead:
    /// ```yaml
    /// offer:
    ///   id: contoso-hardened-ubuntu
    /// ```
    ///
    /// ## Source
    /// - Offer ID: Microsoft, Cloud Partner Portal, Offer Settings tab (2019-04),
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/cloud-partner-portal/virtual-machine/cpp-offer-settings-tab.md>
    /// - Microsoft, VM offer setup (2022-03),
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/azure-vm-offer-setup.md>
    /// - Microsoft's Product Ingestion schema `product` (`identity.externalId`),
    ///   <https://product-ingestion.azureedge.net/schema/product/2022-03-01-preview2>
    /// - The lint pattern is the intersection of the three (offer-lint's own choice).
    RULE {
        id: "offer-id-format",
        area: Offer,
        severity: Error,
        kind: Document,
        summary: "3-50 chars, `[a-z0-9_-]`, starts with `[a-z0-9]`, does not end with `-`",
    }
}
