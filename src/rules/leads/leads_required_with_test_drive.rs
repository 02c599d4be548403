use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// test drive enabled requires `leadDestination` other than `none`
    RULE {
        id: "leads-required-with-test-drive",
        area: Leads,
        severity: Error,
        kind: Document,
        summary: "test drive enabled requires `leadDestination` other than `none`",
    }
}
