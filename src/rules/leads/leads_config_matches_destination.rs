use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// `setup.customerLeads` holds exactly one `*LeadConfiguration` block, the one named
    /// after `leadDestination`, and none when the destination is `none`:
    ///
    /// | leadDestination | configuration block |
    /// |---|---|
    /// | `none` | none |
    /// | `table` | `tableLeadConfiguration` |
    /// | `blob` | `blobLeadConfiguration` |
    /// | `dynamics` | `dynamicsLeadConfiguration` |
    /// | `httpsEndpoint` | `httpsEndpointLeadConfiguration` |
    /// | `marketo` | `marketoLeadConfiguration` |
    /// | `salesforce` | `salesforceLeadConfiguration` |
    /// | `email` | `emailLeadConfiguration` |
    ///
    /// A missing block is reported on `customerLeads`; a block that does not belong is
    /// reported on its value. `leadDestination` must be one of these values, and the
    /// optional `contactEmail` list of any block must hold valid addresses; both are
    /// reported under this id too. The check is done by the schema.
    ///
    /// ## Why Partner Center rejects it
    /// The Product Ingestion `customer-leads` resource allows one configuration object and
    /// requires it to match `leadDestination` (a `oneOf` in Microsoft's schema). Partner
    /// Center validates the connection and sends a test lead when the offer is published,
    /// so a destination without its settings fails, and a second block is a leftover that
    /// the API rejects.
    ///
    /// ## Example
    /// ```yaml
    /// setup:
    ///   customerLeads:
    ///     leadDestination: httpsEndpoint
    ///     tableLeadConfiguration:
    ///       storageAccountConnectionString: ${env:LEADS_TABLE_CONNECTION}
    /// ```
    /// Use instead:
    /// ```yaml
    /// setup:
    ///   customerLeads:
    ///     leadDestination: httpsEndpoint
    ///     httpsEndpointLeadConfiguration:
    ///       httpsEndpointUrl: https://leads.contoso.example/marketplace
    /// ```
    ///
    /// ## Source
    /// - The lead destinations and "Exactly one config object may be present, and it must match
    ///   leadDestination": Microsoft's Product Ingestion schema `customer-leads`,
    ///   <https://product-ingestion.azureedge.net/schema/customer-leads/2022-03-01-preview2>
    /// - Microsoft, the lead management instructions for each destination
    ///   (`partner-center-portal/commercial-marketplace-lead-management-instructions-*.md`),
    ///   <https://github.com/MicrosoftDocs/azure-docs/tree/main/articles/marketplace/partner-center-portal>
    RULE {
        id: "leads-config-matches-destination",
        area: Leads,
        severity: Error,
        kind: Document,
        summary: "exactly one `*LeadConfiguration`, the one matching `leadDestination`; none for `none`",
    }
}
