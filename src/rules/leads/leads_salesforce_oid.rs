use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// objectIdentifier is 15 alphanumerics
    RULE {
        id: "leads-salesforce-oid",
        area: Leads,
        severity: Error,
        kind: Document,
        summary: "objectIdentifier is 15 alphanumerics",
    }
}
