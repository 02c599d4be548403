use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// Python >= 2.6
    RULE {
        id: "cert-linux-python",
        area: Cert,
        severity: Error,
        kind: Document,
        summary: "Python >= 2.6",
    }
}
