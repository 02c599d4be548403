use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// family windows or linux; type from that family's list; friendlyName 1-100 chars
    RULE {
        id: "tech-operating-system",
        area: Tech,
        severity: Error,
        kind: Document,
        summary: "family windows or linux; type from that family's list; friendlyName 1-100 chars",
    }
}
