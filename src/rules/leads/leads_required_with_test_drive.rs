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
    /// domain.md §1 "Customer leads (CRM)" (azure-docs `articles/marketplace/includes/customer-leads.md`;
    /// azure-vm-offer-setup.md) and §7 "Test drive and lead management" (azure-vm-test-drive.md, 2021-10).
    RULE {
        id: "leads-required-with-test-drive",
        area: Leads,
        severity: Error,
        kind: Document,
        summary: "test drive enabled requires `leadDestination` other than `none`",
    }
}
