use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// A plan's `visibility` is `visible` (the default) or `hidden`.
    ///
    /// ## Why Partner Center rejects it
    /// Visibility decides whether a published plan can be found: a hidden plan is published
    /// but not discoverable in the marketplace, and is meant to be deployed only through a
    /// solution template or a managed application. Who may buy a plan is a different key,
    /// `audience` (`public` or `private`): `visibility: public` and `visibility: private`
    /// are the common mix-up. The Product Ingestion API accepts only these two values.
    ///
    /// ## Example
    /// ```yaml
    /// plans:
    ///   - id: contoso-standard
    ///     visibility: public
    /// ```
    /// Use instead:
    /// ```yaml
    /// plans:
    ///   - id: contoso-standard
    ///     visibility: visible
    ///     audience: public
    /// ```
    ///
    /// ## Source
    /// - Microsoft, configure plan pricing and availability (hide plan),
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/azure-vm-plan-pricing-and-availability.md>
    /// - Microsoft's Product Ingestion schema `price-and-availability-plan` (`visibility`),
    ///   <https://product-ingestion.azureedge.net/schema/price-and-availability-plan/2022-03-01-preview2>
    RULE {
        id: "plan-visibility",
        area: Plans,
        severity: Error,
        kind: Document,
        summary: "visibility is visible or hidden (who may buy is `audience`)",
    }
}
