use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// `properties.categories` maps 1 or 2 category ids to their subcategory ids, and each
    /// category lists 1 or 2 subcategories. When no subcategory fits, use the category's
    /// "not applicable" subcategory (`not-applicable`) rather than an empty list. The check
    /// is done by the schema.
    ///
    /// ## Why Partner Center rejects it
    /// Partner Center lets an offer choose a primary and an optional secondary category,
    /// and up to two subcategories in each, with "Not applicable" when none fits. The
    /// Product Ingestion `property` resource requires `categories` as a map from category id
    /// to a list of subcategory ids. Reviewers also check that the categories match what the
    /// offer does. (VM offers always appear under Compute as well, whatever is chosen.)
    ///
    /// ## Example
    /// ```yaml
    /// properties:
    ///   categories:
    ///     compute: [operating-systems, application-infrastructure, cache]
    ///     security: []
    ///     networking: [not-applicable]
    /// ```
    /// Use instead:
    /// ```yaml
    /// properties:
    ///   categories:
    ///     compute: [operating-systems]
    ///     security: [not-applicable]
    /// ```
    ///
    /// ## Source
    /// - Categories: Microsoft, VM offer properties (2020-10),
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/azure-vm-properties.md>
    /// - Microsoft, categories and industries (2021-08),
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/marketplace-categories-industries.md>
    /// - Microsoft, Cloud Partner Portal, Marketplace tab,
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/cloud-partner-portal/virtual-machine/cpp-marketplace-tab.md>
    /// - Microsoft's Product Ingestion schema `property` (`categories`),
    ///   <https://product-ingestion.azureedge.net/schema/property/2022-03-01-preview2>
    /// - Microsoft, Azure Marketplace listing guidelines (2022-07),
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/marketplace-criteria-content-validation.md>
    RULE {
        id: "categories-count",
        area: Properties,
        severity: Error,
        kind: Document,
        summary: "1-2 categories, each with 1-2 subcategories",
    }
}
