use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// languageId not English: the description starts with "This application is available only in"
    RULE {
        id: "listing-non-english-prefix",
        area: Listing,
        severity: Error,
        kind: Document,
        summary: "languageId not English: the description starts with \"This application is available only in\"",
    }
}
