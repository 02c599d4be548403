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
    /// domain.md §6.5 "Single root partition on the OS disk. Avoid LVM on the OS disk"
    /// (azure-vm-certification-faq.yml; create-upload-generic.md 2022-05); §6.7 test 42.
    RULE {
        id: "cert-linux-root-partition",
        area: Cert,
        severity: Error,
        kind: Document,
        summary: "exactly one root partition on the OS disk",
    }
}
