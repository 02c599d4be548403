use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// `listing.supportContact` and `listing.engineeringContact` are both present and each
    /// has a `name`, a valid `email` and a `phone`. The check is done by the schema.
    ///
    /// ## Why Partner Center rejects it
    /// Partner Center requires a support contact and an engineering contact, each with
    /// name, email and phone, before the offer can be submitted (they are not shown to
    /// customers). Microsoft uses the engineering contact for certification and technical
    /// issues and the support contact for customer escalations. Microsoft's own `listing`
    /// schema only requires `name`, but the form does not accept a contact without the
    /// other two.
    ///
    /// ## Example
    /// ```yaml
    /// listing:
    ///   supportContact: { name: Contoso Support, email: support(at)contoso.example }
    /// ```
    /// Use instead:
    /// ```yaml
    /// listing:
    ///   supportContact: { name: Contoso Support, email: support@contoso.example, phone: "+1 425 555 0100" }
    ///   engineeringContact: { name: Jane Doe, email: jane@contoso.example, phone: "+1 425 555 0101" }
    /// ```
    ///
    /// ## Source
    /// - Contacts: Microsoft, VM offer listing,
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/azure-vm-offer-listing.md>
    /// - Microsoft, Cloud Partner Portal, Support tab,
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/cloud-partner-portal/virtual-machine/cpp-support-tab.md>
    /// - Microsoft's Product Ingestion schema `listing` (`contact`),
    ///   <https://product-ingestion.azureedge.net/schema/listing/2022-03-01-preview2>
    RULE {
        id: "listing-contacts",
        area: Listing,
        severity: Error,
        kind: Document,
        summary: "supportContact and engineeringContact each have name, a valid email and a phone",
    }
}
