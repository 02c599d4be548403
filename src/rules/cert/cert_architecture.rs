use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// `certification.architecture` of each image is a 64-bit architecture that matches the
    /// image's `imageType`:
    ///
    /// - `x64Gen1` and `x64Gen2` need `x86_64` or `amd64`;
    /// - `arm64Gen2` needs `arm64` or `aarch64`.
    ///
    /// Write the name in lowercase, as the system prints it (`uname -m` prints `x86_64` and
    /// `aarch64`, `dpkg --print-architecture` prints `amd64` and `arm64`). 32-bit names
    /// (`i386`, `i686`, `armv7l`) are never accepted.
    ///
    /// ## Why Partner Center rejects it
    /// Only 64-bit operating systems are allowed; the certification test "OS Architecture"
    /// requires `x86_64` or `amd64` on an x64 image, and an Arm64 image type must hold an
    /// Arm64 operating system.
    ///
    /// ## Example
    /// ```yaml
    /// vmImages:
    ///   - imageType: x64Gen2
    ///     certification:
    ///       architecture: i686
    /// ```
    /// Use instead:
    /// ```yaml
    /// vmImages:
    ///   - imageType: x64Gen2
    ///     certification:
    ///       architecture: x86_64
    /// ```
    ///
    /// ## Source
    /// - "Only 64-bit operating systems are allowed": Microsoft, VM offer FAQ,
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/azure-vm-create-faq.yml>
    /// - "64-bit only (x86_64/amd64)": Microsoft, VM certification FAQ,
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/azure-vm-certification-faq.yml>
    /// - Certification test 49 "OS Architecture: x86_64, amd64" (2022-04):
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/azure-vm-image-test.md>
    /// - Image types / SKUs: `arm64Gen2` (cloudpub CHANGELOG 1.3.0):
    ///   <https://github.com/release-engineering/cloudpub/blob/main/CHANGELOG.md>
    RULE {
        id: "cert-architecture",
        area: Cert,
        severity: Error,
        kind: Document,
        summary: "64-bit only: x86_64/amd64 for x64 image types, arm64/aarch64 for arm64Gen2",
    }
}
