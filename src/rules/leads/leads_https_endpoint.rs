use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// `setup.customerLeads.httpsEndpointLeadConfiguration.httpsEndpointUrl` is an
    /// `https://` URL (Microsoft's pattern: `^https://` followed by URL characters). The
    /// check is done by the schema.
    ///
    /// ## Why Partner Center rejects it
    /// With the HTTPS endpoint destination, Partner Center posts each lead as JSON to this
    /// URL (a Power Automate flow or your own service); Microsoft's `customer-leads` schema
    /// accepts only https URLs, so lead data (names, emails, companies) never travels
    /// unencrypted. A test lead is sent to it when the offer is published.
    ///
    /// ## Example
    /// ```yaml
    /// httpsEndpointLeadConfiguration:
    ///   httpsEndpointUrl: http://leads.contoso.example/marketplace
    /// ```
    /// Use instead:
    /// ```yaml
    /// httpsEndpointLeadConfiguration:
    ///   httpsEndpointUrl: https://leads.contoso.example/marketplace
    /// ```
    ///
    /// ## Source
    /// - Lead destination `httpsEndpoint`: Microsoft's Product Ingestion schema `customer-leads`
    ///   (`httpsEndpointLeadConfiguration`),
    ///   <https://product-ingestion.azureedge.net/schema/customer-leads/2022-03-01-preview2>
    /// - Microsoft, lead management instructions for an HTTPS endpoint,
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/partner-center-portal/commercial-marketplace-lead-management-instructions-https.md>
    RULE {
        id: "leads-https-endpoint",
        area: Leads,
        severity: Error,
        kind: Document,
        summary: "the endpoint URL is `https://`",
    }
}
