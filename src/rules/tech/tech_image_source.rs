use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// Each image's `source` matches its `sourceType`:
    /// - `sasUri`: `osDisk.uri` is given (optionally `dataDisks`), and there is no
    ///   `sharedImage`;
    /// - `sharedImageGallery`: `sharedImage` has a `tenantId` (a GUID) and a `resourceId`, the
    ///   ARM id of a gallery image version
    ///   (`/subscriptions/<guid>/resourceGroups/<rg>/providers/Microsoft.Compute/galleries/<gallery>/images/<image>/versions/<version>`),
    ///   and there is neither `osDisk` nor `dataDisks`.
    ///
    /// ## Why Partner Center rejects it
    /// An image comes either from VHDs in a storage account, shared through SAS URIs, or from
    /// an Azure Compute Gallery image version. The two are exclusive: the gallery image
    /// already carries its OS and data disks, so disks listed beside it are refused, and a
    /// SAS source without an OS disk has nothing to publish. The gallery must be in the
    /// publisher's Azure AD tenant, and the resource id must name an image version, not the
    /// gallery or the image definition.
    ///
    /// ## Example
    /// ```yaml
    /// source:
    ///   sourceType: sharedImageGallery
    ///   sharedImage:
    ///     tenantId: 0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d
    ///     resourceId: /subscriptions/5c2e1a9b-3d4f-4e6a-8b7c-9d0e1f2a3b4c/resourceGroups/images/providers/Microsoft.Compute/galleries/contoso/images/hardened-2204
    ///   osDisk: { uri: ... }
    /// ```
    /// Use instead:
    /// ```yaml
    /// source:
    ///   sourceType: sharedImageGallery
    ///   sharedImage:
    ///     tenantId: 0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d
    ///     resourceId: /subscriptions/5c2e1a9b-3d4f-4e6a-8b7c-9d0e1f2a3b4c/resourceGroups/images/providers/Microsoft.Compute/galleries/contoso/images/hardened-2204/versions/1.0.0
    /// ```
    ///
    /// ## Source
    /// - Image source and the Azure Compute Gallery: Microsoft, create a VM using your own image
    ///   (2021-11),
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/azure-vm-use-own-image.md>
    /// - Microsoft's Product Ingestion schema `virtual-machine-plan-technical-configuration`
    ///   (`imageSource`),
    ///   <https://product-ingestion.azureedge.net/schema/virtual-machine-plan-technical-configuration/2022-03-01-preview2>
    RULE {
        id: "tech-image-source",
        area: Tech,
        severity: Error,
        kind: Document,
        summary: "sasUri: osDisk.uri required, no sharedImage; sharedImageGallery: sharedImage.tenantId (GUID) and resourceId (an ARM id of a gallery image version), no osDisk/dataDisks",
    }
}
