use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// `setup.customerLeads.leadDestination` is not `blob`: Azure Blob storage is no longer a
    /// lead destination (an error). `email` is a warning under the same id: the API still
    /// lists the value, but Partner Center offers no email destination and Microsoft does
    /// not send leads by unsecured email (the contact emails of a lead configuration only
    /// get notifications). (The Product Ingestion `customer-leads` resource's
    /// `leadDestination` is read the same way.)
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
    /// - "Azure Blob storage is no longer an option ... you will no longer receive customer
    ///   leads", and leads are not shared over unsecured email: Microsoft, lead management for
    ///   the commercial marketplace,
    ///   <https://learn.microsoft.com/en-us/partner-center/marketplace-offers/partner-center-portal/commercial-marketplace-lead-management-instructions-azure-blob>
    /// - Configuring Azure Table as the lead destination: Microsoft,
    ///   <https://learn.microsoft.com/en-us/partner-center/marketplace-offers/partner-center-portal/commercial-marketplace-lead-management-instructions-azure-table>
    RULE {
        id: "leads-destination-retired",
        area: Leads,
        severity: Error,
        kind: Document,
        summary: "`leadDestination` is not `blob` (retired); `email` (not offered) is a warning",
        check: check,
    }
}

const POINTER: &str = "/setup/customerLeads/leadDestination";

fn check(ctx: &mut Ctx) {
    let destination = ctx.str(POINTER);
    if destination == Some("email") {
        ctx.report_with(
            Severity::Warning,
            At::Value,
            POINTER,
            "leadDestination is `email`, which Partner Center does not offer: leads are not sent by unsecured email",
            "send the leads to a CRM (dynamics, httpsEndpoint, marketo, salesforce) or to Azure Table storage (`table`); the contact emails of that configuration get the notifications",
        );
        return;
    }
    if destination != Some("blob") {
        return;
    }
    ctx.report(
        POINTER,
        "leadDestination is `blob`, which Partner Center no longer offers: leads cannot go to Azure Blob storage",
        "send the leads to Azure Table storage instead: `leadDestination: table` with a `tableLeadConfiguration` (the same storage account's connection string works), or to a CRM (dynamics, httpsEndpoint, marketo, salesforce)",
    );
}
