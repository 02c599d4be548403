use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// Every asset the manifest names (the logos, screenshots, video thumbnails, the
    /// test-drive package and its user manual) exists, is a regular file, and lies inside the
    /// repository. Paths are relative to the manifest's folder; an absolute path, or one that
    /// leads out of the repository (`../../elsewhere`, or a symbolic link pointing outside),
    /// is reported too.
    ///
    /// Each path is reported once; the rules that read the file (`media-logo-large`,
    /// `media-screenshots`, `test-drive-package`, ...) skip it.
    ///
    /// ## Why Partner Center rejects it
    /// Partner Center needs every image and document uploaded with the offer: the large logo
    /// is required, screenshots need their image, each video its thumbnail, and an enabled
    /// test drive its ARM package and user manual. A file that is missing from the repository
    /// cannot be uploaded, and a path outside the repository works on one machine only (CI
    /// checks out the repository and nothing else).
    ///
    /// ## Example
    /// ```yaml
    /// listing:
    ///   media:
    ///     logos:
    ///       large: assets/logo-large.PNG      # the file is assets/logo-large.png
    /// ```
    /// Use instead:
    /// ```yaml
    /// listing:
    ///   media:
    ///     logos:
    ///       large: assets/logo-large.png
    /// ```
    ///
    /// ## Source
    /// - Asset paths are relative to the manifest's folder: the manifest format
    ///   (docs/manifest.md), "Files and discovery".
    /// - Logos, screenshots, videos: Microsoft, VM offer listing,
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/azure-vm-offer-listing.md>
    /// - Test-drive package and user manual: Microsoft, test drive technical configuration
    ///   (2021-12),
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/test-drive-technical-configuration.md>
    /// - Microsoft, Azure Resource Manager test drive,
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/azure-resource-manager-test-drive.md>
    RULE {
        id: "media-file-missing",
        area: Media,
        severity: Error,
        kind: Document,
        summary: "a referenced asset does not exist, is not a file, or lies outside the repository",
    }
}
