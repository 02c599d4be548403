use crate::rules::cert::image::images;
use crate::rules::cert::version::check_min;
use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// `certification.linux.pythonVersion` of each image is 2.6 or later, compared
    /// numerically segment by segment (3.10.12 > 3.9). Write the version as a string or
    /// quote it: an unquoted `3.10` is still read as written, not as the number 3.1.
    ///
    /// ## Why Partner Center rejects it
    /// The Azure Linux agent and VM extensions run on Python; the certification test
    /// "Python Version" (test 45) requires 2.6 or later (plus `pyasn1`).
    ///
    /// ## Example
    /// ```yaml
    /// linux:
    ///   pythonVersion: 2.4.3
    /// ```
    /// Use instead:
    /// ```yaml
    /// linux:
    ///   pythonVersion: 3.10.12
    /// ```
    ///
    /// ## Source
    /// - "Python ≥ 2.6, plus pyasn1": Microsoft, VM certification FAQ,
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/azure-vm-certification-faq.yml>
    /// - Certification test 45 "Python Version" (2022-04):
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/azure-vm-image-test.md>
    /// - "VM extensions support requires ... Python 2.6+": Microsoft, VM plan technical
    ///   configuration (2022-04),
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/azure-vm-plan-technical-configuration.md>
    RULE {
        id: "cert-linux-python",
        area: Cert,
        severity: Error,
        kind: Document,
        summary: "Python >= 2.6",
        check: check,
    }
}

fn check(ctx: &mut Ctx) {
    for img in images(ctx) {
        check_min(
            ctx,
            &img.at("certification/linux/pythonVersion"),
            "Python",
            "2.6",
            None,
            "install the distribution's Python 3 package",
        );
    }
}
