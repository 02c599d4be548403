use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// 1-2 categories, each with 1-2 subcategories
    RULE {
        id: "categories-count",
        area: Properties,
        severity: Error,
        kind: Document,
        summary: "1-2 categories, each with 1-2 subcategories",
    }
}
