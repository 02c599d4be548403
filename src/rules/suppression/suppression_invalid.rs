use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// an inline `# offer-lint:` directive cannot be parsed or names an unknown rule
    ///
    /// ## Source
    /// A rule of offer-lint itself, not of Partner Center: offer-lint's suppression comments,
    /// <https://github.com/offer-lint/offer-lint/blob/main/docs/configuration.md>
    RULE {
        id: "suppression-invalid",
        area: Suppression,
        severity: Warning,
        kind: Suppression,
        summary: "an inline `# offer-lint:` directive cannot be parsed or names an unknown rule",
    }
}
