use crate::rules::change::Change;
use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// With `--baseline`, the offer id (`offer.id`) is the same as in the baseline, the
    /// published state of the manifest.
    ///
    /// ## Why Partner Center rejects it
    /// The offer id is the product's `identity.externalId`: it is fixed when the offer is
    /// created and cannot be changed afterwards. It appears in the Marketplace URL
    /// (`…/apps/<publisher>.<offer id>`), in ARM templates and in billing reports. A manifest
    /// whose id changed no longer describes the published offer: submitting it would create a
    /// new offer (or be refused), not update the live one.
    ///
    /// ## Example
    /// At the baseline:
    /// ```yaml
    /// offer:
    ///   id: contoso-hardened-ubuntu
    /// ```
    /// Now:
    /// ```yaml
    /// offer:
    ///   id: contoso-ubuntu-hardened     # renamed
    /// ```
    /// Use instead: keep `contoso-hardened-ubuntu`; change the customer-facing name with
    /// `listing.title` (and `offer.alias` for Partner Center). A new id is a new offer: give
    /// it its own manifest.
    ///
    /// ## Source
    /// - Offer ID "cannot be changed once the offer is live": Microsoft, Cloud Partner Portal,
    ///   Offer Settings tab (2019-04),
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/cloud-partner-portal/virtual-machine/cpp-offer-settings-tab.md>
    /// - "cannot be changed after Create": Microsoft, VM offer setup (2022-03),
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/azure-vm-offer-setup.md>
    RULE {
        id: "change-offer-id",
        area: Change,
        severity: Error,
        kind: Change,
        summary: "the offer id differs from the baseline's",
    }
}

pub fn check(c: &mut Change) {
    let (Some(was), Some(now)) = (
        c.before.pointer("/offer/id").and_then(Value::as_str),
        c.now.pointer("/offer/id").and_then(Value::as_str),
    ) else {
        return;
    };
    if was != now {
        let at = c.at();
        c.report(
            "/offer/id",
            At::Value,
            format!("the offer id is `{now}`, but at {at} it is `{was}`; an offer id cannot change once the offer exists"),
            format!("restore `offer.id: {was}`; rename the offer with listing.title instead, and publish `{now}` as a new offer in a manifest of its own"),
            format!("was `{was}` at {at}"),
        );
    }
}
