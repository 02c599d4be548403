use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// ClientAliveInterval 1-235 (certification fails above 235); other than 180 is a warning
    RULE {
        id: "cert-linux-client-alive",
        area: Cert,
        severity: Error,
        kind: Document,
        summary: "ClientAliveInterval 1-235 (certification fails above 235); other than 180 is a warning",
    }
}
