use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// `offer.alias`, the offer's name inside Partner Center, is 1 to 120 characters long.
    /// The check is done by the schema.
    ///
    /// ## Why Partner Center rejects it
    /// The alias is the product resource's `alias`, a string of at most 120 characters in
    /// Microsoft's schema. It is not shown on the marketplace (the listing title is), but
    /// Partner Center pre-fills the listing name from it and lists offers by it.
    ///
    /// ## Example
    /// ```yaml
    /// offer:
    ///   alias: ""
    /// ```
    /// Use instead:
    /// ```yaml
    /// offer:
    ///   alias: Contoso Hardened Ubuntu
    /// ```
    ///
    /// ## Source
    /// - Publisher and offer alias: Microsoft, VM offer setup,
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/azure-vm-offer-setup.md>
    /// - `alias` maxLength 120: Microsoft's Product Ingestion schema `product`,
    ///   <https://product-ingestion.azureedge.net/schema/product/2022-03-01-preview2>
    RULE {
        id: "offer-alias-length",
        area: Offer,
        severity: Error,
        kind: Document,
        summary: "1-120 chars",
    }
}
