use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// <= 10 custom amendments, each with 1-20 tenant GUIDs
    RULE {
        id: "legal-custom-amendments",
        area: Properties,
        severity: Error,
        kind: Document,
        summary: "<= 10 custom amendments, each with 1-20 tenant GUIDs",
    }
}
