use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// no two manifests in the linted set declare the same offer id
    RULE {
        id: "offer-id-unique",
        area: Offer,
        severity: Error,
        kind: CrossFile,
        summary: "no two manifests in the linted set declare the same offer id",
    }
}
