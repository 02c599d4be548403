use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// byol has no corePricing; payAsYouGo has corePricing whose priceInputOption carries exactly its own field (flat: price; perCore: pricePerCore; perCoreSize: pricePerCoreSize; perMarketAndCoreSize: prices; free: none); prices >= 0
    RULE {
        id: "pricing-option-fields",
        area: Pricing,
        severity: Error,
        kind: Document,
        summary: "byol has no corePricing; payAsYouGo has corePricing whose priceInputOption carries exactly its own field (flat: price; perCore: pricePerCore; perCoreSize: pricePerCoreSize; perMarketAndCoreSize: prices; free: none); prices >= 0",
    }
}
