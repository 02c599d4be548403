use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// `sp` is exactly read and list (`rl`): no write, delete, add or create
    RULE {
        id: "sas-permissions",
        area: Sas,
        severity: Error,
        kind: Document,
        summary: "`sp` is exactly read and list (`rl`): no write, delete, add or create",
    }
}
