use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// shortDescription <= 256 chars
    RULE {
        id: "listing-short-description-length",
        area: Listing,
        severity: Error,
        kind: Document,
        summary: "shortDescription <= 256 chars",
    }
}
