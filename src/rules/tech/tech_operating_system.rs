use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// Each technical configuration's `operatingSystem` has a `family` of `windows` or
    /// `linux`, a `type` from that family's list, and a `friendlyName` of 1-100 characters.
    ///
    /// Windows types: `windowsServer2008R2`, `windowsServer2012`, `windowsServer2012R2`,
    /// `windowsServer2012R2Datacenter`, `windowsServer2016`, `windowsServer2019`,
    /// `windowsServer2022`, `windowsServer2022DatacenterAzureEdition`,
    /// `windowsServerVersion20H2`, `windowsServerVersion2004`, `other`.
    /// Linux types: `debian`, `centos`, `openSolaris`, `redHat`, `ubuntu`, `suse`,
    /// `cblMariner`, `oracleLinux`, `other`.
    ///
    /// ## Why Partner Center rejects it
    /// The operating system's family and type are chosen from fixed lists, the type from
    /// the family's own list (a Linux type under `family: windows` is refused), and the
    /// friendly name is shown to customers, 1-100 characters. Certification also fails an
    /// image whose declared OS does not match the disk ("Incorrect OS mapping").
    ///
    /// ## Example
    /// ```yaml
    /// operatingSystem: { family: windows, type: ubuntu, friendlyName: Ubuntu 22.04 LTS }
    /// ```
    /// Use instead:
    /// ```yaml
    /// operatingSystem: { family: linux, type: ubuntu, friendlyName: Ubuntu 22.04 LTS }
    /// ```
    ///
    /// ## Source
    /// - Operating system: Microsoft, VM plan technical configuration (2022-04),
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/azure-vm-plan-technical-configuration.md>
    /// - Microsoft's Product Ingestion schemas `virtual-machine-plan-technical-configuration` and
    ///   `virtual-machine-operating-system`,
    ///   <https://product-ingestion.azureedge.net/schema/virtual-machine-plan-technical-configuration/2022-03-01-preview2>
    ///   <https://product-ingestion.azureedge.net/schema/virtual-machine-operating-system/2022-03-01-preview2>
    /// - "Incorrect OS mapping": Microsoft, VM certification FAQ,
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/azure-vm-certification-faq.yml>
    RULE {
        id: "tech-operating-system",
        area: Tech,
        severity: Error,
        kind: Document,
        summary: "family windows or linux; type from that family's list; friendlyName 1-100 chars",
    }
}
