use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// table/blob: `DefaultEndpointsProtocol=https;AccountName=[a-z0-9]{3,24};AccountKey=...`; blob container name valid
    RULE {
        id: "leads-connection-string",
        area: Leads,
        severity: Error,
        kind: Document,
        summary: "table/blob: `DefaultEndpointsProtocol=https;AccountName=[a-z0-9]{3,24};AccountKey=...`; blob container name valid",
    }
}
