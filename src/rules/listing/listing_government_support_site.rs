use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// When any plan lists `azureGovernment` in `azureRegions`, the listing gives a
    /// `governmentSupportWebsite`. The finding points at the `listing` key. (That the URL
    /// is an absolute http/https URL is `listing-links`.) The check is done by the schema.
    ///
    /// ## Why Partner Center rejects it
    /// The offer listing has two customer-support links, one for Azure Global and one for
    /// Azure Government customers. Partner Center asks for the Azure Government support
    /// website when the offer is sold in Azure Government; the documents do not say whether
    /// a missing one blocks publishing, hence a warning.
    ///
    /// ## Example
    /// ```yaml
    /// listing:
    ///   globalSupportWebsite: https://contoso.example/support
    /// plans:
    ///   - id: hardened-2204-gen2
    ///     azureRegions: [azureGlobal, azureGovernment]
    /// ```
    /// Use instead:
    /// ```yaml
    /// listing:
    ///   globalSupportWebsite: https://contoso.example/support
    ///   governmentSupportWebsite: https://contoso.example/gov-support
    /// plans:
    ///   - id: hardened-2204-gen2
    ///     azureRegions: [azureGlobal, azureGovernment]
    /// ```
    ///
    /// ## Source
    /// - Customer support links: Microsoft, VM offer listing,
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/azure-vm-offer-listing.md>
    /// - Microsoft's Product Ingestion schema `listing` (`governmentSupportWebsite`),
    ///   <https://product-ingestion.azureedge.net/schema/listing/2022-03-01-preview2>
    /// - Azure regions (clouds): Microsoft, VM plan setup,
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/azure-vm-plan-setup.md>
    RULE {
        id: "listing-government-support-site",
        area: Listing,
        severity: Warning,
        kind: Document,
        summary: "a plan targets azureGovernment but governmentSupportWebsite is missing",
    }
}
