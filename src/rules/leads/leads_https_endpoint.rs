use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// the endpoint URL is `https://`
    RULE {
        id: "leads-https-endpoint",
        area: Leads,
        severity: Error,
        kind: Document,
        summary: "the endpoint URL is `https://`",
    }
}
