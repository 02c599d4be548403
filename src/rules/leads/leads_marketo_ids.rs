use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// munchkinId `XXX-XXX-XXX` (alphanumeric), formId 1-8 digits, serverId `[-A-Za-z0-9.]{1,255}`
    RULE {
        id: "leads-marketo-ids",
        area: Leads,
        severity: Error,
        kind: Document,
        summary: "munchkinId `XXX-XXX-XXX` (alphanumeric), formId 1-8 digits, serverId `[-A-Za-z0-9.]{1,255}`",
    }
}
