use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// Every data disk of every image, `source.dataDisks[].sizeGb`, is 1-1023 GB, for Linux
    /// and Windows alike.
    ///
    /// ## Why Partner Center rejects it
    /// Certification accepts data disk VHDs up to 1023 GB (the largest VHD a page blob image
    /// can hold); a larger disk fails the image.
    ///
    /// ## Example
    /// ```yaml
    /// dataDisks:
    ///   - { lunNumber: 0, uri: "${env:DATA0_VHD_SAS}", sizeGb: 2048 }
    /// ```
    /// Use instead:
    /// ```yaml
    /// dataDisks:
    ///   - { lunNumber: 0, uri: "${env:DATA0_VHD_SAS}", sizeGb: 1023 }
    ///   - { lunNumber: 1, uri: "${env:DATA1_VHD_SAS}", sizeGb: 1023 }
    /// ```
    ///
    /// ## Source
    /// - VHD format rules (certification): data disk size ≤ 1023 GB for Linux and Windows, older
    ///   guidance ≤ 1 TB: Microsoft, VM certification FAQ (2021-09),
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/azure-vm-certification-faq.yml>
    /// - Microsoft, information for non-endorsed Linux distributions (2022-05),
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/virtual-machines/linux/create-upload-generic.md>
    RULE {
        id: "cert-data-disk-size",
        area: Cert,
        severity: Error,
        kind: Document,
        summary: "each data disk <= 1023 GB",
    }
}
