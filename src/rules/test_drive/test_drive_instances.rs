use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// >= 1 region; hot, warm, cold each 0-99; durationHours a whole number >= 1; no hot instance is a warning
    RULE {
        id: "test-drive-instances",
        area: TestDrive,
        severity: Error,
        kind: Document,
        summary: ">= 1 region; hot, warm, cold each 0-99; durationHours a whole number >= 1; no hot instance is a warning",
    }
}
