use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// `certification.generalized` of each image is `true`: the image was generalized
    /// (deprovisioned) before it was captured.
    ///
    /// ## Why Partner Center rejects it
    /// Azure provisions every customer VM from the image as a new machine; an image that
    /// still carries its machine identity, users and SSH host keys fails provisioning
    /// ("Provisioning timeout or not properly generalized"), and an Azure Compute Gallery
    /// image version must be captured with the operating system state "Generalized".
    ///
    /// ## Example
    /// ```yaml
    /// certification:
    ///   generalized: false
    /// ```
    /// Use instead (after `sudo waagent -deprovision+user` on Linux, or
    /// `sysprep /generalize /oobe /shutdown` on Windows, then capturing the disk):
    /// ```yaml
    /// certification:
    ///   generalized: true
    /// ```
    ///
    /// ## Source
    /// - Generalization, and an Azure Compute Gallery image version captured as "Generalized":
    ///   Microsoft, create a VM using your own image (2021-11),
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/azure-vm-use-own-image.md>
    /// - Microsoft, include `size-connect-generalize.md` (2021-03),
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/includes/size-connect-generalize.md>
    RULE {
        id: "cert-generalized",
        area: Cert,
        severity: Error,
        kind: Document,
        summary: "the image is declared generalized",
    }
}
