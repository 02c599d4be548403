use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// No two manifests linted in one run declare the same `offer.id`. The first manifest
    /// (in the order the files are listed) keeps the id; every later one is reported on
    /// its `offer.id`, naming the first file. The check runs after every file has been
    /// checked on its own, so it only sees the manifests of the run: lint the whole
    /// repository (`offer-lint .`) to cover them all.
    ///
    /// ## Why Partner Center rejects it
    /// An offer id is unique within the publisher account. Two manifests with one id
    /// describe the same Partner Center offer, so publishing either overwrites the other's
    /// draft; usually one of them is a copied folder whose id was never changed.
    ///
    /// ## Example
    /// ```yaml
    /// # offers/contoso-hardened-ubuntu/offer.yaml
    /// offer:
    ///   id: contoso-hardened-ubuntu
    /// # offers/contoso-hardened-ubuntu-fips/offer.yaml
    /// offer:
    ///   id: contoso-hardened-ubuntu      # copied, not renamed
    /// ```
    /// Use instead:
    /// ```yaml
    /// # offers/contoso-hardened-ubuntu-fips/offer.yaml
    /// offer:
    ///   id: contoso-hardened-ubuntu-fips
    /// ```
    ///
    /// ## Source
    /// - Offer ID "Unique within the publisher": Microsoft, Cloud Partner Portal, Offer Settings
    ///   tab (2019-04),
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/cloud-partner-portal/virtual-machine/cpp-offer-settings-tab.md>
    /// - Microsoft, VM offer setup (2022-03),
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/azure-vm-offer-setup.md>
    RULE {
        id: "offer-id-unique",
        area: Offer,
        severity: Error,
        kind: CrossFile,
        summary: "no two manifests in the linted set declare the same offer id",
    }
}
