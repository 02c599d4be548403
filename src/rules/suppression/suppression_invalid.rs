use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// an inline `# offer-lint:` directive cannot be parsed or names an unknown rule
    RULE {
        id: "suppression-invalid",
        area: Suppression,
        severity: Warning,
        kind: Suppression,
        summary: "an inline `# offer-lint:` directive cannot be parsed or names an unknown rule",
    }
}
