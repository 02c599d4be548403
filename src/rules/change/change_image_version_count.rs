use crate::rules::change::{images, versions, Change};
use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// With `--baseline`, each plan of the baseline (matched by id) gains at most one new
    /// image version per image type (`x64Gen1`, `x64Gen2`, `arm64Gen2`) in one change. A
    /// version is new when its `versionNumber` is not in the plan at the baseline. Plans that
    /// are new themselves are not checked.
    ///
    /// ## Why Partner Center rejects it
    /// Partner Center accepts only one new image version per image type per submission. Each
    /// new version goes through certification; publish one, then the next.
    ///
    /// ## Example
    /// At the baseline the plan has `1.0.0`. Now:
    /// ```yaml
    /// vmImageVersions:
    ///   - versionNumber: 1.0.0
    ///   - versionNumber: 1.1.0      # new
    ///     vmImages: [{ imageType: x64Gen2, ... }]
    ///   - versionNumber: 1.2.0      # second new x64Gen2 version in the same change
    ///     vmImages: [{ imageType: x64Gen2, ... }]
    /// ```
    /// Use instead: submit `1.1.0` now and `1.2.0` in a later submission (or skip straight to
    /// `1.2.0`).
    ///
    /// ## Source
    /// - "only one new image version per image type per submission": Microsoft, VM plan
    ///   technical configuration,
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/azure-vm-plan-technical-configuration.md>
    RULE {
        id: "change-image-version-count",
        area: Change,
        severity: Error,
        kind: Change,
        summary: "more than one new image version per image type in one change",
    }
}

pub fn check(c: &mut Change) {
    let at = c.at();
    let mut found = Vec::new();
    for (plan_ptr, id, now, was) in c.kept_plans() {
        let published: Vec<&str> = versions(was).into_iter().map(|(_, n, _)| n).collect();
        // image type -> the first new version that has it
        let mut first: Vec<(&str, &str)> = Vec::new();
        for (i, number, version) in versions(now) {
            if published.contains(&number) {
                continue;
            }
            for (_, kind, _) in images(version) {
                match first.iter().find(|(k, _)| *k == kind) {
                    None => first.push((kind, number)),
                    Some((_, earlier)) if *earlier != number => found.push((
                        format!("{plan_ptr}/technicalConfiguration/vmImageVersions/{i}/versionNumber"),
                        format!("plan `{id}` gets a second new `{kind}` image version, `{number}`, in this change (`{earlier}` is new too, compared with {at}); Partner Center accepts one new image version per image type per submission"),
                        format!("submit `{earlier}` first and `{number}` in a later submission, or publish only the newer one"),
                        format!("second new `{kind}` version"),
                    )),
                    Some(_) => {}
                }
            }
        }
    }
    for (pointer, message, help, label) in found {
        c.report(&pointer, At::Value, message, help, label);
    }
}
