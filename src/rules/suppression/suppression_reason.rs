use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// an inline suppression gives a reason after `--`
    RULE {
        id: "suppression-reason",
        area: Suppression,
        severity: Warning,
        kind: Suppression,
        summary: "an inline suppression gives a reason after `--`",
    }
}
