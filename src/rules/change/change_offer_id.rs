use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// the offer id differs from the baseline's
    RULE {
        id: "change-offer-id",
        area: Change,
        severity: Error,
        kind: Change,
        summary: "the offer id differs from the baseline's",
    }
}
