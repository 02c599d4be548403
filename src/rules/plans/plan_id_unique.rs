use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// plan ids unique within the offer (and sku ids unique across the offer)
    RULE {
        id: "plan-id-unique",
        area: Plans,
        severity: Error,
        kind: Document,
        summary: "plan ids unique within the offer (and sku ids unique across the offer)",
    }
}
