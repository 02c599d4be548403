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
    /// domain.md §7 "VM test drive type" (azure-vm-offer-setup.md; azure-vm-test-drive.md,
    /// 2021-10; PI-schema `test-drive` `type` enum).
    RULE {
        id: "test-drive-type",
        area: TestDrive,
        severity: Error,
        kind: Document,
        summary: "type is azureResourceManager",
    }
}
