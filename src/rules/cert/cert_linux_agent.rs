use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// Azure Linux agent >= 2.2.41
    RULE {
        id: "cert-linux-agent",
        area: Cert,
        severity: Error,
        kind: Document,
        summary: "Azure Linux agent >= 2.2.41",
    }
}
