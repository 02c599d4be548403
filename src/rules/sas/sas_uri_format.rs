use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// https; has a query; blob path ends in `.vhd`; no whitespace, `%` or `"` in the blob name; sp, st, se and sig present
    RULE {
        id: "sas-uri-format",
        area: Sas,
        severity: Error,
        kind: Document,
        summary: "https; has a query; blob path ends in `.vhd`; no whitespace, `%` or `\"` in the blob name; sp, st, se and sig present",
    }
}
