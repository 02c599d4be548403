use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// Each plan's `azureRegions` names at least one cloud, `azureGlobal` and/or
    /// `azureGovernment`, each at most once. `azureGovernmentCertifications` has at most 100
    /// entries, each with a `name` of at most 255 characters and a `link` of at most 1,000.
    ///
    /// ## Why Partner Center rejects it
    /// A plan must be available in at least one Azure cloud: Azure Global, Azure Government
    /// or both. The Azure Government compliance links are optional, up to 100, each a name
    /// of up to 255 characters and a URL of up to 1,000. Once a plan is published in a
    /// cloud, that cloud cannot be removed, so add Azure Government only when you mean it.
    ///
    /// ## Example
    /// ```yaml
    /// plans:
    ///   - id: hardened-2204-gen2
    ///     azureRegions: [azureGlobal, azureGlobal]
    /// ```
    /// Use instead:
    /// ```yaml
    /// plans:
    ///   - id: hardened-2204-gen2
    ///     azureRegions: [azureGlobal]
    /// ```
    ///
    /// ## Source
    /// - Azure regions (clouds): Microsoft, VM plan setup,
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/azure-vm-plan-setup.md>
    /// - Microsoft, Azure Government documentation for Marketplace partners (2021-08),
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/azure-government/documentation-government-manage-marketplace-partners.md>
    /// - Microsoft's Product Ingestion schema `plan` (`azureRegions`,
    ///   `azureGovernmentCertifications`),
    ///   <https://product-ingestion.azureedge.net/schema/plan/2022-03-01-preview2>
    RULE {
        id: "plan-regions",
        area: Plans,
        severity: Error,
        kind: Document,
        summary: ">= 1 of azureGlobal/azureGovernment, no duplicates; <= 100 Government certifications, name <= 255, link <= 1000",
    }
}
