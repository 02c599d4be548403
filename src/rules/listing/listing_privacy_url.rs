use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// `listing.privacyPolicyLink` is present and is an absolute `http://` or `https://`
    /// URL. The check is done by the schema.
    ///
    /// ## Why Partner Center rejects it
    /// The privacy policy link is a required field of the offer listing, and the publisher
    /// must also post a valid privacy policy at that address. Certification's content
    /// validation requires policies and terms to be available at a public URL; a relative
    /// path or a bare host name is not one.
    ///
    /// ## Example
    /// ```yaml
    /// listing:
    ///   privacyPolicyLink: contoso.example/privacy
    /// ```
    /// Use instead:
    /// ```yaml
    /// listing:
    ///   privacyPolicyLink: https://contoso.example/privacy
    /// ```
    ///
    /// ## Source
    /// - Privacy policy link: Microsoft, VM offer listing,
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/azure-vm-offer-listing.md>
    /// - The certification content checks: Microsoft, Azure Marketplace listing guidelines,
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/marketplace-criteria-content-validation.md>
    RULE {
        id: "listing-privacy-url",
        area: Listing,
        severity: Error,
        kind: Document,
        summary: "privacyPolicyLink present, absolute http/https URL",
    }
}
