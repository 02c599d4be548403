use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// >= 1 of azureGlobal/azureGovernment, no duplicates; <= 100 Government certifications, name <= 255, link <= 1000
    RULE {
        id: "plan-regions",
        area: Plans,
        severity: Error,
        kind: Document,
        summary: ">= 1 of azureGlobal/azureGovernment, no duplicates; <= 100 Government certifications, name <= 255, link <= 1000",
    }
}
