use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// a new image version changes the plan's number of data disks
    RULE {
        id: "change-data-disk-count",
        area: Change,
        severity: Error,
        kind: Change,
        summary: "a new image version changes the plan's number of data disks",
    }
}
