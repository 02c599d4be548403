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
    /// domain.md §2 "Categories" (azure-vm-properties.md, 2020-10; marketplace-categories-industries.md,
    /// 2021-08; CPP marketplace tab; PI-schema `property` `categories`;
    /// marketplace-criteria-content-validation.md, 2022-07).
    RULE {
        id: "categories-count",
        area: Properties,
        severity: Error,
        kind: Document,
        summary: "1-2 categories, each with 1-2 subcategories",
    }
}
