use serde_json::Value;

use super::{finding, shown};
use crate::load::ingestion::{IngestionDoc, Place};
use crate::rules::ctx::RawFinding;
use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// No image version of a technical configuration sets `lifecycleState: deleted`.
    ///
    /// ## Why Partner Center rejects it
    /// An image version that has been published cannot be deleted, only deprecated:
    /// customers may run VMs from it. A configure payload that marks a published version
    /// `deleted` is refused, and clients that rewrote every earlier version to `deleted` to
    /// "replace" it broke publishing (Microsoft's own GitHub action did so for a day in 2023
    /// and removed it, "published images can't be deleted"). To retire a version, set
    /// `lifecycleState: deprecated` with a `deprecationSchedule`, or leave it as it is.
    ///
    /// ## Example
    /// ```json
    /// "vmImageVersions": [ { "versionNumber": "1.0.0", "lifecycleState": "deleted" } ]
    /// ```
    /// Use instead:
    /// ```json
    /// "vmImageVersions": [ { "versionNumber": "1.0.0", "lifecycleState": "deprecated",
    ///   "deprecationSchedule": { "date": "2027-06-30", "dateOffset": "P90D", "reason": "other" } } ]
    /// ```
    ///
    /// ## Source
    /// - Microsoft, deprecate or restore a VM image or plan,
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/deprecate-vm.md>
    /// - Microsoft's schema `virtual-machine-plan-technical-configuration` (`lifecycleState`),
    ///   <https://product-ingestion.azureedge.net/schema/virtual-machine-plan-technical-configuration/2022-03-01-preview2>
    /// - microsoft/microsoft-partner-center-github-action, the change that removed it,
    ///   <https://github.com/microsoft/microsoft-partner-center-github-action/blob/main/entrypoint.sh>
    RULE {
        id: "ingestion-image-deleted",
        area: Ingestion,
        severity: Error,
        kind: Ingestion,
        summary: "an image version is never set to lifecycleState deleted (deprecate it)",
    }
}

pub fn check(doc: &IngestionDoc, out: &mut Vec<RawFinding>) {
    for r in doc
        .resources
        .iter()
        .filter(|r| r.place == Some(Place::TechnicalConfiguration))
    {
        let Some(versions) = r.value.get("vmImageVersions").and_then(Value::as_array) else {
            continue;
        };
        for (i, v) in versions.iter().enumerate() {
            if v.get("lifecycleState").and_then(Value::as_str) != Some("deleted") {
                continue;
            }
            let pointer = format!("{}/vmImageVersions/{i}/lifecycleState", r.pointer);
            let number = v
                .get("versionNumber")
                .and_then(Value::as_str)
                .unwrap_or("?");
            out.push(finding(
                &RULE,
                pointer.clone(),
                At::Value,
                format!("{} sets image version {number} to `deleted`", shown(&pointer)),
                "a published image version cannot be deleted: set `deprecated` with a `deprecationSchedule`, or keep it `generallyAvailable`".into(),
            ));
        }
    }
}
