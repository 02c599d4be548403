use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// Every entry of `listing.generalLinks` has a `displayText` and a `link` that is an
    /// absolute `http://` or `https://` URL, and the support websites
    /// `globalSupportWebsite` and `governmentSupportWebsite`, when given, are http/https
    /// URLs too. The check is done by the schema. (Whether a government support site is
    /// needed at all is `listing-government-support-site`.)
    ///
    /// ## Why Partner Center rejects it
    /// The "useful links" are shown on the listing as the display text linking to the URL;
    /// Microsoft's `listing` schema requires the link to match `^(http|https)://`, and the
    /// content validation guidelines ask that links be public and resolve. The support
    /// websites are the customer-support links for Azure Global and Azure Government
    /// customers.
    ///
    /// ## Example
    /// ```yaml
    /// listing:
    ///   generalLinks:
    ///     - { link: docs.contoso.example }
    /// ```
    /// Use instead:
    /// ```yaml
    /// listing:
    ///   generalLinks:
    ///     - { displayText: Documentation, link: https://docs.contoso.example }
    /// ```
    ///
    /// ## Source
    /// - Useful links: Microsoft's Product Ingestion schema `listing` (`generalLinks`; also
    ///   `globalSupportWebsite`, `governmentSupportWebsite`),
    ///   <https://product-ingestion.azureedge.net/schema/listing/2022-03-01-preview2>
    /// - Links are public and resolve: Microsoft, Azure Marketplace listing guidelines, #9,
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/marketplace-criteria-content-validation.md>
    /// - Customer support links: Microsoft, VM offer listing,
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/azure-vm-offer-listing.md>
    RULE {
        id: "listing-links",
        area: Listing,
        severity: Error,
        kind: Document,
        summary: "every general link has displayText and an absolute http/https link; support websites are http/https",
    }
}
