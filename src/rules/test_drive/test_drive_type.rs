use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// `testDrive.type` is `azureResourceManager`.
    ///
    /// ## Why Partner Center rejects it
    /// The Product Ingestion API knows several test-drive types (`dynamicsForBusinessCentral`,
    /// `logicApp`, `powerBi`, ...), but a virtual machine offer may only use an Azure
    /// Resource Manager test drive: an ARM template deployed into the publisher's
    /// subscription.
    ///
    /// ## Example
    /// ```yaml
    /// testDrive:
    ///   type: logicApp
    /// ```
    /// Use instead:
    /// ```yaml
    /// testDrive:
    ///   type: azureResourceManager
    /// ```
    ///
    /// ## Source
    /// - VM test drive type: Microsoft, VM offer setup,
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/azure-vm-offer-setup.md>
    /// - Microsoft, VM test drive (2021-10),
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/azure-vm-test-drive.md>
    /// - Microsoft's Product Ingestion schema `test-drive` (`type` enum),
    ///   <https://product-ingestion.azureedge.net/schema/test-drive/2022-03-01-preview2>
    RULE {
        id: "test-drive-type",
        area: TestDrive,
        severity: Error,
        kind: Document,
        summary: "type is azureResourceManager",
    }
}
