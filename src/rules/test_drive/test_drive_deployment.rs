use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// `testDrive.deployment` has a `subscriptionId`, a `tenantId` and an `appId` that are
    /// GUIDs, and a `clientSecret`. The secret should be written as `${env:NAME}`
    /// (`secret-in-manifest` reports a literal one); when the variable is unset the check is
    /// skipped.
    ///
    /// ## Why Partner Center rejects it
    /// The test drive deploys into a separate Azure subscription of the publisher. Partner
    /// Center needs that subscription's id, the Azure AD tenant id, and the id and client
    /// secret of an Azure AD app that may deploy there (a secret that never expires); all
    /// ids are GUIDs.
    ///
    /// ## Example
    /// ```yaml
    /// testDrive:
    ///   deployment:
    ///     subscriptionId: contoso-testdrive
    ///     tenantId: 0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d
    ///     appId: 1b2c3d4e-5f6a-4b7c-9d8e-0f1a2b3c4d5e
    /// ```
    /// Use instead:
    /// ```yaml
    /// testDrive:
    ///   deployment:
    ///     subscriptionId: 5c2e1a9b-3d4f-4e6a-8b7c-9d0e1f2a3b4c
    ///     tenantId: 0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d
    ///     appId: 1b2c3d4e-5f6a-4b7c-9d8e-0f1a2b3c4d5e
    ///     clientSecret: ${env:TEST_DRIVE_CLIENT_SECRET}
    /// ```
    ///
    /// ## Source
    /// - Deployment subscription details: Microsoft, test drive technical configuration
    ///   (2021-12),
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/test-drive-technical-configuration.md>
    /// - Microsoft, Azure Resource Manager test drive,
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/azure-resource-manager-test-drive.md>
    RULE {
        id: "test-drive-deployment",
        area: TestDrive,
        severity: Error,
        kind: Document,
        summary: "subscriptionId, tenantId, appId are GUIDs; clientSecret given",
    }
}
