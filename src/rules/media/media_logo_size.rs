use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// medium logo 90x90, small logo 48x48 PNG when given
    RULE {
        id: "media-logo-size",
        area: Media,
        severity: Error,
        kind: Document,
        summary: "medium logo 90x90, small logo 48x48 PNG when given",
    }
}
