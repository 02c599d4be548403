use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// the configuration file `.offer-lint.yaml` is valid: known keys, known rule ids, valid values
    ///
    /// ## Source
    /// A rule of offer-lint itself, not of Partner Center: offer-lint's configuration file, `.offer-lint.yaml`,
    /// <https://github.com/offer-lint/offer-lint/blob/main/docs/configuration.md>
    RULE {
        id: "config-invalid",
        area: Config,
        severity: Error,
        kind: Config,
        summary: "the configuration file `.offer-lint.yaml` is valid: known keys, known rule ids, valid values",
    }
}
