use crate::message::display_path;
use crate::rules::cert::image::images;
use crate::rules::cert::version::{version_at, Version};
use crate::rules::prelude::*;

/// LISA's minimum, its scheduled successor, and the date the minimum's support ended.
const MINIMUM: &str = "3.9";
const NEXT_MINIMUM: &str = "3.10";
const MINIMUM_END: &str = "2025-10-31";

declare_rule! {
    /// ## What it checks
    /// `certification.linux.pythonVersion` of each image (as `python3 --version` reports
    /// it) is 3.9 or later, compared numerically segment by segment (3.10.12 > 3.9). 3.9 itself
    /// is a warning under the same id: its support ended on 2025-10-31 and 3.10 is the next
    /// minimum. Quote the version (`"3.10"`): unquoted, YAML reads `3.10` as a number, which the
    /// schema refuses.
    ///
    /// ## Why Partner Center rejects it
    /// LISA's `verify_python_version` fails an image whose Python is older than 3.9, the
    /// oldest version Python's developers still supported when the test was written; for
    /// 3.9 it passes with the notice that support ended on 2025-10-31 and that 3.10 is next.
    /// The Azure Linux agent and the VM extensions run on the image's Python.
    ///
    /// ## Example
    /// ```yaml
    /// linux:
    ///   pythonVersion: 2.7.18
    /// ```
    /// Use instead:
    /// ```yaml
    /// linux:
    ///   pythonVersion: "3.10.12"
    /// ```
    ///
    /// ## Source
    /// - `verify_python_version` (minimum 3.9, next minimum 3.10, end of 3.9 on 2025-10-31):
    ///   microsoft/lisa, `microsoft/testsuites/core/azure_image_standard.py`,
    ///   <https://github.com/microsoft/lisa/blob/main/microsoft/testsuites/core/azure_image_standard.py>
    /// - Python's supported versions: <https://devguide.python.org/versions/>
    RULE {
        id: "cert-linux-python",
        area: Cert,
        severity: Error,
        kind: Document,
        summary: "Python >= 3.9 (3.9, out of support since 2025-10-31, is a warning)",
        check: check,
    }
}

fn check(ctx: &mut Ctx) {
    let min = Version::parse(MINIMUM).expect("a version");
    let next = Version::parse(NEXT_MINIMUM).expect("a version");
    for img in images(ctx) {
        let ptr = img.at("certification/linux/pythonVersion");
        let Some((v, shown)) = version_at(ctx, &ptr, "Python", "3.9 or later") else {
            continue;
        };
        let path = display_path(&ptr);
        let help = "install the distribution's Python 3.10 (or later) package";
        if v < min {
            ctx.report(
                &ptr,
                format!("{path} is {shown}; certification requires Python {MINIMUM} or later"),
                help,
            );
        } else if v < next {
            ctx.report_with(
                Severity::Warning,
                At::Value,
                &ptr,
                format!("{path} is {shown}; support for Python {MINIMUM} ended on {MINIMUM_END}, and {NEXT_MINIMUM} is the certification test's next minimum"),
                help,
            );
        }
    }
}
