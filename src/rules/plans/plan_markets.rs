use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// Each plan says where it is sold in exactly one way: a `markets` list (lowercase ISO
    /// country codes, at least one, each once), or `customerMarkets: allMarkets` /
    /// `allTaxRemittedMarkets` without a `markets` list. `customerMarkets: customMarkets` is
    /// the default and means "the markets listed under `markets`", so it needs the list.
    /// China (`cn`) is listed only on free plans (`priceInputOption: free`) and BYOL plans.
    ///
    /// ## Why Partner Center rejects it
    /// Every plan must be available in at least one market. With `allMarkets` or
    /// `allTaxRemittedMarkets` the plan must not list markets itself (the Product Ingestion
    /// schema forbids `markets` then). Plans sold in China must be free or bring-your-own-
    /// license: a paid pay-as-you-go plan cannot be published there.
    ///
    /// ## Example
    /// ```yaml
    /// plans:
    ///   - id: hardened-2204-gen2
    ///     markets: [us, cn, us]
    ///     pricing:
    ///       licenseModel: payAsYouGo
    ///       corePricing: { priceInputOption: perCore, pricePerCore: 0.04 }
    /// ```
    /// Use instead:
    /// ```yaml
    /// plans:
    ///   - id: hardened-2204-gen2
    ///     markets: [us]
    ///     pricing:
    ///       licenseModel: payAsYouGo
    ///       corePricing: { priceInputOption: perCore, pricePerCore: 0.04 }
    /// ```
    ///
    /// ## Source
    /// - Markets, China only for Free or BYOL: Microsoft, VM plan pricing and availability
    ///   (2022-02),
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/azure-vm-plan-pricing-and-availability.md>
    /// - Microsoft's Product Ingestion schema `price-and-availability-plan` (`markets`,
    ///   `customerMarkets`),
    ///   <https://product-ingestion.azureedge.net/schema/price-and-availability-plan/2022-03-01-preview2>
    RULE {
        id: "plan-markets",
        area: Plans,
        severity: Error,
        kind: Document,
        summary: "markets (lowercase ISO codes, no duplicates) or customerMarkets, exactly one of them; `cn` only for free or BYOL plans",
    }
}
