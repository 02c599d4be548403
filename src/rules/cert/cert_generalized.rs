use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// the image is declared generalized
    RULE {
        id: "cert-generalized",
        area: Cert,
        severity: Error,
        kind: Document,
        summary: "the image is declared generalized",
    }
}
