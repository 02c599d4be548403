use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// `properties.termsConditions` is `standardMicrosoft` (the Standard Contract for the
    /// commercial marketplace) or `custom`. Custom terms are given as exactly one of
    /// `termsOfUse` (the text, at most 10,000 characters) or `termsOfUseUrl` (a single
    /// http/https URL). With `standardMicrosoft`, a `termsOfUse` or `termsOfUseUrl` has no
    /// effect (the customer accepts the Standard Contract), which usually means the choice
    /// was not meant; it is reported as a warning under this id.
    ///
    /// The value, "exactly one of", the length and the URL form are checked by the schema;
    /// the warning is code. A missing text is reported on `properties`, a text given beside
    /// the URL on the text.
    ///
    /// ## Why Partner Center rejects it
    /// Partner Center offers two legal options: the Standard Contract, with optional
    /// amendments, or your own terms and conditions, entered as up to 10,000 characters of
    /// text or as a single URL. An offer with custom terms and neither is incomplete, and
    /// one with both is ambiguous about which terms the customer accepts.
    ///
    /// ## Example
    /// ```yaml
    /// properties:
    ///   termsConditions: custom
    ///   termsOfUse: "Contoso End User License Agreement …"
    ///   termsOfUseUrl: https://contoso.example/eula
    /// ```
    /// Use instead:
    /// ```yaml
    /// properties:
    ///   termsConditions: custom
    ///   termsOfUseUrl: https://contoso.example/eula
    /// ```
    ///
    /// ## Source
    /// - Legal: Microsoft, VM offer properties,
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/azure-vm-properties.md>
    /// - Microsoft, create a VM offer (2020 Partner Center page),
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/partner-center-portal/azure-vm-create-offer.md>
    /// - Microsoft's Product Ingestion schema `property` (`termsConditions`, `termsOfUse`,
    ///   `termsOfUseUrl`),
    ///   <https://product-ingestion.azureedge.net/schema/property/2022-03-01-preview2>
    ///
    /// Once published under the Standard Contract an offer cannot switch to custom terms: see
    /// `change-legal-terms`.
    RULE {
        id: "legal-terms",
        area: Properties,
        severity: Error,
        kind: Document,
        summary: "`termsConditions` is standardMicrosoft or custom; custom needs exactly one of termsOfUse (<= 10,000 chars) or termsOfUseUrl (http/https)",
        check: check,
    }
}

fn check(ctx: &mut Ctx) {
    let Some(props) = ctx.get("/properties").and_then(Value::as_object) else {
        return;
    };
    if props.get("termsConditions").and_then(Value::as_str) != Some("standardMicrosoft") {
        return;
    }
    for key in ["termsOfUse", "termsOfUseUrl"] {
        if props.get(key).is_some_and(|v| !v.is_null()) {
            ctx.report_with(
                Severity::Warning,
                At::Key,
                &format!("/properties/{key}"),
                format!("`{key}` has no effect: termsConditions is `standardMicrosoft` (the Standard Contract), so the custom terms are not used"),
                format!(
                    "remove `{key}`, or set termsConditions to `custom` if these are your terms (possible only before the offer is first published under the Standard Contract)"
                ),
            );
        }
    }
}
