use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// exactly one root partition on the OS disk
    RULE {
        id: "cert-linux-root-partition",
        area: Cert,
        severity: Error,
        kind: Document,
        summary: "exactly one root partition on the OS disk",
    }
}
