use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// 1-200 chars, no emoji
    RULE {
        id: "listing-title-length",
        area: Listing,
        severity: Error,
        kind: Document,
        summary: "1-200 chars, no emoji",
    }
}
