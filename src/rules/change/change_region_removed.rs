use crate::rules::change::{list, Change};
use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// With `--baseline`, no plan lost an Azure region (cloud) it had in the baseline:
    /// `azureRegions` of each plan (matched by id) still contains every region it contained.
    ///
    /// ## Why Partner Center rejects it
    /// Once a plan is published in a cloud (`azureGlobal`, `azureGovernment`), that cloud
    /// cannot be removed from it: customers there have deployments that depend on the plan.
    /// Partner Center refuses the change at submission.
    ///
    /// ## Example
    /// At the baseline:
    /// ```yaml
    /// plans:
    ///   - id: hardened-2204-gen2
    ///     azureRegions: [azureGlobal, azureGovernment]
    /// ```
    /// Now:
    /// ```yaml
    /// plans:
    ///   - id: hardened-2204-gen2
    ///     azureRegions: [azureGlobal]          # azureGovernment removed
    /// ```
    /// Use instead: keep `azureGovernment`; to stop offering the plan there, stop selling the
    /// plan (or publish a new plan for the clouds you keep).
    ///
    /// ## Source
    /// - "Once a plan is published in a cloud, that cloud cannot be removed": Microsoft, VM plan
    ///   setup,
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/azure-vm-plan-setup.md>
    RULE {
        id: "change-region-removed",
        area: Change,
        severity: Error,
        kind: Change,
        summary: "a plan lost an Azure region that it had",
    }
}

fn regions(plan: &Value) -> Vec<&str> {
    plan.get("azureRegions")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

pub fn check(c: &mut Change) {
    let mut found = Vec::new();
    for (ptr, id, now, was) in c.kept_plans() {
        let kept = regions(now);
        let lost: Vec<String> = regions(was)
            .into_iter()
            .filter(|r| !kept.contains(r))
            .map(str::to_string)
            .collect();
        if !lost.is_empty() {
            found.push((ptr, id.to_string(), lost));
        }
    }
    let at = c.at();
    for (ptr, id, lost) in found {
        let names: Vec<&str> = lost.iter().map(String::as_str).collect();
        let names = list(&names);
        c.report(
            &format!("{ptr}/azureRegions"),
            At::Value,
            format!("plan `{id}` no longer lists {names}, which it has at {at}; a cloud cannot be removed from a published plan"),
            format!("add {names} back to azureRegions; to stop offering the plan there, stop selling the plan instead"),
            format!("lost {names}"),
        );
    }
}
