use crate::rules::change::Change;
use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// With `--baseline`, no plan that is public (`audience: public`) in the baseline became
    /// private (`audience: private`). Plans are matched by id.
    ///
    /// ## Why Partner Center rejects it
    /// A private plan can be made public, but once a plan is public it can never become
    /// private again: anyone may already have deployed it. (Hiding a plan with
    /// `visibility: hidden` is a different setting and is allowed.)
    ///
    /// ## Example
    /// At the baseline:
    /// ```yaml
    /// plans:
    ///   - id: hardened-2204-gen2
    ///     audience: public
    /// ```
    /// Now:
    /// ```yaml
    /// plans:
    ///   - id: hardened-2204-gen2
    ///     audience: private
    ///     privateAudiences: [{ type: tenant, id: 7f3d1c0e-5b1a-4c7e-9f0a-2d6e8b4a1c33, label: Fabrikam }]
    /// ```
    /// Use instead: keep the plan public (or hide it with `visibility: hidden`), and create a
    /// new private plan, with a new id, for the private audience.
    ///
    /// ## Source
    /// - Visibility: "A private plan can become public, but once public, it can never become
    ///   private": Microsoft, VM plan pricing and availability,
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/azure-vm-plan-pricing-and-availability.md>
    /// - Microsoft, Cloud Partner Portal, private SKUs and plans,
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/cloud-partner-portal-orig/cloud-partner-portal-azure-private-skus.md>
    RULE {
        id: "change-visibility",
        area: Change,
        severity: Error,
        kind: Change,
        summary: "a public plan became private",
    }
}

pub fn check(c: &mut Change) {
    let mut found = Vec::new();
    for (ptr, id, now, was) in c.kept_plans() {
        let audience = |p: &Value| {
            p.get("audience")
                .and_then(Value::as_str)
                .map(str::to_string)
        };
        if audience(was).as_deref() == Some("public") && audience(now).as_deref() == Some("private")
        {
            found.push((ptr, id.to_string()));
        }
    }
    let at = c.at();
    for (ptr, id) in found {
        c.report(
            &format!("{ptr}/audience"),
            At::Value,
            format!("plan `{id}` is public at {at} and is now private; a public plan can never become private"),
            "keep `audience: public` (hide the plan with `visibility: hidden` if it must not be found), and create a new private plan with a new id".into(),
            format!("public at {at}"),
        );
    }
}
