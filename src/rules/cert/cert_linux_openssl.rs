use crate::rules::cert::image::images;
use crate::rules::cert::version::check_min;
use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// `certification.linux.opensslVersion` of each image is 0.9.8 or later (an error
    /// below). Below 1.0 is a warning under the same id. Versions are compared numerically
    /// segment by segment; letter and distribution suffixes (`1.0.2k`, `3.0.2-0ubuntu1`)
    /// are ignored.
    ///
    /// ## Why Partner Center rejects it
    /// The certification test "OpenSSL Version" (test 44) requires 0.9.8; Microsoft's
    /// security guidance for Marketplace images asks for 1.0 or later, so an image between
    /// the two passes the test but is flagged.
    ///
    /// ## Example
    /// ```yaml
    /// linux:
    ///   opensslVersion: 0.9.7m
    /// ```
    /// Use instead:
    /// ```yaml
    /// linux:
    ///   opensslVersion: 3.0.2
    /// ```
    ///
    /// ## Source
    /// - "OpenSSL ≥ 0.9.8 (test threshold)": Microsoft, VM certification FAQ,
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/azure-vm-certification-faq.yml>
    /// - "the security guidance says ≥ 1.0": Microsoft, security recommendations for Azure
    ///   Marketplace images (2019-01),
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/security/fundamentals/azure-marketplace-images.md>
    /// - Certification test 44 "OpenSSL Version" (2022-04):
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/azure-vm-image-test.md>
    RULE {
        id: "cert-linux-openssl",
        area: Cert,
        severity: Error,
        kind: Document,
        summary: "OpenSSL >= 0.9.8 (below 1.0 is a warning)",
        check: check,
    }
}

fn check(ctx: &mut Ctx) {
    for img in images(ctx) {
        check_min(
            ctx,
            &img.at("certification/linux/opensslVersion"),
            "OpenSSL",
            "0.9.8",
            Some("1.0"),
            "update OpenSSL from the distribution's security updates",
        );
    }
}
