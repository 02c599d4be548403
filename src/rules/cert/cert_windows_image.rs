use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// approved base, sysprep generalized, RDP enabled, no BitLocker on the OS disk
    RULE {
        id: "cert-windows-image",
        area: Cert,
        severity: Error,
        kind: Document,
        summary: "approved base, sysprep generalized, RDP enabled, no BitLocker on the OS disk",
    }
}
