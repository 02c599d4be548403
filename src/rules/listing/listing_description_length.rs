use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// description 1-5,000 chars (the text as written, HTML included); over 3,000 is a warning under the same id
    RULE {
        id: "listing-description-length",
        area: Listing,
        severity: Error,
        kind: Document,
        summary: "description 1-5,000 chars (the text as written, HTML included); over 3,000 is a warning under the same id",
    }
}
