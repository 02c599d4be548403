use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// `setup.customerLeads.marketoLeadConfiguration` has the three ids of a Marketo form,
    /// in Marketo's formats:
    ///
    /// - `munchkinId`: three groups of three letters or digits, `XXX-XXX-XXX`
    ///   (`^[a-zA-Z0-9]{3}-[a-zA-Z0-9]{3}-[a-zA-Z0-9]{3}$`);
    /// - `formId`: 1 to 8 digits, written as a string (`"1234"`);
    /// - `serverId`: 1 to 255 letters, digits, `-` and `.` (`^[-a-zA-Z0-9.]{1,255}$`).
    ///
    /// The check is done by the schema.
    ///
    /// ## Why Partner Center rejects it
    /// These are the patterns of Microsoft's `customer-leads` schema. Partner Center posts
    /// each lead to the Marketo form they name and sends a test lead when the offer is
    /// published; ids copied with extra characters (the `mktoForm_` prefix, a full URL)
    /// fail that validation.
    ///
    /// ## Example
    /// ```yaml
    /// marketoLeadConfiguration:
    ///   serverId: https://app-ab12.marketo.com
    ///   munchkinId: 123-ABC-45
    ///   formId: mktoForm_1234
    /// ```
    /// Use instead:
    /// ```yaml
    /// marketoLeadConfiguration:
    ///   serverId: app-ab12.marketo.com
    ///   munchkinId: 123-ABC-456
    ///   formId: "1234"
    /// ```
    ///
    /// ## Source
    /// - Lead destination `marketo`: Microsoft's Product Ingestion schema `customer-leads`
    ///   (`marketoLeadConfiguration`),
    ///   <https://product-ingestion.azureedge.net/schema/customer-leads/2022-03-01-preview2>
    /// - Microsoft, lead management instructions for Marketo,
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/partner-center-portal/commercial-marketplace-lead-management-instructions-marketo.md>
    RULE {
        id: "leads-marketo-ids",
        area: Leads,
        severity: Error,
        kind: Document,
        summary: "munchkinId `XXX-XXX-XXX` (alphanumeric), formId 1-8 digits, serverId `[-A-Za-z0-9.]{1,255}`",
    }
}
