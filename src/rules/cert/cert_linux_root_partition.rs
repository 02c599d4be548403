use crate::message::display_path;
use crate::rules::cert::image::{images, int_at};
use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// `certification.linux.rootPartitionsOnOsDisk` of each image is 1: the OS disk holds a
    /// single root partition. Any other number is a warning (a negative number or a
    /// non-integer is the schema's error).
    ///
    /// ## Why it matters
    /// Microsoft's certification policy recommends it ("It is recommended that a single root
    /// partition is created for the OS disk", policy 200.3.3 as LISA quotes it in
    /// `verify_no_swap_on_osdisk`), and advises against LVM on the OS disk, since a customer
    /// VM built from the image may be attached to another VM for repair, where duplicate
    /// volume groups clash. No current certification test fails an image for it, hence a
    /// warning (the older test "Root Partition on OS Disk" required exactly one).
    ///
    /// ## Example
    /// ```yaml
    /// linux:
    ///   rootPartitionsOnOsDisk: 2
    /// ```
    /// Use instead:
    /// ```yaml
    /// linux:
    ///   rootPartitionsOnOsDisk: 1
    /// ```
    ///
    /// ## Source
    /// - Policy 200.3.3 as quoted in `verify_no_swap_on_osdisk`: microsoft/lisa,
    ///   `microsoft/testsuites/core/azure_image_standard.py`,
    ///   <https://github.com/microsoft/lisa/blob/main/microsoft/testsuites/core/azure_image_standard.py>
    /// - "Single root partition on the OS disk. Avoid LVM on the OS disk": Microsoft, VM
    ///   certification FAQ,
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/azure-vm-certification-faq.yml>
    /// - Microsoft, information for non-endorsed Linux distributions (2022-05),
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/virtual-machines/linux/create-upload-generic.md>
    RULE {
        id: "cert-linux-root-partition",
        area: Cert,
        severity: Warning,
        kind: Document,
        summary: "one root partition on the OS disk (recommended: another count is a warning)",
        check: check,
    }
}

fn check(ctx: &mut Ctx) {
    for img in images(ctx) {
        let ptr = img.at("certification/linux/rootPartitionsOnOsDisk");
        let Some(n) = int_at(ctx, &ptr) else { continue };
        if n >= 0 && n != 1 {
            ctx.report(
                &ptr,
                format!(
                    "{} is {n}; Microsoft recommends a single root partition on the OS disk",
                    display_path(&ptr)
                ),
                "keep one root partition on the OS disk (no LVM on it); put other file systems on data disks",
            );
        }
    }
}
