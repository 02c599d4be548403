use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// softwareReservation only with flat, perCore or perCoreSize; terms of 1 or 3 years; 0 < percentageSave < 100
    RULE {
        id: "pricing-reservation",
        area: Pricing,
        severity: Error,
        kind: Document,
        summary: "softwareReservation only with flat, perCore or perCoreSize; terms of 1 or 3 years; 0 < percentageSave < 100",
    }
}
