use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// `setup.customerLeads.leadDestination` is not `blob`: Azure Blob storage is no longer a
    /// lead destination. (The Product Ingestion `customer-leads` resource's `leadDestination`
    /// is read the same way.)
    ///
    /// ## Why Partner Center rejects it
    /// Microsoft retired Azure Blob storage as a destination for commercial marketplace
    /// leads; Partner Center offers Azure Table, Dynamics 365, an HTTPS endpoint, Marketo and
    /// Salesforce instead, and an offer whose leads still go to a blob is refused when its
    /// lead configuration is validated (lead management validation is part of automated
    /// validation and of publishing).
    ///
    /// ## Example
    /// ```yaml
    /// customerLeads:
    ///   leadDestination: blob
    ///   blobLeadConfiguration:
    ///     storageAccountConnectionString: ${env:LEADS_STORAGE}
    ///     containerName: leads
    ///     contactEmail: [sales@contoso.example]
    /// ```
    /// Use instead (the same storage account can hold the table: Azure Table storage takes
    /// the account's connection string; leads already in the blob container stay there):
    /// ```yaml
    /// customerLeads:
    ///   leadDestination: table
    ///   tableLeadConfiguration:
    ///     storageAccountConnectionString: ${env:LEADS_STORAGE}
    ///     contactEmail: [sales@contoso.example]
    /// ```
    ///
    /// ## Source
    /// - The lead destinations Partner Center offers (Azure Table, Dynamics 365, HTTPS
    ///   endpoint, Marketo, Salesforce): Microsoft, customer leads from your commercial
    ///   marketplace offer,
    ///   <https://learn.microsoft.com/en-us/partner-center/marketplace-offers/partner-center-portal/commercial-marketplace-get-customer-leads>
    /// - Configuring Azure Table as the lead destination: Microsoft,
    ///   <https://learn.microsoft.com/en-us/partner-center/marketplace-offers/partner-center-portal/commercial-marketplace-lead-management-instructions-azure-table>
    RULE {
        id: "leads-destination-retired",
        area: Leads,
        severity: Error,
        kind: Document,
        summary: "`leadDestination` is not `blob` (Azure Blob storage is retired as a lead destination)",
        check: check,
    }
}

const POINTER: &str = "/setup/customerLeads/leadDestination";

fn check(ctx: &mut Ctx) {
    if ctx.str(POINTER) != Some("blob") {
        return;
    }
    ctx.report(
        POINTER,
        "leadDestination is `blob`, which Partner Center no longer offers: leads cannot go to Azure Blob storage",
        "send the leads to Azure Table storage instead: `leadDestination: table` with a `tableLeadConfiguration` (the same storage account's connection string works), or to a CRM (dynamics, httpsEndpoint, marketo, salesforce)",
    );
}
