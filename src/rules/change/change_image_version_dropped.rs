use crate::rules::change::{versions, Change};
use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// With `--baseline` or `--baseline-tree`, every image version that is published in a
    /// plan at the baseline (any `lifecycleState` but `deleted`) is still listed in that plan's
    /// technical configuration, when the manifest or configure payload has one. Plans are
    /// matched by id and versions by `versionNumber`; a plan without a technical configuration
    /// (a payload that does not touch it) is not checked.
    ///
    /// ## Why Partner Center rejects it
    /// A technical configuration replaces the published one as a whole: the Product Ingestion
    /// API reads an image version that the configuration no longer lists as a deletion of that
    /// version, and customers who deploy it by its number lose it. Published versions are
    /// retired by deprecating them, never by leaving them out.
    ///
    /// ## Example
    /// Published (the resource tree, or the manifest at the baseline ref): versions `1.0.0`
    /// and `1.1.0`. Now:
    /// ```yaml
    /// vmImageVersions:
    ///   - versionNumber: 1.1.0
    ///     vmImages: [ ... ]
    /// ```
    /// Use instead: keep `1.0.0`, deprecated if it is to be retired:
    /// ```yaml
    /// vmImageVersions:
    ///   - versionNumber: 1.0.0
    ///     lifecycleState: deprecated
    ///     vmImages: [ ... as published ... ]
    ///   - versionNumber: 1.1.0
    ///     vmImages: [ ... ]
    /// ```
    ///
    /// ## Source
    /// - "deprecate or delete an image version" (a version is removed by its lifecycle state,
    ///   and the technical configuration lists every version): Microsoft, Product Ingestion API
    ///   for virtual machine offers,
    ///   <https://learn.microsoft.com/en-us/partner-center/marketplace-offers/product-ingestion-api>
    /// - "a published image cannot be edited, only deprecated": Microsoft, VM plan technical
    ///   configuration,
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/azure-vm-plan-technical-configuration.md>
    RULE {
        id: "change-image-version-dropped",
        area: Change,
        severity: Error,
        kind: Change,
        summary: "a published image version is missing from its plan's technical configuration (the API deletes it)",
    }
}

pub fn check(c: &mut Change) {
    let at = c.at();
    let mut found = Vec::new();
    for (plan_ptr, id, now, was) in c.kept_plans() {
        if now.get("technicalConfiguration").is_none() {
            continue;
        }
        let current: Vec<&str> = versions(now).into_iter().map(|(_, n, _)| n).collect();
        for (_, number, old) in versions(was) {
            let deleted = old.get("lifecycleState").and_then(Value::as_str) == Some("deleted");
            if deleted || current.contains(&number) {
                continue;
            }
            found.push((
                format!("{plan_ptr}/technicalConfiguration/vmImageVersions"),
                format!("image version `{number}` of plan `{id}` is published at {at} but is no longer listed; the API reads a version left out of the technical configuration as its deletion"),
                format!("put version `{number}` back as published; to retire it, set its lifecycleState to `deprecated`"),
                format!("`{number}` left out"),
            ));
        }
    }
    // A technical configuration with no `vmImageVersions` at all drops every version too.
    for (pointer, message, help, label) in found {
        let at = if c.now.pointer(&pointer).is_some() {
            At::Key
        } else {
            At::Value
        };
        let pointer = if c.now.pointer(&pointer).is_some() {
            pointer
        } else {
            pointer.trim_end_matches("/vmImageVersions").to_string()
        };
        c.report(&pointer, at, message, help, label);
    }
}
