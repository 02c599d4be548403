use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// type is azureResourceManager
    RULE {
        id: "test-drive-type",
        area: TestDrive,
        severity: Error,
        kind: Document,
        summary: "type is azureResourceManager",
    }
}
