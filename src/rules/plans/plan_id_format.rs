use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// 1-50 chars, `[a-z0-9_-]`, does not end with `-`
    RULE {
        id: "plan-id-format",
        area: Plans,
        severity: Error,
        kind: Document,
        summary: "1-50 chars, `[a-z0-9_-]`, does not end with `-`",
    }
}
