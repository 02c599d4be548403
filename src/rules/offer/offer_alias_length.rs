use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// 1-120 chars
    RULE {
        id: "offer-alias-length",
        area: Offer,
        severity: Error,
        kind: Document,
        summary: "1-120 chars",
    }
}
