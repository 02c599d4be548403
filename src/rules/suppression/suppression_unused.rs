use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// an inline suppression suppressed nothing
    RULE {
        id: "suppression-unused",
        area: Suppression,
        severity: Warning,
        kind: Suppression,
        summary: "an inline suppression suppressed nothing",
    }
}
