use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// The structure of the manifest, wherever no more specific rule applies: every key is
    /// one the format defines (an unknown key is reported on the key, with the closest known
    /// key as a suggestion), every value has the right type (a mapping, a sequence, a
    /// string, a number, a boolean), and every required key is present (reported on the
    /// mapping that lacks it). Limits, patterns and value lists of specific fields are
    /// reported under their own rules (`offer-id-format`, `listing-title-length`, …).
    /// The check is done by the schemas in `schemas/`.
    ///
    /// ## Why Partner Center rejects it
    /// Partner Center's Product Ingestion API validates every resource against Microsoft's
    /// JSON Schemas and answers `schemaValidationError` for an unknown property, a wrong type
    /// or a missing required property. In the manifest, a misspelt key is worse than an
    /// error: the value is silently ignored, and the offer is published without it.
    ///
    /// ## Example
    /// ```yaml
    /// listing:
    ///   tittle: Contoso Hardened Ubuntu     # unknown key: did you mean `title`?
    ///   generalLinks: https://contoso.example/docs   # a string where a sequence is expected
    /// ```
    /// Use instead:
    /// ```yaml
    /// listing:
    ///   title: Contoso Hardened Ubuntu
    ///   generalLinks:
    ///     - { displayText: Documentation, link: https://contoso.example/docs }
    /// ```
    ///
    /// ## Source
    /// - The key names and nesting: the manifest format (docs/manifest.md).
    /// - Error code `schemaValidationError`: Microsoft, Product Ingestion API (2022-06),
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/product-ingestion-api.md>
    ///   <https://learn.microsoft.com/en-us/partner-center/marketplace-offers/product-ingestion-api-vm>
    /// - Microsoft's Product Ingestion JSON Schemas (2022-03-01-preview2), one per resource:
    ///   `https://product-ingestion.azureedge.net/schema/<resource>/2022-03-01-preview2`
    RULE {
        id: "manifest-schema",
        area: Manifest,
        severity: Error,
        kind: Document,
        summary: "any structural violation with no more specific rule: unknown key, wrong type, missing required key",
    }
}
