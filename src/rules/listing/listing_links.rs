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
    /// domain.md §3 "Offer listing", rows "Useful links" (PI-schema `listing` `generalLinks`;
    /// content-validation guideline #9) and "Customer support links" (azure-vm-offer-listing.md;
    /// PI `globalSupportWebsite`, `governmentSupportWebsite`).
    RULE {
        id: "listing-links",
        area: Listing,
        severity: Error,
        kind: Document,
        summary: "every general link has displayText and an absolute http/https link; support websites are http/https",
    }
}
