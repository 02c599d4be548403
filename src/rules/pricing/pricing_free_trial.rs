use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// trial is 1, 3 or 6 months, and only on payAsYouGo plans that are not free
    RULE {
        id: "pricing-free-trial",
        area: Pricing,
        severity: Error,
        kind: Document,
        summary: "trial is 1, 3 or 6 months, and only on payAsYouGo plans that are not free",
    }
}
