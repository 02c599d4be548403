use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// subscriptionId, tenantId, appId are GUIDs; clientSecret given
    RULE {
        id: "test-drive-deployment",
        area: TestDrive,
        severity: Error,
        kind: Document,
        summary: "subscriptionId, tenantId, appId are GUIDs; clientSecret given",
    }
}
