use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// `technicalConfiguration.basePlan` names another plan of the same offer (by plan id),
    /// not the plan itself, and that plan has its own technical configuration rather than
    /// reusing a third plan's.
    ///
    /// ## Why Partner Center rejects it
    /// "Reuse technical configuration" points a plan at a base plan whose operating system,
    /// sizes, ports, skus and images it shares. The reference is resolved within the offer,
    /// so an unknown plan id fails, a plan cannot be its own base, and a base plan must carry
    /// the configuration itself: references do not chain.
    ///
    /// ## Example
    /// ```yaml
    /// plans:
    ///   - id: hardened-2204-gen2
    ///     technicalConfiguration: { basePlan: hardened-2204 }   # no such plan
    /// ```
    /// Use instead:
    /// ```yaml
    /// plans:
    ///   - id: hardened-2204-gen2
    ///     technicalConfiguration: { ... }                       # the configuration itself
    ///   - id: hardened-2204-gen2-byol
    ///     technicalConfiguration: { basePlan: hardened-2204-gen2 }
    /// ```
    ///
    /// ## Source
    /// - Reuse technical configuration: Microsoft, VM plan technical configuration (2022-04),
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/azure-vm-plan-technical-configuration.md>
    /// - Microsoft's Product Ingestion schema `virtual-machine-plan-technical-configuration`
    ///   (`basePlan`),
    ///   <https://product-ingestion.azureedge.net/schema/virtual-machine-plan-technical-configuration/2022-03-01-preview2>
    RULE {
        id: "tech-base-plan",
        area: Tech,
        severity: Error,
        kind: Document,
        summary: "basePlan names another plan of the same offer that has its own technical configuration",
        check: check,
    }
}

fn check(ctx: &mut Ctx) {
    let plans = ctx.items("/plans");
    for (plan_ptr, plan) in &plans {
        let pointer = format!("{plan_ptr}/technicalConfiguration/basePlan");
        let Some(base) = ctx.str(&pointer) else {
            continue;
        };
        let shown = ctx.quote(&pointer, base);
        let own_id = plan.get("id").and_then(Value::as_str);
        if own_id == Some(base) {
            ctx.report(
                &pointer,
                format!("plan `{shown}` names itself as its base plan"),
                "name another plan of this offer, or write the technical configuration here",
            );
            continue;
        }
        let target = plans
            .iter()
            .find(|(_, p)| p.get("id").and_then(Value::as_str) == Some(base));
        let ids: Vec<String> = plans
            .iter()
            .filter_map(|(ptr, p)| {
                let id = p.get("id").and_then(Value::as_str)?;
                (Some(id) != own_id).then(|| ctx.quote(&format!("{ptr}/id"), id))
            })
            .collect();
        match target {
            None => ctx.report(
                &pointer,
                format!("base plan `{shown}` is not a plan of this offer"),
                if ids.is_empty() {
                    "the offer has no other plan; write the technical configuration here"
                        .to_string()
                } else {
                    format!("name one of this offer's plans: {}", ids.join(", "))
                },
            ),
            Some((target_ptr, p)) => {
                let tc = p.get("technicalConfiguration");
                let chained = tc.and_then(|t| t.get("basePlan")).and_then(Value::as_str);
                if let Some(next) = chained {
                    let next = ctx.quote(
                        &format!("{target_ptr}/technicalConfiguration/basePlan"),
                        next,
                    );
                    ctx.report(
                        &pointer,
                        format!("base plan `{shown}` itself reuses the configuration of `{next}`; a base plan must have its own"),
                        format!("name `{next}` as the base plan, or give `{shown}` its own technical configuration"),
                    );
                } else if tc.is_none() {
                    ctx.report(
                        &pointer,
                        format!("base plan `{shown}` has no technical configuration"),
                        format!(
                            "give `{shown}` a technical configuration, or name a plan that has one"
                        ),
                    );
                }
            }
        }
    }
}
