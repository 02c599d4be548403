use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// 1-6 recommended sizes, unique
    RULE {
        id: "tech-vm-sizes",
        area: Tech,
        severity: Error,
        kind: Document,
        summary: "1-6 recommended sizes, unique",
    }
}
