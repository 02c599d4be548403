use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// `setup.customerLeads.salesforceLeadConfiguration.objectIdentifier` is exactly 15
    /// letters and digits (`^[a-zA-Z0-9]{15}$`). The check is done by the schema.
    ///
    /// ## Why Partner Center rejects it
    /// The object identifier is the `oid` (organization id) of the Salesforce Web-to-Lead
    /// form, the 15-character form of the id, as Microsoft's `customer-leads` schema
    /// requires. The 18-character form that Salesforce shows in other places, or a full
    /// form URL, is refused. The Web-to-Lead form must also be generated with reCAPTCHA
    /// unchecked, or Partner Center's test lead is rejected.
    ///
    /// ## Example
    /// ```yaml
    /// salesforceLeadConfiguration:
    ///   objectIdentifier: 00D5e000001N20QEAS   # 18 characters
    /// ```
    /// Use instead:
    /// ```yaml
    /// salesforceLeadConfiguration:
    ///   objectIdentifier: 00D5e000001N20Q
    /// ```
    ///
    /// ## Source
    /// - Lead destination `salesforce`: Microsoft's Product Ingestion schema `customer-leads`
    ///   (`salesforceLeadConfiguration`),
    ///   <https://product-ingestion.azureedge.net/schema/customer-leads/2022-03-01-preview2>
    /// - Microsoft, lead management instructions for Salesforce,
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/partner-center-portal/commercial-marketplace-lead-management-instructions-salesforce.md>
    RULE {
        id: "leads-salesforce-oid",
        area: Leads,
        severity: Error,
        kind: Document,
        summary: "objectIdentifier is 15 alphanumerics",
    }
}
