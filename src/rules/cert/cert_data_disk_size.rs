use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// each data disk <= 1023 GB
    RULE {
        id: "cert-data-disk-size",
        area: Cert,
        severity: Error,
        kind: Document,
        summary: "each data disk <= 1023 GB",
    }
}
