use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// fixed-size VHD (not VHDX, not dynamic); virtual size a multiple of 1 MiB and >= 20 MB; with `vhd.path`, the 512-byte footer is read: cookie `conectix`, disk type fixed, size matches
    RULE {
        id: "cert-vhd-format",
        area: Cert,
        severity: Error,
        kind: Document,
        summary: "fixed-size VHD (not VHDX, not dynamic); virtual size a multiple of 1 MiB and >= 20 MB; with `vhd.path`, the 512-byte footer is read: cookie `conectix`, disk type fixed, size matches",
    }
}
