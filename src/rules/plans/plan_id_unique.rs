use std::collections::HashMap;

use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// Plan ids are unique within the offer, and so are the sku ids of all plans'
    /// technical configurations.
    ///
    /// ## Why Partner Center rejects it
    /// A plan id (`identity.externalId` of the plan resource) names the plan in the product
    /// URL, in ARM templates and in billing; the Product Ingestion API resolves plan
    /// references by it, so two plans with one id cannot both exist. Each image type of a
    /// plan is published as a sku whose id must also be unique in the offer.
    ///
    /// ## Example
    /// ```yaml
    /// plans:
    ///   - id: hardened-2204
    ///   - id: hardened-2204      # duplicate
    /// ```
    /// Use instead:
    /// ```yaml
    /// plans:
    ///   - id: hardened-2204
    ///   - id: hardened-2204-byol
    /// ```
    ///
    /// ## Source
    /// - Plan IDs: Microsoft, VM plan overview (2022-02),
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/azure-vm-plan-overview.md>
    /// - Microsoft's Product Ingestion schema `plan` (`identity.externalId`),
    ///   <https://product-ingestion.azureedge.net/schema/plan/2022-03-01-preview2>
    RULE {
        id: "plan-id-unique",
        area: Plans,
        severity: Error,
        kind: Document,
        summary: "plan ids unique within the offer (and sku ids unique across the offer)",
        check: check,
    }
}

fn check(ctx: &mut Ctx) {
    let mut plans: HashMap<&str, usize> = HashMap::new();
    let mut skus: HashMap<&str, String> = HashMap::new();
    for (i, (pointer, plan)) in ctx.items("/plans").into_iter().enumerate() {
        if let Some(id) = plan.get("id").and_then(Value::as_str) {
            if let Some(first) = plans.get(id) {
                ctx.report(
                    &format!("{pointer}/id"),
                    format!(
                        "plan id `{}` is also used by plans[{first}]",
                        ctx.quote(&format!("{pointer}/id"), id)
                    ),
                    "give every plan its own id; plan ids cannot change once published",
                );
            } else {
                plans.insert(id, i);
            }
        }
        for (sku_ptr, sku) in ctx.items(&format!("{pointer}/technicalConfiguration/skus")) {
            if let Some(id) = sku.get("skuId").and_then(Value::as_str) {
                match skus.get(id) {
                    Some(first) => {
                        let first = crate::message::display_path(first);
                        ctx.report(
                            &format!("{sku_ptr}/skuId"),
                            format!(
                                "sku id `{}` is also used at {first}",
                                ctx.quote(&format!("{sku_ptr}/skuId"), id)
                            ),
                            "give every sku its own id, e.g. the plan id with a -gen1/-gen2 suffix",
                        );
                    }
                    None => {
                        skus.insert(id, sku_ptr.clone());
                    }
                }
            }
        }
    }
}
