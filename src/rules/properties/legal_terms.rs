use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// `termsConditions` is standardMicrosoft or custom; custom needs exactly one of termsOfUse (<= 10,000 chars) or termsOfUseUrl (http/https)
    RULE {
        id: "legal-terms",
        area: Properties,
        severity: Error,
        kind: Document,
        summary: "`termsConditions` is standardMicrosoft or custom; custom needs exactly one of termsOfUse (<= 10,000 chars) or termsOfUseUrl (http/https)",
    }
}
