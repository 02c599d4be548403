use crate::rules::change::{images, versions, Change};
use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// With `--baseline`, a new image version of a plan of the baseline (a `versionNumber`
    /// the plan did not have) has as many data disks as the plan's published images. Counted
    /// on images whose source is a SAS URI (`source.dataDisks`, none when absent); data disks
    /// captured in an Azure Compute Gallery image are not visible in the manifest and are not
    /// counted.
    ///
    /// ## Why Partner Center rejects it
    /// Every image of a plan must have the same number of data disks: customers' deployments
    /// and ARM templates are built for the plan's disk layout, and a new version with a
    /// different count fails (or breaks those deployments). A different disk layout needs a
    /// new plan.
    ///
    /// ## Example
    /// At the baseline, version `1.0.0` has one data disk. Now:
    /// ```yaml
    /// vmImageVersions:
    ///   - versionNumber: 1.0.0
    ///     vmImages: [{ imageType: x64Gen2, source: { sourceType: sasUri, osDisk: {...}, dataDisks: [{ lunNumber: 0, uri: ... }] } }]
    ///   - versionNumber: 1.1.0
    ///     vmImages: [{ imageType: x64Gen2, source: { sourceType: sasUri, osDisk: {...}, dataDisks: [] } }]   # 0 data disks
    /// ```
    /// Use instead: give `1.1.0` the same single data disk (LUN 0), or publish the new layout
    /// as a new plan.
    ///
    /// ## Source
    /// - "Every image in a plan must have the same number of data disks. Do not change the disk
    ///   count in a new version; create a new plan instead": Microsoft, VM plan technical
    ///   configuration,
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/azure-vm-plan-technical-configuration.md>
    /// - Microsoft, VM certification FAQ,
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/azure-vm-certification-faq.yml>
    RULE {
        id: "change-data-disk-count",
        area: Change,
        severity: Error,
        kind: Change,
        summary: "a new image version changes the plan's number of data disks",
    }
}

/// The number of data disks of an image with a SAS URI source; `None` for other sources.
fn disks(image: &Value) -> Option<usize> {
    let source = image.get("source")?;
    if source.get("sourceType").and_then(Value::as_str) != Some("sasUri") {
        return None;
    }
    match source.get("dataDisks") {
        None | Some(Value::Null) => Some(0),
        Some(Value::Array(a)) => Some(a.len()),
        Some(_) => None,
    }
}

fn disks_text(n: usize) -> String {
    if n == 1 {
        "1 data disk".into()
    } else {
        format!("{n} data disks")
    }
}

pub fn check(c: &mut Change) {
    let at = c.at();
    let mut found = Vec::new();
    for (plan_ptr, id, now, was) in c.kept_plans() {
        let published: Vec<(&str, &Value)> =
            versions(was).into_iter().map(|(_, n, v)| (n, v)).collect();
        let mut counts: Vec<usize> = published
            .iter()
            .flat_map(|(_, v)| images(v).into_iter().filter_map(|(_, _, img)| disks(img)))
            .collect();
        counts.sort_unstable();
        counts.dedup();
        if counts.is_empty() {
            continue;
        }
        for (i, number, version) in versions(now) {
            if published.iter().any(|(n, _)| *n == number) {
                continue;
            }
            for (j, kind, image) in images(version) {
                let Some(n) = disks(image) else { continue };
                if counts.contains(&n) {
                    continue;
                }
                let expected = counts
                    .iter()
                    .map(|c| disks_text(*c))
                    .collect::<Vec<_>>()
                    .join(" or ");
                let image_ptr = format!(
                    "{plan_ptr}/technicalConfiguration/vmImageVersions/{i}/vmImages/{j}/source"
                );
                let pointer = if image.pointer("/source/dataDisks").is_some() {
                    format!("{image_ptr}/dataDisks")
                } else {
                    image_ptr
                };
                found.push((
                    pointer,
                    format!("the new `{kind}` image of version `{number}` has {}, but the images of plan `{id}` published at {at} have {expected}; every image of a plan must have the same number of data disks", disks_text(n)),
                    format!("give version `{number}` {expected} like the published versions, or publish the new disk layout as a new plan"),
                    format!("{} (published: {expected})", disks_text(n)),
                ));
            }
        }
    }
    for (pointer, message, help, label) in found {
        c.report(&pointer, At::Value, message, help, label);
    }
}
