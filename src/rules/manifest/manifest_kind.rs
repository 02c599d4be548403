use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// `apiVersion: offer-lint/v1` and `kind: VirtualMachineOffer` present and supported
    RULE {
        id: "manifest-kind",
        area: Manifest,
        severity: Error,
        kind: Document,
        summary: "`apiVersion: offer-lint/v1` and `kind: VirtualMachineOffer` present and supported",
    }
}
