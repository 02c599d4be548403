use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// audience private needs >= 1 private audience; ids are lowercase GUIDs; <= 20,000
    RULE {
        id: "plan-private-audience",
        area: Plans,
        severity: Error,
        kind: Document,
        summary: "audience private needs >= 1 private audience; ids are lowercase GUIDs; <= 20,000",
    }
}
