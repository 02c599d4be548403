use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// The offer has from 1 to 100 plans, and at most 45 of them have `audience: private`.
    ///
    /// ## Why Partner Center rejects it
    /// A VM offer needs at least one plan and can have up to 100, of which up to 45 may be
    /// private. Partner Center refuses to create a plan beyond either limit; split the plans
    /// over two offers instead.
    ///
    /// ## Example
    /// ```yaml
    /// plans: []
    /// ```
    /// Use instead:
    /// ```yaml
    /// plans:
    ///   - id: hardened-2204-gen2
    ///     # ...
    /// ```
    ///
    /// ## Source
    /// - Plan counts: Microsoft, VM plan overview (2022-02),
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/azure-vm-plan-overview.md>
    RULE {
        id: "plans-count",
        area: Plans,
        severity: Error,
        kind: Document,
        summary: "1-100 plans; <= 45 with `audience: private`",
    }
}
