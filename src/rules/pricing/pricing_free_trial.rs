use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// A plan's `trial` is `{ type: month, value: 1 }`, `3` or `6`, and a trial is offered
    /// only on a `payAsYouGo` plan that is not free (`priceInputOption` other than `free`).
    /// Leave `trial` out for no trial.
    ///
    /// ## Why Partner Center rejects it
    /// Partner Center offers free trials of one, three or six months, and only for
    /// usage-based (pay-as-you-go) pricing: the trial waives the software charge, so a BYOL
    /// plan (no software charge through Microsoft) or a free plan has nothing to waive.
    ///
    /// ## Example
    /// ```yaml
    /// pricing:
    ///   licenseModel: byol
    /// trial: { type: month, value: 2 }
    /// ```
    /// Use instead:
    /// ```yaml
    /// pricing:
    ///   licenseModel: payAsYouGo
    ///   corePricing: { priceInputOption: perCore, pricePerCore: 0.04 }
    /// trial: { type: month, value: 3 }
    /// ```
    ///
    /// ## Source
    /// - Free trial of 1, 3 or 6 months: Microsoft, VM plan pricing and availability (2022-02),
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/azure-vm-plan-pricing-and-availability.md>
    /// - Microsoft's Product Ingestion schema `price-and-availability-plan` (`trial`),
    ///   <https://product-ingestion.azureedge.net/schema/price-and-availability-plan/2022-03-01-preview2>
    RULE {
        id: "pricing-free-trial",
        area: Pricing,
        severity: Error,
        kind: Document,
        summary: "trial is 1, 3 or 6 months, and only on payAsYouGo plans that are not free",
    }
}
