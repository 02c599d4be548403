use crate::rules::cert::image::{images, int_at, num_at, show_num};
use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// The size of each image's OS disk, `source.osDisk.sizeGb` (in GB as Azure counts
    /// them, i.e. GiB), against the range for the plan's `operatingSystem.family`:
    ///
    /// - **Linux:** 1-1023 GB. Below 30 GB is a warning under the same id: certification
    ///   accepts it, but older guidance asked for at least 30 GB and Microsoft recommends
    ///   30-50 GB.
    /// - **Windows:** 30-500 GB. Above 250 GB is a warning under the same id: certification
    ///   recommends 30-250 GB and wants an exception for a larger disk that is mostly empty
    ///   (its size and the space actually used differ by more than 200 GiB); above 500 GB an
    ///   exception is always needed, hence the error.
    ///
    /// When `osDisk.sizeGb` is not given (for instance for an Azure Compute Gallery source),
    /// the size is taken from `certification.vhd.virtualSizeBytes`, rounded up to whole GB.
    /// A plan whose family is missing or unknown is not checked.
    ///
    /// ## Why Partner Center rejects it
    /// Certification refuses an OS disk outside the allowed range; a larger disk needs an
    /// exception requested through support. The exception request (a Partner Center support
    /// request) names the publisher id, offer, plan, image version, the exception, the reason
    /// and an end date, with evidence attached; requests without attachments are denied.
    ///
    /// ## Example
    /// ```yaml
    /// operatingSystem: { family: windows, type: windowsServer2022, friendlyName: Contoso Server }
    /// # ...
    /// osDisk:
    ///   uri: ${env:OS_VHD_SAS}
    ///   sizeGb: 512        # Windows allows 30-500 GB
    /// ```
    /// Use instead:
    /// ```yaml
    /// osDisk:
    ///   uri: ${env:OS_VHD_SAS}
    ///   sizeGb: 127
    /// ```
    ///
    /// ## Source
    /// - VHD format rules (certification): OS disk size, Linux 1-1023 GB, Windows 30-250 GB,
    ///   recommended 30-50 GB: Microsoft, VM certification FAQ (2021-09),
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/azure-vm-certification-faq.yml>
    /// - Windows OS disks above 250 GB (an exception when size and used space differ by more
    ///   than 200 GiB) and above 500 GB (always an exception), and the exception request:
    ///   Microsoft, troubleshoot virtual machine certification,
    ///   <https://learn.microsoft.com/en-us/partner-center/marketplace-offers/azure-vm-certification-faq>
    /// - Microsoft, information for non-endorsed Linux distributions (2022-05),
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/virtual-machines/linux/create-upload-generic.md>
    /// - Older guidance "not less than 30 GB": Microsoft, 2020 Partner Center page on creating VM
    ///   technical assets (2020-04),
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/partner-center-portal/create-azure-vm-technical-asset.md>
    RULE {
        id: "cert-os-disk-size",
        area: Cert,
        severity: Error,
        kind: Document,
        summary: "Linux 1-1023 GB (below 30 is a warning), Windows 30-500 GB (above 250 is a warning)",
        check: check,
    }
}

const GIB: i64 = 1 << 30;

fn check(ctx: &mut Ctx) {
    for img in images(ctx) {
        let (min, max) = match img.family {
            Some("linux") => (1.0, 1023.0),
            Some("windows") => (30.0, 500.0),
            _ => continue,
        };
        let family = if img.family == Some("linux") {
            "Linux"
        } else {
            "Windows"
        };
        let size_ptr = img.at("source/osDisk/sizeGb");
        let bytes_ptr = img.at("certification/vhd/virtualSizeBytes");
        // The ranges of `sizeGb` are checked by the schema; here only the warnings, and the
        // whole check when the size comes from the VHD instead.
        let (ptr, size, what, range) = if ctx.get(&size_ptr).is_some() {
            let Some(size) = num_at(ctx, &size_ptr) else {
                continue;
            };
            (size_ptr, size, String::new(), false)
        } else if let Some(bytes) = int_at(ctx, &bytes_ptr) {
            let gb = bytes.div_euclid(GIB) + i64::from(bytes.rem_euclid(GIB) != 0);
            (
                bytes_ptr,
                gb as f64,
                format!(" ({bytes} bytes, {gb} GB rounded up)"),
                true,
            )
        } else {
            continue;
        };
        let path = crate::message::display_path(&ptr);
        let shown = show_num(size);
        if size < min || size > max {
            if range {
                ctx.report(
                    &ptr,
                    format!(
                        "the {family} OS disk {path} is {shown} GB{what}; the allowed range is {}-{} GB",
                        show_num(min),
                        show_num(max)
                    ),
                    "resize the OS VHD into the allowed range (30-50 GB is recommended); larger disks need an exception from Microsoft support",
                );
            }
        } else if family == "Windows" && size > 250.0 {
            ctx.report_with(
                Severity::Warning,
                At::Value,
                &ptr,
                format!("the Windows OS disk {path} is {shown} GB{what}; certification recommends 30-250 GB and needs an exception for a larger disk whose size and used space differ by more than 200 GiB"),
                "shrink the OS VHD to 250 GB or less, or request the exception through a Partner Center support request (publisher id, offer, plan, image version, reason, end date and evidence attached)",
            );
        } else if family == "Linux" && size < 30.0 {
            ctx.report_with(
                Severity::Warning,
                At::Value,
                &ptr,
                format!("the Linux OS disk {path} is {shown} GB{what}; Microsoft recommends 30-50 GB and older guidance rejects less than 30 GB"),
                "make the OS disk at least 30 GB",
            );
        }
    }
}
