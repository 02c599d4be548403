use crate::rules::change::Change;
use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// With `--baseline`, `properties.termsConditions` did not go from `standardMicrosoft`
    /// (the Standard Contract for the commercial marketplace) in the baseline to `custom`.
    ///
    /// ## Why Partner Center rejects it
    /// Once an offer has been published under the Standard Contract, it cannot switch back to
    /// custom terms and conditions. Amendments to the Standard Contract remain possible.
    ///
    /// ## Example
    /// At the baseline:
    /// ```yaml
    /// properties:
    ///   termsConditions: standardMicrosoft
    /// ```
    /// Now:
    /// ```yaml
    /// properties:
    ///   termsConditions: custom
    ///   termsOfUseUrl: https://contoso.example/terms
    /// ```
    /// Use instead: keep the Standard Contract and add what you need as amendments:
    /// ```yaml
    /// properties:
    ///   termsConditions: standardMicrosoft
    ///   standardContractAmendment: "..."
    /// ```
    ///
    /// ## Source
    /// - "Once an offer has been published under the Standard Contract, it cannot switch back to
    ///   custom terms": Microsoft, VM offer properties,
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/azure-vm-properties.md>
    /// - Microsoft, create a VM offer (2020 Partner Center page),
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/partner-center-portal/azure-vm-create-offer.md>
    RULE {
        id: "change-legal-terms",
        area: Change,
        severity: Error,
        kind: Change,
        summary: "standardMicrosoft terms changed to custom",
    }
}

pub fn check(c: &mut Change) {
    let terms = |v: &Value| {
        v.pointer("/properties/termsConditions")
            .and_then(Value::as_str)
            .map(str::to_string)
    };
    if terms(c.before).as_deref() == Some("standardMicrosoft")
        && terms(c.now).as_deref() == Some("custom")
    {
        let at = c.at();
        c.report(
            "/properties/termsConditions",
            At::Value,
            format!("the offer is published under the Standard Contract at {at} and now asks for custom terms; an offer cannot go back from the Standard Contract to custom terms"),
            "keep `termsConditions: standardMicrosoft` and put your additions in standardContractAmendment or customAmendments".into(),
            format!("`standardMicrosoft` at {at}"),
        );
    }
}
