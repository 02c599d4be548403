use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// an image version of the baseline changed (published images are immutable; add a version instead)
    RULE {
        id: "change-published-image",
        area: Change,
        severity: Error,
        kind: Change,
        summary: "an image version of the baseline changed (published images are immutable; add a version instead)",
    }
}
