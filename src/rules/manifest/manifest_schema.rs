use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// any structural violation with no more specific rule: unknown key, wrong type, missing required key
    RULE {
        id: "manifest-schema",
        area: Manifest,
        severity: Error,
        kind: Document,
        summary: "any structural violation with no more specific rule: unknown key, wrong type, missing required key",
    }
}
