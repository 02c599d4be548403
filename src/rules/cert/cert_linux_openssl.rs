use crate::message::display_path;
use crate::rules::cert::image::images;
use crate::rules::cert::version::{version_at, Version};
use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// `certification.linux.opensslVersion` of each image (as `openssl version` reports it)
    /// is 3.0.0 or later. Below that, 1.1.1 and 1.0.2 (any letter release, e.g. `1.1.1w`,
    /// `1.0.2k`) are a warning under the same id: the certification test accepts them as
    /// versions with extended support. Any other version below 3.0.0 is an error. Versions
    /// are compared numerically segment by segment; letter and distribution suffixes
    /// (`1.0.2k`, `3.0.2-0ubuntu1`) are ignored.
    ///
    /// ## Why Partner Center rejects it
    /// LISA's `verify_openssl_version` fails an image whose OpenSSL is older than 3.0.0
    /// unless it is 1.1.1 or 1.0.2, the two old series that still get (paid) extended
    /// support; every other older series has had no security fixes for years.
    ///
    /// ## Example
    /// ```yaml
    /// linux:
    ///   opensslVersion: 1.1.0l
    /// ```
    /// Use instead (the distribution's current OpenSSL 3 package):
    /// ```yaml
    /// linux:
    ///   opensslVersion: 3.0.2
    /// ```
    ///
    /// ## Source
    /// - `verify_openssl_version` (minimum 3.0.0, extended support for 1.1.1 and 1.0.2):
    ///   microsoft/lisa, `microsoft/testsuites/core/azure_image_standard.py`,
    ///   <https://github.com/microsoft/lisa/blob/main/microsoft/testsuites/core/azure_image_standard.py>
    /// - OpenSSL's supported versions: <https://www.openssl-library.org/source/>
    RULE {
        id: "cert-linux-openssl",
        area: Cert,
        severity: Error,
        kind: Document,
        summary: "OpenSSL >= 3.0.0 (1.1.1 and 1.0.2, in extended support, are a warning)",
        check: check,
    }
}

fn check(ctx: &mut Ctx) {
    let min = Version::parse("3.0.0").expect("a version");
    let extended = ["1.1.1", "1.0.2"].map(|v| Version::parse(v).expect("a version"));
    for img in images(ctx) {
        let ptr = img.at("certification/linux/opensslVersion");
        let Some((v, shown)) = version_at(ctx, &ptr, "OpenSSL", "3.0.0 or later") else {
            continue;
        };
        if v >= min {
            continue;
        }
        let path = display_path(&ptr);
        let help = "update OpenSSL to 3.0 or later from the distribution's packages";
        // The series, e.g. 1.1.1 for 1.1.1w (a longer number like 1.1.1.5 is a patch of it).
        let series = Version::parse(
            &v.parts()
                .iter()
                .take(3)
                .map(u64::to_string)
                .collect::<Vec<_>>()
                .join("."),
        );
        if series.is_some_and(|s| extended.contains(&s)) {
            ctx.report_with(
                Severity::Warning,
                At::Value,
                &ptr,
                format!("{path} is {shown}; the certification test accepts {v} only as a version with extended support: OpenSSL 3.0.0 or later is the minimum"),
                help,
            );
        } else {
            ctx.report(
                &ptr,
                format!("{path} is {shown}; certification requires OpenSSL 3.0.0 or later (or 1.1.1 or 1.0.2, in extended support)"),
                help,
            );
        }
    }
}
