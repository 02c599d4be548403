use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// A reference `${env:NAME}` is resolved only when whoever runs offer-lint allows it,
    /// with `--allow-env NAME` or `--allow-env PREFIX_*` on the command line (the action's
    /// `allow-env` input). A reference to any other variable is reported once per variable
    /// (as information, on the first value that uses it), and every check on the values
    /// that use it is skipped, as for an unset variable.
    ///
    /// ## Why it matters
    /// offer-lint runs on pull requests, and a pull request can change any file, the
    /// manifests and `.offer-lint.yaml` included. If a manifest could name any variable, a
    /// stranger's pull request could write `${env:AWS_SECRET_ACCESS_KEY}` as an offer id and
    /// read it in the report. So the files that are checked never decide what is read from
    /// the environment: the command line does. Even an allowed value is used for the checks
    /// only and is never printed: findings on it name the reference, not the value.
    ///
    /// ## Example
    /// ```yaml
    /// osDisk:
    ///   uri: ${env:HARDENED_2204_OS_VHD_SAS}   # not allowed: the SAS checks are skipped
    /// ```
    /// Use instead:
    /// ```sh
    /// offer-lint check --allow-env HARDENED_2204_OS_VHD_SAS offers/
    /// offer-lint check --allow-env 'OFFER_*' offers/       # every variable named OFFER_...
    /// ```
    ///
    /// ## Source
    /// offer-lint's threat model, SECURITY.md in this repository
    /// (https://github.com/offer-lint/offer-lint/blob/main/SECURITY.md).
    RULE {
        id: "manifest-env-denied",
        area: Manifest,
        severity: Info,
        kind: Loader,
        summary: "a `${env:NAME}` reference names a variable that --allow-env does not allow; checks on that value are skipped",
    }
}
