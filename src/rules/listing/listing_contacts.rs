use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// supportContact and engineeringContact each have name, a valid email and a phone
    RULE {
        id: "listing-contacts",
        area: Listing,
        severity: Error,
        kind: Document,
        summary: "supportContact and engineeringContact each have name, a valid email and a phone",
    }
}
