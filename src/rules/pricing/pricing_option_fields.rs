use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// A plan's `pricing` is consistent with its license model and price option:
    /// - `licenseModel: byol` has no `corePricing`;
    /// - `licenseModel: payAsYouGo` has `corePricing`, whose `priceInputOption` carries
    ///   exactly its own price field and no other: `flat` → `price`, `perCore` →
    ///   `pricePerCore`, `perCoreSize` → `pricePerCoreSize` (a map of core size to price),
    ///   `perMarketAndCoreSize` → `prices` (a list of `{markets, currency, prices}`), `free`
    ///   → none;
    /// - every price is a number >= 0.
    ///
    /// ## Why Partner Center rejects it
    /// The Product Ingestion schema makes the price fields mutually exclusive: each price
    /// input option requires its own field and forbids the others, and a BYOL plan is not
    /// priced through Microsoft at all. A left-over `price` from an earlier pricing model is
    /// rejected rather than ignored.
    ///
    /// ## Example
    /// ```yaml
    /// pricing:
    ///   licenseModel: payAsYouGo
    ///   corePricing:
    ///     priceInputOption: perCore
    ///     price: 0.16               # the field of `flat`
    /// ```
    /// Use instead:
    /// ```yaml
    /// pricing:
    ///   licenseModel: payAsYouGo
    ///   corePricing:
    ///     priceInputOption: perCore
    ///     pricePerCore: 0.04
    /// ```
    ///
    /// ## Source
    /// - Pricing / license models: Microsoft, VM plan pricing and availability (2022-02),
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/azure-vm-plan-pricing-and-availability.md>
    /// - Microsoft's Product Ingestion schemas `price-and-availability-plan` and
    ///   `price-and-availability-core-price`,
    ///   <https://product-ingestion.azureedge.net/schema/price-and-availability-plan/2022-03-01-preview2>
    ///   <https://product-ingestion.azureedge.net/schema/price-and-availability-core-price/2022-03-01-preview2>
    RULE {
        id: "pricing-option-fields",
        area: Pricing,
        severity: Error,
        kind: Document,
        summary: "byol has no corePricing; payAsYouGo has corePricing whose priceInputOption carries exactly its own field (flat: price; perCore: pricePerCore; perCoreSize: pricePerCoreSize; perMarketAndCoreSize: prices; free: none); prices >= 0",
    }
}
