use crate::message::display_path;
use crate::rules::cert::image::{images, int_at};
use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// `certification.linux.clientAliveInterval` of each image, the `ClientAliveInterval` of
    /// its SSH server in seconds:
    ///
    /// - outside 1-235 is an error (0 turns keep-alive messages off; above 235 the
    ///   certification test fails);
    /// - inside that range but other than the recommended 180 is a warning under the same id.
    ///
    /// ## Why Partner Center rejects it
    /// The certification test "Client Alive Interval" (test 46) expects 180; Microsoft
    /// accepts 30-235 when SSH is enabled for end users and fails a value above 235. LISA's
    /// current check (`verify_client_active_interval`) accepts 1-235, while an older version
    /// accepted only 1-180, hence the warning for anything but 180.
    ///
    /// ## Example
    /// ```yaml
    /// linux:
    ///   clientAliveInterval: 300
    /// ```
    /// Use instead (`ClientAliveInterval 180` in `/etc/ssh/sshd_config`):
    /// ```yaml
    /// linux:
    ///   clientAliveInterval: 180
    /// ```
    ///
    /// ## Source
    /// - "ClientAliveInterval 180 is recommended; 30-235 is acceptable ...; the test fails if the
    ///   value is > 235": Microsoft, VM certification FAQ,
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/azure-vm-certification-faq.yml>
    /// - "LISA's current check accepts 1-235": microsoft/lisa, `azure_image_standard.py`,
    ///   <https://github.com/microsoft/lisa/blob/main/microsoft/testsuites/core/azure_image_standard.py>
    /// - Certification test 46 "Client Alive Interval" (2022-04):
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/azure-vm-image-test.md>
    RULE {
        id: "cert-linux-client-alive",
        area: Cert,
        severity: Error,
        kind: Document,
        summary: "ClientAliveInterval 1-235 (certification fails above 235); other than 180 is a warning",
        check: check,
    }
}

fn check(ctx: &mut Ctx) {
    for img in images(ctx) {
        let ptr = img.at("certification/linux/clientAliveInterval");
        let Some(n) = int_at(ctx, &ptr) else { continue };
        if (1..=235).contains(&n) && n != 180 {
            ctx.report_with(
                Severity::Warning,
                At::Value,
                &ptr,
                format!(
                    "{} is {n}; the certification test expects 180 (older test versions accepted only 1-180)",
                    display_path(&ptr)
                ),
                "set `ClientAliveInterval 180` in /etc/ssh/sshd_config",
            );
        }
    }
}
