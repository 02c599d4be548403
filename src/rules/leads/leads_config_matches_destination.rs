use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// exactly one `*LeadConfiguration`, the one matching `leadDestination`; none for `none`
    RULE {
        id: "leads-config-matches-destination",
        area: Leads,
        severity: Error,
        kind: Document,
        summary: "exactly one `*LeadConfiguration`, the one matching `leadDestination`; none for `none`",
    }
}
