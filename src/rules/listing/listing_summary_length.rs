use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// searchResultSummary 1-100 chars
    RULE {
        id: "listing-summary-length",
        area: Listing,
        severity: Error,
        kind: Document,
        summary: "searchResultSummary 1-100 chars",
    }
}
