use crate::message::display_path;
use crate::rules::cert::image::images;
use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// `certification.linux.kernelCommandLine` of each image (the kernel's boot parameters,
    /// as in `/proc/cmdline`), split into whitespace-separated parameters:
    ///
    /// - the serial console of the image's architecture must be there: `console=ttyS0` on
    ///   x86_64 (`x64Gen1`, `x64Gen2`), `console=ttyAMA0` on arm64 (`arm64Gen2`); the
    ///   architecture is the image type's, else `certification.architecture`. A serial-port
    ///   option after a comma is accepted (`console=ttyS0,115200n8`), and other `console=`
    ///   parameters may stand beside it. A missing console is an error.
    /// - on x86_64, a missing `earlyprintk=ttyS0` is a warning, and on both a missing
    ///   `rootdelay=300` (or another `rootdelay`) is a warning, under the same id: Microsoft's
    ///   Linux guidance recommends them, but the certification test does not check them.
    ///   One finding per image: the error for a missing console names the missing
    ///   recommended parameters too.
    ///
    /// ## Why Partner Center rejects it
    /// LISA's `verify_serial_console_is_enabled`, the certification test of Microsoft's test
    /// suite, expects `console=ttyS0` on x86_64 and `console=ttyAMA0` on arm64 in
    /// `/proc/cmdline` (or the kernel's "console [ttyS0] enabled" line in the boot log):
    /// the serial console is how Azure shows boot diagnostics and how support reaches a VM
    /// that does not boot. `earlyprintk` and `rootdelay` appear in the older guidance
    /// (`console=ttyS0 earlyprintk=ttyS0 rootdelay=300`) but in no current test.
    ///
    /// ## Example
    /// ```yaml
    /// linux:
    ///   kernelCommandLine: "ro quiet splash"
    /// ```
    /// Use instead (set `GRUB_CMDLINE_LINUX` in `/etc/default/grub` and regenerate the grub
    /// configuration; `console=ttyAMA0` on an arm64 image):
    /// ```yaml
    /// linux:
    ///   kernelCommandLine: "ro console=ttyS0 earlyprintk=ttyS0 rootdelay=300 net.ifnames=0"
    /// ```
    ///
    /// ## Source
    /// - `verify_serial_console_is_enabled` (ttyS0 on x86_64, ttyAMA0 on arm64): microsoft/lisa,
    ///   `microsoft/testsuites/core/azure_image_standard.py`,
    ///   <https://github.com/microsoft/lisa/blob/main/microsoft/testsuites/core/azure_image_standard.py>
    /// - "Kernel boot line must include console=ttyS0 earlyprintk=ttyS0 rootdelay=300":
    ///   Microsoft, VM certification FAQ,
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/azure-vm-certification-faq.yml>
    /// - Microsoft, information for non-endorsed Linux distributions (2022-05),
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/virtual-machines/linux/create-upload-generic.md>
    RULE {
        id: "cert-linux-kernel-params",
        area: Cert,
        severity: Error,
        kind: Document,
        summary: "kernel command line has console=ttyS0 (x86_64) or console=ttyAMA0 (arm64); missing earlyprintk=ttyS0 or rootdelay=300 is a warning",
        check: check,
    }
}

/// True when `dev` is the device of one of the `param=` parameters (`param=dev` or
/// `param=dev,options`).
fn has(tokens: &[&str], param: &str, dev: &str) -> bool {
    tokens.iter().any(|t| {
        t.strip_prefix(param)
            .and_then(|r| r.strip_prefix('='))
            .is_some_and(|v| v == dev || v.starts_with(&format!("{dev},")))
    })
}

fn check(ctx: &mut Ctx) {
    for img in images(ctx) {
        let ptr = img.at("certification/linux/kernelCommandLine");
        let Some(line) = ctx.str(&ptr) else { continue };
        let tokens: Vec<&str> = line.split_whitespace().collect();
        // The image type decides (it is the hardware the image boots on), else the fact.
        let by_type = match img.image_type {
            Some("arm64Gen2") => Some("arm64"),
            Some("x64Gen1" | "x64Gen2") => Some("x86_64"),
            _ => None,
        };
        let by_fact = match ctx.str(&img.at("certification/architecture")) {
            Some("arm64" | "aarch64") => Some("arm64"),
            Some("x86_64" | "amd64") => Some("x86_64"),
            _ => None,
        };
        let contradicted = matches!((by_type, by_fact), (Some(t), Some(f)) if t != f);
        let arch = by_type.or(by_fact).unwrap_or("x86_64");
        let console = if arch == "arm64" { "ttyAMA0" } else { "ttyS0" };
        let path = display_path(&ptr);
        // One finding per value (the sink keeps one per rule and place): the error when the
        // console is missing, naming the recommended parameters that are missing too.
        let mut recommended = Vec::new();
        if arch == "x86_64" && !has(&tokens, "earlyprintk", "ttyS0") {
            recommended.push("`earlyprintk=ttyS0`".to_string());
        }
        if !tokens.contains(&"rootdelay=300") {
            let other = tokens.iter().find(|t| t.starts_with("rootdelay="));
            recommended.push(match other {
                Some(_) if ctx.from_env(&ptr) => {
                    "`rootdelay=300` (it has another rootdelay)".to_string()
                }
                Some(t) => format!("`rootdelay=300` (it has `{t}`)"),
                None => "`rootdelay=300`".to_string(),
            });
        }
        let also = if recommended.is_empty() {
            String::new()
        } else {
            format!(
                "; it also lacks {}, which Microsoft's Linux guidance recommends though no certification test checks it",
                recommended.join(" and ")
            )
        };
        // Which console is right is unknown while the two disagree: that is
        // `cert-architecture`'s finding.
        if !contradicted && !has(&tokens, "console", console) {
            ctx.report(
                &ptr,
                format!("{path} lacks `console={console}`: the certification test looks for the {arch} serial console there{also}"),
                format!("add `console={console}` to GRUB_CMDLINE_LINUX in /etc/default/grub and regenerate the grub configuration"),
            );
        } else if !recommended.is_empty() {
            ctx.report_with(
                Severity::Warning,
                At::Value,
                &ptr,
                format!(
                    "{path} lacks {}: Microsoft's Linux guidance recommends it (early boot messages on the serial console, time for the OS disk to appear), though no certification test checks it",
                    recommended.join(" and ")
                ),
                "add them to GRUB_CMDLINE_LINUX in /etc/default/grub and regenerate the grub configuration",
            );
        }
    }
}
