use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// 1-100 entries; subscription ids are lowercase GUIDs; no duplicates; more than 10 is a warning (CSV upload needed)
    RULE {
        id: "preview-audience",
        area: Preview,
        severity: Error,
        kind: Document,
        summary: "1-100 entries; subscription ids are lowercase GUIDs; no duplicates; more than 10 is a warning (CSV upload needed)",
    }
}
