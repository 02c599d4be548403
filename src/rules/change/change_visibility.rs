use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// a public plan became private
    RULE {
        id: "change-visibility",
        area: Change,
        severity: Error,
        kind: Change,
        summary: "a public plan became private",
    }
}
