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
    /// domain.md §3 "Offer listing", row "Privacy policy link" (azure-vm-offer-listing.md)
    /// and the certification content checks (marketplace-criteria-content-validation.md).
    RULE {
        id: "listing-privacy-url",
        area: Listing,
        severity: Error,
        kind: Document,
        summary: "privacyPolicyLink present, absolute http/https URL",
    }
}
