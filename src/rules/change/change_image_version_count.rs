use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// more than one new image version per image type in one change
    RULE {
        id: "change-image-version-count",
        area: Change,
        severity: Error,
        kind: Change,
        summary: "more than one new image version per image type in one change",
    }
}
