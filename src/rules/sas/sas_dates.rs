use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// `st` and `se` are full ISO 8601 date-times; `se` at least 21 days after the run (or after `publish.plannedSubmission`); `st` later than one day before the run is a warning
    RULE {
        id: "sas-dates",
        area: Sas,
        severity: Error,
        kind: Document,
        summary: "`st` and `se` are full ISO 8601 date-times; `se` at least 21 days after the run (or after `publish.plannedSubmission`); `st` later than one day before the run is a warning",
    }
}
