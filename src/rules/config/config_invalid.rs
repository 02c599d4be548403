use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// the configuration file `.offer-lint.yaml` is valid: known keys, known rule ids, valid values
    RULE {
        id: "config-invalid",
        area: Config,
        severity: Error,
        kind: Config,
        summary: "the configuration file `.offer-lint.yaml` is valid: known keys, known rule ids, valid values",
    }
}
