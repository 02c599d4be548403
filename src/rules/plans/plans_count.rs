use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// 1-100 plans; <= 45 with `audience: private`
    RULE {
        id: "plans-count",
        area: Plans,
        severity: Error,
        kind: Document,
        summary: "1-100 plans; <= 45 with `audience: private`",
    }
}
