use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// 3-50 chars, `[a-z0-9_-]`, starts with `[a-z0-9]`, does not end with `-`
    RULE {
        id: "offer-id-format",
        area: Offer,
        severity: Error,
        kind: Document,
        summary: "3-50 chars, `[a-z0-9_-]`, starts with `[a-z0-9]`, does not end with `-`",
    }
}
