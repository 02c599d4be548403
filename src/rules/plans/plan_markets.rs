use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// markets (lowercase ISO codes, no duplicates) or customerMarkets, exactly one of them; `cn` only for free or BYOL plans
    RULE {
        id: "plan-markets",
        area: Plans,
        severity: Error,
        kind: Document,
        summary: "markets (lowercase ISO codes, no duplicates) or customerMarkets, exactly one of them; `cn` only for free or BYOL plans",
    }
}
