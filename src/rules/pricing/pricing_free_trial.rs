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
    /// domain.md §5 "Pricing / license models", free trial
    /// (azure-vm-plan-pricing-and-availability.md, 2022-02: 1, 3 or 6 months; PI-schema
    /// `price-and-availability-plan` `trial`).
    RULE {
        id: "pricing-free-trial",
        area: Pricing,
        severity: Error,
        kind: Document,
        summary: "trial is 1, 3 or 6 months, and only on payAsYouGo plans that are not free",
    }
}
