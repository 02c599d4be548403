use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// `certification.linux.rootPartitionsOnOsDisk` of each image is exactly 1: the OS disk
    /// holds a single root partition.
    ///
    /// ## Why Partner Center rejects it
    /// The certification test "Root Partition on OS Disk" (test 42) requires exactly one.
    /// Microsoft also advises against LVM on the OS disk, since a customer VM built from the
    /// image may be attached to another VM for repair, where duplicate volume groups clash.
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
    /// - "Single root partition on the OS disk. Avoid LVM on the OS disk": Microsoft, VM
    ///   certification FAQ,
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/azure-vm-certification-faq.yml>
    /// - Microsoft, information for non-endorsed Linux distributions (2022-05),
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/virtual-machines/linux/create-upload-generic.md>
    /// - Certification test 42 "Root Partition on OS Disk" (2022-04):
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/azure-vm-image-test.md>
    RULE {
        id: "cert-linux-root-partition",
        area: Cert,
        severity: Error,
        kind: Document,
        summary: "exactly one root partition on the OS disk",
    }
}
