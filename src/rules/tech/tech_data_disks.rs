use crate::message::display_path;
use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// An image has at most 16 data disks; their `lunNumber`s are exactly 0, 1, ... n-1 (in
    /// any order, no gaps, none twice); and every image of a plan, across all its versions
    /// and image types, has the same number of data disks.
    ///
    /// Images from an Azure Compute Gallery carry their data disks inside the gallery image
    /// and list none here; they are left out of the count comparison.
    ///
    /// ## Why Partner Center rejects it
    /// Data disk LUNs must be sequential from 0, otherwise publishing fails with "DataDisk
    /// mapped incorrectly" (`DataDisk- InvalidUrl`). A plan's images must all have the same
    /// number of data disks: customers' deployments and scale sets depend on it, so a new
    /// version cannot change the count (create a new plan instead). Partner Center takes at
    /// most 16 data disks per image.
    ///
    /// ## Example
    /// ```yaml
    /// dataDisks:
    ///   - { lunNumber: 0, uri: ... }
    ///   - { lunNumber: 2, uri: ... }   # LUN 1 is missing
    /// ```
    /// Use instead:
    /// ```yaml
    /// dataDisks:
    ///   - { lunNumber: 0, uri: ... }
    ///   - { lunNumber: 1, uri: ... }
    /// ```
    ///
    /// ## Source
    /// - Data disks and image source: Microsoft, VM plan technical configuration (2022-04),
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/azure-vm-plan-technical-configuration.md>
    /// - lunNumber 0-15: Microsoft's Product Ingestion schema `virtual-machine-data-disk`,
    ///   <https://product-ingestion.azureedge.net/schema/virtual-machine-data-disk/2022-03-01-preview2>
    /// - `dataDisks` maxItems 16: Microsoft's Product Ingestion schema
    ///   `virtual-machine-plan-technical-configuration`,
    ///   <https://product-ingestion.azureedge.net/schema/virtual-machine-plan-technical-configuration/2022-03-01-preview2>
    RULE {
        id: "tech-data-disks",
        area: Tech,
        severity: Error,
        kind: Document,
        summary: "<= 16 data disks; LUNs 0..n-1 without gaps; every image of the plan has the same number of data disks",
        check: check,
    }
}

fn check(ctx: &mut Ctx) {
    for (plan_ptr, _) in ctx.items("/plans") {
        let tc = format!("{plan_ptr}/technicalConfiguration");
        // The first image's disk count: (pointer of that image, count).
        let mut first: Option<(String, usize)> = None;
        for (ver_ptr, _) in ctx.items(&format!("{tc}/vmImageVersions")) {
            for (img_ptr, img) in ctx.items(&format!("{ver_ptr}/vmImages")) {
                let Some(source) = img.get("source") else {
                    continue;
                };
                if source.get("sourceType").and_then(Value::as_str) == Some("sharedImageGallery") {
                    continue;
                }
                let disks_ptr = format!("{img_ptr}/source/dataDisks");
                let disks = ctx.items(&disks_ptr);
                check_luns(ctx, &disks_ptr, &disks);
                let count = match source.get("dataDisks") {
                    None | Some(Value::Null) => 0,
                    Some(Value::Array(a)) => a.len(),
                    Some(_) => continue,
                };
                match &first {
                    None => first = Some((img_ptr.clone(), count)),
                    Some((first_ptr, n)) if *n != count => {
                        let target = if source.get("dataDisks").is_some() {
                            disks_ptr.clone()
                        } else {
                            format!("{img_ptr}/source")
                        };
                        ctx.report_with(
                            Severity::Error,
                            At::Key,
                            &target,
                            format!(
                                "{} has {count} data disk(s) but {} has {n}; every image of a plan must have the same number of data disks",
                                display_path(&img_ptr),
                                display_path(first_ptr)
                            ),
                            "keep the plan's data disk count; publish images with a different disk layout in a new plan",
                        );
                    }
                    Some(_) => {}
                }
            }
        }
    }
}

/// Reports LUNs that are repeated or outside `0..n`, which is exactly when the LUNs are not
/// a permutation of `0..n`.
fn check_luns(ctx: &mut Ctx, disks_ptr: &str, disks: &[(String, &Value)]) {
    let n = disks.len();
    let mut seen: Vec<Option<String>> = vec![None; n];
    for (disk_ptr, disk) in disks {
        let lun_ptr = format!("{disk_ptr}/lunNumber");
        // Non-integers and LUNs outside 0-15 are the schema's to report.
        let Some(lun) = disk
            .get("lunNumber")
            .and_then(Value::as_u64)
            .filter(|l| *l <= 15)
        else {
            continue;
        };
        let expected = if n == 1 {
            "0".to_string()
        } else {
            format!("0 to {}", n - 1)
        };
        if lun >= n as u64 {
            ctx.report(
                &lun_ptr,
                format!(
                    "LUN {lun} in {} with {n} data disk(s); LUNs must be {expected}, without gaps",
                    display_path(disks_ptr)
                ),
                "number the data disks' LUNs 0, 1, 2, ... in order",
            );
            continue;
        }
        let i = lun as usize;
        match &seen[i] {
            Some(first) => ctx.report(
                &lun_ptr,
                format!(
                    "LUN {i} is used twice in {} (first at {})",
                    display_path(disks_ptr),
                    display_path(first)
                ),
                "give each data disk its own LUN, numbered 0, 1, 2, ...",
            ),
            None => seen[i] = Some(disk_ptr.clone()),
        }
    }
}
