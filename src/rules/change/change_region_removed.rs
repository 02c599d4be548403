use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// a plan lost an Azure region that it had
    RULE {
        id: "change-region-removed",
        area: Change,
        severity: Error,
        kind: Change,
        summary: "a plan lost an Azure region that it had",
    }
}
