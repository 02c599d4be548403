use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// The expiry (`se`) of every SAS URI of the image sources (`source.osDisk.uri` and each
    /// `source.dataDisks[].uri`) is after the projected end of certification for this
    /// offer: the latest end of the certification step in the offer's publishing timeline
    /// (from `publish.plannedSubmission`, else `--start`, else the moment of the run; with
    /// the test drive step when the offer enables a test drive; see `offer-lint timeline`).
    /// A URI whose `se` is missing or not a full date-time is left to `sas-uri-format` and
    /// `sas-dates`. The finding points at `se=` when the URI is written in the manifest,
    /// else at the `${env:NAME}` reference it came from (the URI itself is never printed).
    /// Being an error of the `sas` area, it projects the offer as rejected at certification.
    ///
    /// ## Why Partner Center rejects it
    /// Microsoft reads the VHD through the SAS URI during certification, which may take
    /// days after submission. A SAS that expires before certification is over makes the
    /// copy fail ("Failure: Copying Images. Not able to download blob"), and the offer goes
    /// back to the publisher; resubmitting restarts the timeline. `sas-dates` asks for 21
    /// days in any case; this rule checks the projected dates of this offer.
    ///
    /// ## Example
    /// ```yaml
    /// publish:
    ///   plannedSubmission: 2026-12-01
    /// # the OS disk SAS: ...&st=2026-11-20T00:00:00Z&se=2026-12-02T00:00:00Z&sig=...
    /// #   certification would end by 2026-12-04; the SAS expires on 2026-12-02
    /// ```
    /// Use instead:
    /// ```yaml
    /// publish:
    ///   plannedSubmission: 2026-12-01
    /// # the OS disk SAS: ...&st=2026-11-20T00:00:00Z&se=2027-01-31T00:00:00Z&sig=...
    /// ```
    ///
    /// ## Source
    /// - SAS URI rules (expiry at least 3 weeks; copy failures): Microsoft, generate a SAS URI
    ///   for a VM image (2021-06),
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/azure-vm-get-sas-uri.md>
    /// - Microsoft, Cloud Partner Portal, common SAS URL issues,
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/cloud-partner-portal/virtual-machine/cpp-common-sas-url-issues.md>
    /// - Publishing pipeline and durations (certification: up to 3 days, after prerequisite
    ///   validation and, with a test drive, test drive validation): Microsoft, Cloud Partner
    ///   Portal, publish a virtual machine offer (2018-08),
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/cloud-partner-portal/virtual-machine/cpp-publish-offer.md>
    RULE {
        id: "sas-expiry-covers-certification",
        area: Sas,
        severity: Error,
        kind: Timeline,
        summary: "`se` is after the projected end of certification for this offer",
    }
}
