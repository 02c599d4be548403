use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// an inline suppression gives a reason after `--`
    ///
    /// ## Source
    /// A rule of offer-lint itself, not of Partner Center: offer-lint's suppression comments,
    /// <https://github.com/offer-lint/offer-lint/blob/main/docs/configuration.md>
    RULE {
        id: "suppression-reason",
        area: Suppression,
        severity: Warning,
        kind: Suppression,
        summary: "an inline suppression gives a reason after `--`",
    }
}
