use std::collections::HashMap;

use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// `previewAudiences` lists 1 to 100 entries `{type, id, label}`: `type` is
    /// `subscription` (the default, and the only kind a VM offer's preview audience takes),
    /// `id` is an Azure subscription id written as a lowercase GUID, `label` an optional note
    /// of at most 1,000 characters. No id appears twice (compared without regard to case).
    /// More than 10 entries is a warning under the same id: Partner Center takes at most
    /// 10 typed in, more only as a CSV upload.
    ///
    /// The count and the id form are checked by the schema; duplicates and the warning
    /// are code.
    ///
    /// ## Why Partner Center rejects it
    /// The preview audience is the list of Azure subscriptions that can see and deploy the
    /// offer before it goes live; at least one is required, and Microsoft's
    /// `price-and-availability-offer` resource requires the list. Partner Center accepts up
    /// to 10 ids entered by hand and up to 100 through a CSV file (the legacy portal also
    /// allowed 1-100). A duplicate id is a copy-paste error that hides a subscription that
    /// was meant to be there.
    ///
    /// ## Example
    /// ```yaml
    /// previewAudiences:
    ///   - { type: subscription, id: 2B6F3A4E-8C1D-4E5F-9A0B-1C2D3E4F5A6B, label: QA }
    ///   - { type: subscription, id: 2b6f3a4e-8c1d-4e5f-9a0b-1c2d3e4f5a6b, label: QA again }
    /// ```
    /// Use instead:
    /// ```yaml
    /// previewAudiences:
    ///   - { type: subscription, id: 2b6f3a4e-8c1d-4e5f-9a0b-1c2d3e4f5a6b, label: QA subscription }
    /// ```
    ///
    /// ## Source
    /// - Preview audience: Microsoft, VM preview audience (2021-11),
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/azure-vm-preview-audience.md>
    /// - Microsoft, create a VM offer (2020 Partner Center page, 2020-08),
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/partner-center-portal/azure-vm-create-offer.md>
    /// - Microsoft's Product Ingestion schema `price-and-availability-offer` (`previewAudiences`),
    ///   <https://product-ingestion.azureedge.net/schema/price-and-availability-offer/2022-03-01-preview2>
    /// - An Azure Government plan is tested with an Azure Government subscription in this list:
    ///   Microsoft, Azure Government documentation for Marketplace partners,
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/azure-government/documentation-government-manage-marketplace-partners.md>
    RULE {
        id: "preview-audience",
        area: Preview,
        severity: Error,
        kind: Document,
        summary: "1-100 entries; subscription ids are lowercase GUIDs; no duplicates; more than 10 is a warning (CSV upload needed)",
        check: check,
    }
}

const PTR: &str = "/previewAudiences";
/// Entries that can be typed into Partner Center; more need a CSV upload.
const MANUAL: usize = 10;
/// The hard limit, checked by the schema.
const MAX: usize = 100;

fn check(ctx: &mut Ctx) {
    let items = ctx.items(PTR);
    let n = items.len();
    if n > MANUAL && n <= MAX {
        ctx.report_with(
            Severity::Warning,
            At::Key,
            PTR,
            format!("previewAudiences has {n} entries; Partner Center accepts at most {MANUAL} typed in, more only as a CSV upload"),
            "upload the list as a CSV file on Partner Center's Preview audience page, or keep at most 10 entries",
        );
    }
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (i, (ptr, item)) in items.iter().enumerate() {
        let id_ptr = format!("{ptr}/id");
        if ctx.is_unresolved(&id_ptr) {
            continue;
        }
        let Some(id) = item.get("id").and_then(Value::as_str) else {
            continue;
        };
        let key = id.trim().to_ascii_lowercase();
        match seen.get(&key) {
            Some(first) => ctx.report(
                &id_ptr,
                format!(
                    "previewAudiences[{i}].id `{}` repeats previewAudiences[{first}].id",
                    ctx.quote(&id_ptr, id)
                ),
                "remove the duplicate entry, or correct the id if another subscription was meant",
            ),
            None => {
                seen.insert(key, i);
            }
        }
    }
}
