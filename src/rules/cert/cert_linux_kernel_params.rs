use crate::message::display_path;
use crate::rules::cert::image::images;
use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// `certification.linux.kernelCommandLine` of each image (the kernel's boot parameters,
    /// as in `/proc/cmdline`), split into whitespace-separated parameters:
    ///
    /// - `console=ttyS0` and `earlyprintk=ttyS0` must both be there (each missing one is
    ///   an error). A serial-port option after a comma is accepted
    ///   (`console=ttyS0,115200n8`), and other `console=` parameters may stand beside it.
    /// - `rootdelay=300` missing (or another `rootdelay`) is a warning under the same id.
    ///
    /// ## Why Partner Center rejects it
    /// The certification test "Required Kernel Parameters" (test 40) checks
    /// `console=ttyS0#earlyprintk=ttyS0#rootdelay=300`: the serial console is how Azure
    /// shows boot diagnostics and how support reaches a VM that does not boot. The FAQ lists
    /// the two console parameters as verified; a missing `rootdelay=300` produced a warning
    /// in Microsoft's sample result.
    ///
    /// ## Example
    /// ```yaml
    /// linux:
    ///   kernelCommandLine: "ro quiet splash"
    /// ```
    /// Use instead (set `GRUB_CMDLINE_LINUX` in `/etc/default/grub` and regenerate the grub
    /// configuration):
    /// ```yaml
    /// linux:
    ///   kernelCommandLine: "ro console=ttyS0 earlyprintk=ttyS0 rootdelay=300 net.ifnames=0"
    /// ```
    ///
    /// ## Source
    /// - "Kernel boot line must include console=ttyS0 earlyprintk=ttyS0 rootdelay=300":
    ///   Microsoft, VM certification FAQ,
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/azure-vm-certification-faq.yml>
    /// - Microsoft, information for non-endorsed Linux distributions (2022-05),
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/virtual-machines/linux/create-upload-generic.md>
    /// - Certification test 40 "Required Kernel Parameters" (2022-04):
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/azure-vm-image-test.md>
    RULE {
        id: "cert-linux-kernel-params",
        area: Cert,
        severity: Error,
        kind: Document,
        summary: "kernel command line has console=ttyS0 and earlyprintk=ttyS0; missing rootdelay=300 is a warning",
        check: check,
    }
}

fn check(ctx: &mut Ctx) {
    for img in images(ctx) {
        let ptr = img.at("certification/linux/kernelCommandLine");
        let Some(line) = ctx.str(&ptr) else { continue };
        let tokens: Vec<&str> = line.split_whitespace().collect();
        if !tokens.contains(&"rootdelay=300") {
            let found = tokens.iter().find(|t| t.starts_with("rootdelay="));
            let what = match found {
                Some(_) if ctx.from_env(&ptr) => {
                    "has another rootdelay instead of `rootdelay=300`".to_string()
                }
                Some(t) => format!("has `{t}` instead of `rootdelay=300`"),
                None => "lacks `rootdelay=300`".to_string(),
            };
            ctx.report_with(
                Severity::Warning,
                At::Value,
                &ptr,
                format!("{} {what}; the certification test expects it and reports its absence as a warning", display_path(&ptr)),
                "add `rootdelay=300` to GRUB_CMDLINE_LINUX in /etc/default/grub",
            );
        }
    }
}
