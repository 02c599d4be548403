use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// a `${env:NAME}` reference is not set; checks on that value are skipped
    RULE {
        id: "manifest-env-unset",
        area: Manifest,
        severity: Info,
        kind: Loader,
        summary: "a `${env:NAME}` reference is not set; checks on that value are skipped",
    }
}
