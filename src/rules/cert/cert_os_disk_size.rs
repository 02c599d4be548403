use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// Linux 1-1023 GB (below 30 is a warning), Windows 30-250 GB
    RULE {
        id: "cert-os-disk-size",
        area: Cert,
        severity: Error,
        kind: Document,
        summary: "Linux 1-1023 GB (below 30 is a warning), Windows 30-250 GB",
    }
}
