use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// `properties.customAmendments` holds at most 10 amendments, and each amendment names
    /// 1 to 20 tenants in `tenants`, each with an `id` that is an Azure AD tenant id (a
    /// GUID) and an optional `description`. The check is done by the schema.
    ///
    /// ## Why Partner Center rejects it
    /// Custom amendments amend the Standard Contract for specific customers: Partner
    /// Center allows up to 10 per offer, each targeted at 1 to 20 tenant ids. (The
    /// universal amendment, `standardContractAmendment`, is one per offer and has no
    /// length limit.) An amendment with no tenant applies to nobody, and an id that is
    /// not a GUID cannot name a tenant.
    ///
    /// ## Example
    /// ```yaml
    /// properties:
    ///   termsConditions: standardMicrosoft
    ///   customAmendments:
    ///     - terms: "Fabrikam may run the image in its own data centers."
    ///       tenants: []
    /// ```
    /// Use instead:
    /// ```yaml
    /// properties:
    ///   termsConditions: standardMicrosoft
    ///   customAmendments:
    ///     - terms: "Fabrikam may run the image in its own data centers."
    ///       tenants: [{ id: 7f3d1c0e-5b1a-4c7e-9f0a-2d6e8b4a1c33, description: Fabrikam }]
    /// ```
    ///
    /// ## Source
    /// - Legal: Microsoft, VM offer properties,
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/azure-vm-properties.md>
    /// - Microsoft, create a VM offer (2020 Partner Center page),
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/partner-center-portal/azure-vm-create-offer.md>
    /// - Microsoft's Product Ingestion schema `property`
    ///   (`customAmendments[] {terms, tenants.manualEntries[{id, description}]}`),
    ///   <https://product-ingestion.azureedge.net/schema/property/2022-03-01-preview2>
    RULE {
        id: "legal-custom-amendments",
        area: Properties,
        severity: Error,
        kind: Document,
        summary: "<= 10 custom amendments, each with 1-20 tenant GUIDs",
    }
}
