use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// `setup.customerLeads.dynamicsLeadConfiguration` carries the credentials of its
    /// `authentication` method and no others:
    ///
    /// - `azureAD`: `applicationId` (a GUID), `applicationKey` (1-2,048 characters) and
    ///   `directoryId` (a GUID); no `username` or `password`;
    /// - `office365`: `username` (1-128 characters) and `password` (1-256 characters); no
    ///   `applicationId`, `applicationKey` or `directoryId`.
    ///
    /// `instanceUrl` is an http/https URL and `authentication` one of the two methods. A
    /// missing field is reported on `dynamicsLeadConfiguration`, a field of the other method
    /// on its value. Secrets (`applicationKey`, `password`) belong in the environment:
    /// `${env:NAME}`; see `secret-in-manifest`. The check is done by the schema.
    ///
    /// ## Why Partner Center rejects it
    /// Microsoft's `customer-leads` schema defines the Dynamics 365 configuration as one of
    /// two shapes: Azure AD (an app registration in the tenant of the Dynamics instance)
    /// or Office 365 (a user account), each with its own required fields and forbidding
    /// the other's. Partner Center connects to the instance with them and sends a test lead
    /// when the offer is published. Office 365 passwords must be renewed every 90 days.
    ///
    /// ## Example
    /// ```yaml
    /// setup:
    ///   customerLeads:
    ///     leadDestination: dynamics
    ///     dynamicsLeadConfiguration:
    ///       instanceUrl: https://contoso.crm.dynamics.com
    ///       authentication: azureAD
    ///       username: leads@contoso.example
    ///       password: ${env:DYNAMICS_PASSWORD}
    /// ```
    /// Use instead:
    /// ```yaml
    /// setup:
    ///   customerLeads:
    ///     leadDestination: dynamics
    ///     dynamicsLeadConfiguration:
    ///       instanceUrl: https://contoso.crm.dynamics.com
    ///       authentication: azureAD
    ///       applicationId: 3f2b8c1d-6e4a-4b7f-9c0d-1e2f3a4b5c6d
    ///       applicationKey: ${env:DYNAMICS_APP_KEY}
    ///       directoryId: 0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d
    /// ```
    ///
    /// ## Source
    /// - Lead destination `dynamics`: Microsoft's Product Ingestion schema `customer-leads`
    ///   (`dynamicsLeadConfiguration`),
    ///   <https://product-ingestion.azureedge.net/schema/customer-leads/2022-03-01-preview2>
    /// - Microsoft, lead management instructions for Dynamics 365 Customer Engagement,
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/partner-center-portal/commercial-marketplace-lead-management-instructions-dynamics.md>
    RULE {
        id: "leads-dynamics-auth",
        area: Leads,
        severity: Error,
        kind: Document,
        summary: "azureAD: applicationId, applicationKey, directoryId (GUIDs where ids), no username/password; office365: username <= 128, password <= 256",
    }
}
