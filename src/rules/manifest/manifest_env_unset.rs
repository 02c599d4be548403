use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// Any string of the manifest may be, or contain, a reference `${env:NAME}` that is
    /// replaced by the environment variable `NAME` before the checks run. When `NAME` is
    /// not set, this rule reports it once per variable (as information, on the first value
    /// that uses it), and every check on the values that use it is skipped rather than
    /// failed.
    ///
    /// ## Why Partner Center rejects it
    /// It does not: this is information. Secrets such as SAS URIs, storage connection
    /// strings and client secrets never belong in git, so manifests refer to them and CI
    /// provides them from the pipeline's secrets. On a developer machine they are usually
    /// unset; the note says which checks did not run, so that a green local run is not
    /// mistaken for a complete one. Set the variable (or run in CI) to check those values.
    ///
    /// ## Example
    /// ```yaml
    /// osDisk:
    ///   uri: ${env:HARDENED_2204_OS_VHD_SAS}   # not set: the SAS checks are skipped
    /// ```
    /// Use instead (in the shell or the CI job):
    /// ```yaml
    /// env:
    ///   HARDENED_2204_OS_VHD_SAS: ${{ secrets.HARDENED_2204_OS_VHD_SAS }}
    /// ```
    ///
    /// ## Source
    /// A rule of offer-lint itself: the manifest format, "Files and discovery": "Secrets never
    /// appear literally … An unset variable is reported once as information and the checks that
    /// needed its value are skipped for that field, never failed.",
    /// <https://github.com/offer-lint/offer-lint/blob/main/docs/manifest.md>
    RULE {
        id: "manifest-env-unset",
        area: Manifest,
        severity: Info,
        kind: Loader,
        summary: "a `${env:NAME}` reference is not set; checks on that value are skipped",
    }
}
