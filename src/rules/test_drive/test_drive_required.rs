use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// setup.testDrive.enabled and the testDrive block agree (present when enabled)
    RULE {
        id: "test-drive-required",
        area: TestDrive,
        severity: Error,
        kind: Document,
        summary: "setup.testDrive.enabled and the testDrive block agree (present when enabled)",
    }
}
