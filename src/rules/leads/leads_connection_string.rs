use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// For the Azure Table (`tableLeadConfiguration`) and Azure Blob (`blobLeadConfiguration`)
    /// destinations, `storageAccountConnectionString` is a storage account connection
    /// string of the form Microsoft's schema accepts:
    ///
    /// ```text
    /// DefaultEndpointsProtocol=https;AccountName=<3-24 lowercase letters and digits>;AccountKey=<base64>[;EndpointSuffix=<suffix>]
    /// ```
    ///
    /// in that order, where the suffix is `core.windows.net`, `core.usgovcloudapi.net`,
    /// `core.chinacloudapi.cn` or `core.cloudapi.de` (a trailing `;` is allowed). For Blob,
    /// `containerName` is a valid container name: 3-63 lowercase letters, digits and
    /// hyphens, starting and ending with a letter or digit, without two hyphens in a row.
    ///
    /// The connection string holds the account key, so it should be written as
    /// `${env:NAME}` (a literal key is `secret-in-manifest`); a reference to an unset
    /// variable is skipped. The check is done by the schema.
    ///
    /// ## Why Partner Center rejects it
    /// Partner Center writes each lead into a table or a blob container of your storage
    /// account with this connection string and sends a test lead when the offer is
    /// published. The pattern in Microsoft's `customer-leads` schema requires HTTPS and the
    /// account name and key; the container naming rules are Azure Storage's own.
    ///
    /// ## Example
    /// ```yaml
    /// blobLeadConfiguration:
    ///   storageAccountConnectionString: DefaultEndpointsProtocol=http;AccountName=Contoso_Leads;AccountKey=…
    ///   containerName: Marketplace--Leads
    /// ```
    /// Use instead:
    /// ```yaml
    /// blobLeadConfiguration:
    ///   storageAccountConnectionString: ${env:LEADS_STORAGE_CONNECTION}   # DefaultEndpointsProtocol=https;AccountName=contosoleads;AccountKey=…;EndpointSuffix=core.windows.net
    ///   containerName: marketplace-leads
    /// ```
    ///
    /// ## Source
    /// - Lead destinations `table` and `blob`: Microsoft's Product Ingestion schema
    ///   `customer-leads` (`tableLeadConfiguration`, `blobLeadConfiguration`),
    ///   <https://product-ingestion.azureedge.net/schema/customer-leads/2022-03-01-preview2>
    /// - Microsoft, lead management instructions for Azure Table and Azure Blob,
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/partner-center-portal/commercial-marketplace-lead-management-instructions-azure-table.md>
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/partner-center-portal/commercial-marketplace-lead-management-instructions-azure-blob.md>
    /// - Container names: Azure Storage "Naming and referencing containers, blobs, and metadata",
    ///   <https://learn.microsoft.com/en-us/rest/api/storageservices/naming-and-referencing-containers--blobs--and-metadata>
    RULE {
        id: "leads-connection-string",
        area: Leads,
        severity: Error,
        kind: Document,
        summary: "table/blob: `DefaultEndpointsProtocol=https;AccountName=[a-z0-9]{3,24};AccountKey=...`; blob container name valid",
    }
}
