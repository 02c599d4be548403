use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// `certification.windows` of each image declares:
    ///
    /// - `approvedBase: true`: built from an approved base (an Azure Marketplace Windows
    ///   Server image published on or after 2014-09-08, or a SQL Server base image);
    /// - `sysprepGeneralized: true`: generalized with sysprep;
    /// - `rdpEnabled: true`: Remote Desktop is enabled;
    /// - `bitlockerOnOsDisk: false`: BitLocker is off on the OS disk.
    ///
    /// Each value that says otherwise is one finding.
    ///
    /// ## Why Partner Center rejects it
    /// Windows images must start from an approved base; certification fails an image that is
    /// not generalized with sysprep ("Provisioning timeout or not properly generalized"),
    /// one without RDP ("Remote access issue"), and one whose OS disk is encrypted with
    /// BitLocker, which Azure cannot boot without the key. (Microsoft's 2019 security
    /// recommendation suggests BitLocker on OS and data drives; the certification test wins.)
    ///
    /// ## Example
    /// ```yaml
    /// windows: { approvedBase: true, sysprepGeneralized: true, rdpEnabled: false, bitlockerOnOsDisk: true }
    /// ```
    /// Use instead:
    /// ```yaml
    /// windows: { approvedBase: true, sysprepGeneralized: true, rdpEnabled: true, bitlockerOnOsDisk: false }
    /// ```
    ///
    /// ## Source
    /// - Windows requirements (approved base): Microsoft, create a VM from an approved base,
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/azure-vm-create-using-approved-base.md>
    /// - Microsoft, Cloud Partner Portal, create a VHD,
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/cloud-partner-portal/virtual-machine/cpp-create-vhd.md>
    /// - Windows requirements and generalization (RDP, BitLocker, sysprep): Microsoft, VM
    ///   certification FAQ,
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/azure-vm-certification-faq.yml>
    /// - BitLocker: **conflict** with Microsoft's 2019 security recommendation, the certification
    ///   test is followed: security recommendations for Azure Marketplace images (2019-01),
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/security/fundamentals/azure-marketplace-images.md>
    RULE {
        id: "cert-windows-image",
        area: Cert,
        severity: Error,
        kind: Document,
        summary: "approved base, sysprep generalized, RDP enabled, no BitLocker on the OS disk",
    }
}
