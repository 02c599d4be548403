use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// `certification.linux.swapOnOsDisk` of each image is `false`: there is no swap
    /// partition (or swap file) on the OS disk.
    ///
    /// ## Why Partner Center rejects it
    /// The certification test "Swap Partition on OS Disk" (test 41) allows none: swap on the
    /// OS disk wears the premium storage the OS disk lives on and slows it down. Azure gives
    /// every VM a local resource disk for swap instead, which the Linux agent sets up.
    ///
    /// ## Example
    /// ```yaml
    /// linux:
    ///   swapOnOsDisk: true
    /// ```
    /// Use instead (remove the swap entry from `/etc/fstab` and delete the partition; set
    /// `ResourceDisk.EnableSwap=y` and `ResourceDisk.SwapSizeMB` in `/etc/waagent.conf`, or
    /// the cloud-init equivalent):
    /// ```yaml
    /// linux:
    ///   swapOnOsDisk: false
    /// ```
    ///
    /// ## Source
    /// - "No swap partition on the OS disk. Use the resource disk instead
    ///   (ResourceDisk.EnableSwap=y)": Microsoft, VM certification FAQ,
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/azure-vm-certification-faq.yml>
    /// - Microsoft, information for non-endorsed Linux distributions,
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/virtual-machines/linux/create-upload-generic.md>
    /// - Certification test 41 "Swap Partition on OS Disk" (2022-04):
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/azure-vm-image-test.md>
    RULE {
        id: "cert-linux-swap",
        area: Cert,
        severity: Error,
        kind: Document,
        summary: "no swap partition on the OS disk",
    }
}
