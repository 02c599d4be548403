use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// `softwareReservation` is used only on pay-as-you-go plans priced `flat`, `perCore` or
    /// `perCoreSize`; each entry is a term of 1 or 3 years (`type: year`, `term: 1` or `3`)
    /// with a `percentageSave` greater than 0 and less than 100.
    ///
    /// ## Why Partner Center rejects it
    /// VM software reservations give customers a discount for paying one or three years
    /// ahead, computed from the hourly price (8,760 hours a year). They are available only
    /// with the flat-rate, per-core and per-core-size price options, not with BYOL, free
    /// or per-market-and-core-size pricing, and the saving is a percentage strictly between
    /// 0 and 100.
    ///
    /// ## Example
    /// ```yaml
    /// pricing:
    ///   licenseModel: payAsYouGo
    ///   corePricing: { priceInputOption: free }
    /// softwareReservation:
    ///   - { type: year, term: 2, percentageSave: 100 }
    /// ```
    /// Use instead:
    /// ```yaml
    /// pricing:
    ///   licenseModel: payAsYouGo
    ///   corePricing: { priceInputOption: perCore, pricePerCore: 0.04 }
    /// softwareReservation:
    ///   - { type: year, term: 1, percentageSave: 20 }
    ///   - { type: year, term: 3, percentageSave: 40 }
    /// ```
    ///
    /// ## Source
    /// - Reservations (VM software reservations): Microsoft, plan a VM offer, in a later revision
    ///   of the page (unverified beyond that revision),
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/marketplace-virtual-machines.md>
    /// - Microsoft's Product Ingestion schema `price-and-availability-plan`
    ///   (`softwareReservation`),
    ///   <https://product-ingestion.azureedge.net/schema/price-and-availability-plan/2022-03-01-preview2>
    RULE {
        id: "pricing-reservation",
        area: Pricing,
        severity: Error,
        kind: Document,
        summary: "softwareReservation only with flat, perCore or perCoreSize; terms of 1 or 3 years; 0 < percentageSave < 100",
    }
}
