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
    /// domain.md §5 "Pricing / license models" (azure-vm-plan-pricing-and-availability.md,
    /// 2022-02; PI-schema `price-and-availability-plan` `price-and-availability-core-price`).
    RULE {
        id: "pricing-option-fields",
        area: Pricing,
        severity: Error,
        kind: Document,
        summary: "byol has no corePricing; payAsYouGo has corePricing whose priceInputOption carries exactly its own field (flat: price; perCore: pricePerCore; perCoreSize: pricePerCoreSize; perMarketAndCoreSize: prices; free: none); prices >= 0",
    }
}
