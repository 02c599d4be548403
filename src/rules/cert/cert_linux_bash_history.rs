use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// bash history <= 1024 bytes
    RULE {
        id: "cert-linux-bash-history",
        area: Cert,
        severity: Error,
        kind: Document,
        summary: "bash history <= 1024 bytes",
    }
}
