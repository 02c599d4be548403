use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// basePlan names another plan of the same offer that has its own technical configuration
    RULE {
        id: "tech-base-plan",
        area: Tech,
        severity: Error,
        kind: Document,
        summary: "basePlan names another plan of the same offer that has its own technical configuration",
    }
}
