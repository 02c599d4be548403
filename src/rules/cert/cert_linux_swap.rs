use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// no swap partition on the OS disk
    RULE {
        id: "cert-linux-swap",
        area: Cert,
        severity: Error,
        kind: Document,
        summary: "no swap partition on the OS disk",
    }
}
