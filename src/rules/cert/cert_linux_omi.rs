use crate::message::display_path;
use crate::rules::cert::image::images;
use crate::rules::cert::version::{scalar_text, Version};
use crate::rules::prelude::*;

const MINIMUM: &str = "1.6.8.1";

declare_rule! {
    /// ## What it checks
    /// The optional fact `certification.linux.omiVersion` of each image, the version of OMI
    /// (Open Management Infrastructure, installed by some management extensions and
    /// agents), is 1.6.8-1 or later; `null` means OMI is not installed. A `-` counts as a
    /// version separator (`1.6.8-1` is 1.6.8.1), as in the certification test. A value with
    /// no version number in it is reported too. A manifest that does not declare the fact
    /// gets no finding.
    ///
    /// ## Why Partner Center rejects it
    /// LISA's `verify_omi_version` fails an image with an OMI older than 1.6.8.1: those
    /// versions have the "OMIGOD" vulnerabilities (CVE-2021-38647, CVE-2021-38648,
    /// CVE-2021-38645, CVE-2021-38649), the first of which lets anyone who reaches the OMI
    /// port run code as root without logging in.
    ///
    /// ## Example
    /// ```yaml
    /// linux:
    ///   omiVersion: 1.6.6-0
    /// ```
    /// Use instead (update OMI from its package, or remove it if nothing needs it):
    /// ```yaml
    /// linux:
    ///   omiVersion: 1.9.1-0
    /// ```
    ///
    /// ## Source
    /// - `verify_omi_version` (minimum 1.6.8.1): microsoft/lisa,
    ///   `microsoft/testsuites/core/azure_image_standard.py`,
    ///   <https://github.com/microsoft/lisa/blob/main/microsoft/testsuites/core/azure_image_standard.py>
    /// - OMI and its releases: <https://github.com/microsoft/omi>
    /// - Microsoft Security Response Center, CVE-2021-38647,
    ///   <https://msrc.microsoft.com/update-guide/vulnerability/CVE-2021-38647>
    RULE {
        id: "cert-linux-omi",
        area: Cert,
        severity: Error,
        kind: Document,
        summary: "OMI, when installed, >= 1.6.8-1 (OMIGOD) (optional fact)",
        check: check,
    }
}

fn check(ctx: &mut Ctx) {
    let min = Version::parse(MINIMUM).expect("a version");
    for img in images(ctx) {
        let ptr = img.at("certification/linux/omiVersion");
        let Some(text) = scalar_text(ctx, &ptr) else {
            continue;
        };
        let shown = ctx.quote(&ptr, &text);
        let path = display_path(&ptr);
        let help = "update OMI to 1.6.8-1 or later (https://github.com/microsoft/omi/releases), or remove it";
        match Version::parse(&text.replace('-', ".")) {
            None => ctx.report(
                &ptr,
                format!("{path} is `{shown}`, which is not a version number; give OMI's version, or null when it is not installed"),
                help,
            ),
            Some(v) if v < min => ctx.report(
                &ptr,
                format!("{path} is {shown}; OMI before 1.6.8-1 has the OMIGOD vulnerabilities (CVE-2021-38647: code execution as root without login) and fails certification"),
                help,
            ),
            Some(_) => {}
        }
    }
}
