use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// every general link has displayText and an absolute http/https link; support websites are http/https
    RULE {
        id: "listing-links",
        area: Listing,
        severity: Error,
        kind: Document,
        summary: "every general link has displayText and an absolute http/https link; support websites are http/https",
    }
}
