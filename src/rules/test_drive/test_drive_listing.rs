use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// description <= 3,000, accessInformation <= 10,000; userManual a real PDF, file name <= 255
    RULE {
        id: "test-drive-listing",
        area: TestDrive,
        severity: Error,
        kind: Document,
        summary: "description <= 3,000, accessInformation <= 10,000; userManual a real PDF, file name <= 255",
    }
}
