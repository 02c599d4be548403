use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// 64-bit only: x86_64/amd64 for x64 image types, arm64/aarch64 for arm64Gen2
    RULE {
        id: "cert-architecture",
        area: Cert,
        severity: Error,
        kind: Document,
        summary: "64-bit only: x86_64/amd64 for x64 image types, arm64/aarch64 for arm64Gen2",
    }
}
