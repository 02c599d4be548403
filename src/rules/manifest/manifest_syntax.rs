use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// the file is valid YAML 1.2, a single document, a mapping at the top, no duplicate keys
    RULE {
        id: "manifest-syntax",
        area: Manifest,
        severity: Error,
        kind: Loader,
        summary: "the file is valid YAML 1.2, a single document, a mapping at the top, no duplicate keys",
    }
}
