use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// a plan of the baseline is gone (that is a stop-sell, not a rename: plan ids never change)
    RULE {
        id: "change-plan-removed",
        area: Change,
        severity: Warning,
        kind: Change,
        summary: "a plan of the baseline is gone (that is a stop-sell, not a rename: plan ids never change)",
    }
}
