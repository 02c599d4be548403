use crate::rules::change::{plans, Change};
use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// With `--baseline`, every plan id of the baseline (the published state) is still a plan
    /// of the manifest. Plans are matched by `id`.
    ///
    /// ## Why Partner Center rejects it
    /// A published plan cannot simply disappear: removing it from the offer is a **stop-sell**
    /// (no new customers; existing deployments keep running), a deliberate step in Partner
    /// Center, not an edit. Plan ids are also immutable, so a plan whose id changed is not a
    /// rename: it is the old plan stopped and a new plan created, which then goes through
    /// validation and certification on its own. This is a warning because a stop-sell can be
    /// intended; suppress it with a reason when it is.
    ///
    /// ## Example
    /// At the baseline:
    /// ```yaml
    /// plans:
    ///   - id: hardened-2204-gen2
    ///   - id: hardened-2004-gen2
    /// ```
    /// Now:
    /// ```yaml
    /// plans:
    ///   - id: hardened-2204-gen2       # hardened-2004-gen2 is gone
    /// ```
    /// Use instead: keep the plan, or stop selling it deliberately in Partner Center and say
    /// so where the finding is reported:
    /// ```yaml
    /// # offer-lint: disable-next-line change-plan-removed -- 20.04 is out of support; stop-sell approved
    /// plans:
    ///   - id: hardened-2204-gen2
    /// ```
    ///
    /// ## Source
    /// - Plan ids are immutable after Create: Microsoft, VM plan overview (2022-02),
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/azure-vm-plan-overview.md>
    /// - You cannot stop-sell the last plan of an offer: Microsoft, VM plan technical
    ///   configuration,
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/azure-vm-plan-technical-configuration.md>
    RULE {
        id: "change-plan-removed",
        area: Change,
        severity: Warning,
        kind: Change,
        summary: "a plan of the baseline is gone (that is a stop-sell, not a rename: plan ids never change)",
    }
}

pub fn check(c: &mut Change) {
    let now: Vec<&str> = plans(c.now).into_iter().map(|(_, id, _)| id).collect();
    let gone: Vec<String> = plans(c.before)
        .into_iter()
        .filter(|(_, id, _)| !now.contains(id))
        .map(|(_, id, _)| id.to_string())
        .collect();
    let at = c.at();
    let pointer = if c.now.get("plans").is_some() {
        "/plans"
    } else {
        ""
    };
    for id in gone {
        c.report(
            pointer,
            At::Key,
            format!("plan `{id}` is published at {at} but is no longer in the manifest: removing a plan stops selling it, and plan ids never change, so this is not a rename"),
            format!("keep plan `{id}`; if it is meant to stop selling, do that in Partner Center and suppress this warning here with the reason"),
            format!("`{id}` removed"),
        );
    }
}
