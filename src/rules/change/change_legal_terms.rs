use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// standardMicrosoft terms changed to custom
    RULE {
        id: "change-legal-terms",
        area: Change,
        severity: Error,
        kind: Change,
        summary: "standardMicrosoft terms changed to custom",
    }
}
