use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// When `setup.testDrive.enabled` is true, `setup.customerLeads` is present and its
    /// `leadDestination` is not `none`. The check is done by the schema.
    ///
    /// ## Why Partner Center rejects it
    /// Customer leads are optional for a VM offer except when a test drive is enabled:
    /// every test drive a customer starts produces a lead, and Partner Center requires a
    /// CRM destination for it before the offer can be submitted.
    ///
    /// ## Example
    /// ```yaml
    /// setup:
    ///   testDrive:
    ///     enabled: true
    ///   customerLeads:
    ///     leadDestination: none
    /// ```
    /// Use instead:
    /// ```yaml
    /// setup:
    ///   testDrive:
    ///     enabled: true
    ///   customerLeads:
    ///     leadDestination: httpsEndpoint
    ///     httpsEndpointLeadConfiguration:
    ///       httpsEndpointUrl: https://leads.contoso.example/marketplace
    /// ```
    ///
    /// ## Source
    /// - Customer leads are required when a test drive is enabled: Microsoft, include
    ///   `customer-leads.md`,
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/includes/customer-leads.md>
    /// - Microsoft, VM offer setup,
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/azure-vm-offer-setup.md>
    /// - Test drive and lead management: Microsoft, VM test drive (2021-10),
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/azure-vm-test-drive.md>
    RULE {
        id: "leads-required-with-test-drive",
        area: Leads,
        severity: Error,
        kind: Document,
        summary: "test drive enabled requires `leadDestination` other than `none`",
    }
}
