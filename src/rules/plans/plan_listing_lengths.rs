use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// name 1-100, summary 1-100, description 1-2,000 chars
    RULE {
        id: "plan-listing-lengths",
        area: Plans,
        severity: Error,
        kind: Document,
        summary: "name 1-100, summary 1-100, description 1-2,000 chars",
    }
}
