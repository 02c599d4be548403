use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// each plan keeps >= 1 generallyAvailable image version
    RULE {
        id: "tech-active-image",
        area: Tech,
        severity: Error,
        kind: Document,
        summary: "each plan keeps >= 1 generallyAvailable image version",
    }
}
