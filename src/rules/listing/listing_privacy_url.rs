use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// privacyPolicyLink present, absolute http/https URL
    RULE {
        id: "listing-privacy-url",
        area: Listing,
        severity: Error,
        kind: Document,
        summary: "privacyPolicyLink present, absolute http/https URL",
    }
}
