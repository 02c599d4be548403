use crate::message::display_path;
use crate::rules::cert::image::{bool_at, images};
use crate::rules::cert::version::{version_at, Version};
use crate::rules::prelude::*;

const MINIMUM: &str = "2.2.53.1";

declare_rule! {
    /// ## What it checks
    /// The Azure Linux agent (waagent) of each image, from `certification.linux`:
    ///
    /// - `agentVersion` (as `waagent --version` reports it) is 2.2.53.1 or later, unless
    ///   `agentAutoUpdate` is `true`: an agent that updates itself is accepted at any
    ///   version. An older agent is an error with `agentAutoUpdate: false`, and a warning
    ///   when the manifest does not say (the test passes it if the image has auto-update on,
    ///   the agent's default). Versions are compared numerically segment by segment (2.2.9 < 2.2.53.1 <
    ///   2.10.0); a distribution suffix such as `-0ubuntu1` is ignored. A value with no
    ///   version number in it is reported too.
    /// - `agentEnabled`, when given, is `true`: the agent's service starts at boot.
    ///
    /// `agentAutoUpdate` and `agentEnabled` are optional facts (`offer-lint image-facts`
    /// measures them).
    ///
    /// ## Why Partner Center rejects it
    /// LISA's `verify_waagent_version` fails an image whose agent is older than 2.2.53.1 and
    /// does not update itself (`AutoUpdate.Enabled=n`). The agent provisions every VM and
    /// runs its extensions, which most customers rely on: an agent whose service does not
    /// start leaves VMs from the image unprovisioned, which certification's provisioning
    /// test fails.
    ///
    /// ## Example
    /// ```yaml
    /// linux:
    ///   agentVersion: 2.2.45
    ///   agentAutoUpdate: false
    /// ```
    /// Use instead (install a current agent from the distribution's package, e.g.
    /// `apt install walinuxagent`, and leave auto-update on):
    /// ```yaml
    /// linux:
    ///   agentVersion: 2.9.1.1
    ///   agentAutoUpdate: true
    ///   agentEnabled: true
    /// ```
    ///
    /// ## Source
    /// - `verify_waagent_version` (minimum 2.2.53.1 unless auto-update is enabled):
    ///   microsoft/lisa, `microsoft/testsuites/core/azure_image_standard.py`,
    ///   <https://github.com/microsoft/lisa/blob/main/microsoft/testsuites/core/azure_image_standard.py>
    /// - The minimum agent version Microsoft supports: Microsoft, minimum supported agent versions,
    ///   <https://learn.microsoft.com/en-us/troubleshoot/azure/virtual-machines/windows/support-extensions-agent-version>
    /// - Provisioning failures in certification: Microsoft, troubleshoot VM certification,
    ///   <https://learn.microsoft.com/en-us/partner-center/marketplace-offers/azure-vm-certification-faq>
    /// - How to update the agent: Microsoft,
    ///   <https://learn.microsoft.com/en-us/azure/virtual-machines/extensions/update-linux-agent>
    RULE {
        id: "cert-linux-agent",
        area: Cert,
        severity: Error,
        kind: Document,
        summary: "Azure Linux agent >= 2.2.53.1 unless it updates itself; its service enabled",
        check: check,
    }
}

fn check(ctx: &mut Ctx) {
    let min = Version::parse(MINIMUM).expect("a version");
    for img in images(ctx) {
        let ptr = img.at("certification/linux/agentVersion");
        let auto_ptr = img.at("certification/linux/agentAutoUpdate");
        let auto = bool_at(ctx, &auto_ptr);
        if let Some((v, shown)) =
            version_at(ctx, &ptr, "the Azure Linux agent", "2.2.53.1 or later")
        {
            let path = display_path(&ptr);
            let help = "install a current agent from the distribution's package (walinuxagent / WALinuxAgent), and keep AutoUpdate.Enabled=y in /etc/waagent.conf (declare it with `agentAutoUpdate: true`)";
            match auto {
                _ if v >= min => {}
                Some(true) => {}
                Some(false) => ctx.report(
                    &ptr,
                    format!("{path} is {shown}, older than {MINIMUM}, and agentAutoUpdate is false; certification requires {MINIMUM} or an agent that updates itself"),
                    help,
                ),
                // The test reads /etc/waagent.conf, where a missing key means "on": the image
                // passes if it has auto-update on, which the manifest does not say.
                None => ctx.report_with(
                    Severity::Warning,
                    At::Value,
                    &ptr,
                    format!("{path} is {shown}, older than {MINIMUM}: certification accepts it only if the agent updates itself, which the manifest does not say (agentAutoUpdate)"),
                    help,
                ),
            }
        }
        let enabled_ptr = img.at("certification/linux/agentEnabled");
        if bool_at(ctx, &enabled_ptr) == Some(false) {
            ctx.report(
                &enabled_ptr,
                format!("{} is false: the agent's service does not start at boot, so VMs from the image are never provisioned and run no extension", display_path(&enabled_ptr)),
                "enable the service before capturing the image: `systemctl enable walinuxagent` (Debian, Ubuntu) or `systemctl enable waagent`",
            );
        }
    }
}
