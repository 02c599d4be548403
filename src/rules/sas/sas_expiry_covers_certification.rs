use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// `se` is after the projected end of certification for this offer
    RULE {
        id: "sas-expiry-covers-certification",
        area: Sas,
        severity: Error,
        kind: Timeline,
        summary: "`se` is after the projected end of certification for this offer",
    }
}
