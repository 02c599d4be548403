use crate::rules::cert::image::images;
use crate::rules::cert::version::check_min;
use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// `certification.linux.agentVersion` of each image, the Azure Linux agent (waagent)
    /// installed in it, is 2.2.41 or later. Versions are compared numerically segment by
    /// segment (2.2.9 < 2.2.41 < 2.10.0); a distribution suffix such as `-0ubuntu1` is
    /// ignored. A value with no version number in it is reported too.
    ///
    /// ## Why Partner Center rejects it
    /// The certification test "Linux Agent Version" (test 39) requires 2.2.41, mandatory
    /// since 2020-05-01; VM extensions, which most customers rely on, need it as well.
    ///
    /// ## Example
    /// ```yaml
    /// linux:
    ///   agentVersion: 2.2.32
    /// ```
    /// Use instead (install the agent from the distribution's package, e.g.
    /// `apt install walinuxagent`):
    /// ```yaml
    /// linux:
    ///   agentVersion: 2.9.1.1
    /// ```
    ///
    /// ## Source
    /// - "Azure Linux Agent (waagent) ≥ 2.2.41": Microsoft, VM certification FAQ,
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/azure-vm-certification-faq.yml>
    /// - Certification test 39 "Linux Agent Version: 2.2.41" (2022-04):
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/azure-vm-image-test.md>
    /// - "VM extensions support requires Azure Linux Agent > 2.2.41": Microsoft, VM plan technical
    ///   configuration (2022-04),
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/azure-vm-plan-technical-configuration.md>
    RULE {
        id: "cert-linux-agent",
        area: Cert,
        severity: Error,
        kind: Document,
        summary: "Azure Linux agent >= 2.2.41",
        check: check,
    }
}

fn check(ctx: &mut Ctx) {
    for img in images(ctx) {
        check_min(
            ctx,
            &img.at("certification/linux/agentVersion"),
            "the Azure Linux agent",
            "2.2.41",
            None,
            "install a current agent from the distribution's package (walinuxagent / WALinuxAgent) and enable auto-update",
        );
    }
}
