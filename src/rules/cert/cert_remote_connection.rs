use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// supportsRemoteConnection false (locked-down image) needs an exception; no remote-access port open while it is true
    RULE {
        id: "cert-remote-connection",
        area: Cert,
        severity: Warning,
        kind: Document,
        summary: "supportsRemoteConnection false (locked-down image) needs an exception; no remote-access port open while it is true",
    }
}
