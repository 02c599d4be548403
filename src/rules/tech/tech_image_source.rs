use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// sasUri: osDisk.uri required, no sharedImage; sharedImageGallery: sharedImage.tenantId (GUID) and resourceId (an ARM id of a gallery image version), no osDisk/dataDisks
    RULE {
        id: "tech-image-source",
        area: Tech,
        severity: Error,
        kind: Document,
        summary: "sasUri: osDisk.uri required, no sharedImage; sharedImageGallery: sharedImage.tenantId (GUID) and resourceId (an ARM id of a gallery image version), no osDisk/dataDisks",
    }
}
