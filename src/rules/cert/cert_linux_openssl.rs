use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// OpenSSL >= 0.9.8 (below 1.0 is a warning)
    RULE {
        id: "cert-linux-openssl",
        area: Cert,
        severity: Error,
        kind: Document,
        summary: "OpenSSL >= 0.9.8 (below 1.0 is a warning)",
    }
}
