use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// `setup.testDrive.enabled` and the top-level `testDrive` block agree: when the test
    /// drive is enabled the `testDrive` block is present. A `testDrive` block while the test
    /// drive is disabled is allowed (the manifest format's own example keeps one, prepared
    /// for later); it is still checked, so it is ready when the test drive is switched on.
    ///
    /// ## Why Partner Center rejects it
    /// Enabling the test drive on the offer setup page adds the Test drive technical
    /// configuration and listing pages, and every one of them must be complete before the
    /// offer can be submitted: the ARM package, regions and instances, the deployment
    /// subscription, and the user manual.
    ///
    /// ## Example
    /// ```yaml
    /// setup:
    ///   testDrive:
    ///     enabled: true
    /// # ... no testDrive block
    /// ```
    /// Use instead:
    /// ```yaml
    /// setup:
    ///   testDrive:
    ///     enabled: true
    /// testDrive:
    ///   type: azureResourceManager
    ///   regions: [eastus]
    ///   # ...
    /// ```
    ///
    /// ## Source
    /// - Test drive: Microsoft, VM offer setup,
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/azure-vm-offer-setup.md>
    /// - Microsoft, VM test drive (2021-10),
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/azure-vm-test-drive.md>
    /// - Microsoft's Product Ingestion schema `test-drive` (`type` required iff `enabled`),
    ///   <https://product-ingestion.azureedge.net/schema/test-drive/2022-03-01-preview2>
    RULE {
        id: "test-drive-required",
        area: TestDrive,
        severity: Error,
        kind: Document,
        summary: "setup.testDrive.enabled and the testDrive block agree (present when enabled)",
    }
}
