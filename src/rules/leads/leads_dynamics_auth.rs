use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// azureAD: applicationId, applicationKey, directoryId (GUIDs where ids), no username/password; office365: username <= 128, password <= 256
    RULE {
        id: "leads-dynamics-auth",
        area: Leads,
        severity: Error,
        kind: Document,
        summary: "azureAD: applicationId, applicationKey, directoryId (GUIDs where ids), no username/password; office365: username <= 128, password <= 256",
    }
}
