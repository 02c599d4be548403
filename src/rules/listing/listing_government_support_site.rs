use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// a plan targets azureGovernment but governmentSupportWebsite is missing
    RULE {
        id: "listing-government-support-site",
        area: Listing,
        severity: Warning,
        kind: Document,
        summary: "a plan targets azureGovernment but governmentSupportWebsite is missing",
    }
}
