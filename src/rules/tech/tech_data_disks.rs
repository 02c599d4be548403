use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// <= 16 data disks; LUNs 0..n-1 without gaps; every image of the plan has the same number of data disks
    RULE {
        id: "tech-data-disks",
        area: Tech,
        severity: Error,
        kind: Document,
        summary: "<= 16 data disks; LUNs 0..n-1 without gaps; every image of the plan has the same number of data disks",
    }
}
