use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// A plan with `audience: private` lists at least one entry in `privateAudiences`, and at
    /// most 20,000. Each entry has a `type` (`subscription` or `tenant`) and an `id` that is
    /// a GUID written in lowercase.
    ///
    /// ## Why Partner Center rejects it
    /// A private plan is visible only to the Azure subscriptions or tenants on its private
    /// audience list, so an empty list makes a plan nobody can buy, and Partner Center
    /// refuses it. Subscription ids are GUIDs in lowercase; up to 10 can be entered by
    /// hand and up to 20,000 by CSV upload.
    ///
    /// ## Example
    /// ```yaml
    /// plans:
    ///   - id: contoso-private
    ///     audience: private
    ///     privateAudiences:
    ///       - { type: subscription, id: 2B6F3A4E-8C1D-4E5F-9A0B-1C2D3E4F5A6B, label: Fabrikam }
    /// ```
    /// Use instead:
    /// ```yaml
    /// plans:
    ///   - id: contoso-private
    ///     audience: private
    ///     privateAudiences:
    ///       - { type: subscription, id: 2b6f3a4e-8c1d-4e5f-9a0b-1c2d3e4f5a6b, label: Fabrikam }
    /// ```
    ///
    /// ## Source
    /// - Visibility: Microsoft, Cloud Partner Portal, private SKUs and plans,
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/cloud-partner-portal-orig/cloud-partner-portal-azure-private-skus.md>
    /// - 2020 Partner Center page (<= 10 by hand, 20,000 by CSV, lowercase GUIDs): Microsoft,
    ///   create a VM offer,
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/partner-center-portal/azure-vm-create-offer.md>
    /// - Microsoft's Product Ingestion schema `price-and-availability-plan` (`privateAudiences`),
    ///   <https://product-ingestion.azureedge.net/schema/price-and-availability-plan/2022-03-01-preview2>
    RULE {
        id: "plan-private-audience",
        area: Plans,
        severity: Error,
        kind: Document,
        summary: "audience private needs >= 1 private audience; ids are lowercase GUIDs; <= 20,000",
    }
}
