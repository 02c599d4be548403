use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// The projected go-live of the offer is no later than `publish.targetGoLive`. The
    /// projection (see `offer-lint timeline`) starts at `publish.plannedSubmission`, else at
    /// `--start`, else at the moment of the run, and gives every publishing step the longest
    /// time Microsoft expects it to take: about 15 days without a test drive, plus the
    /// publisher's own sign-off (`publish.signOffDays`). A target written as a date
    /// (`2026-12-20`) means any time that day, up to 23:59:59 UTC; a date-time is taken as
    /// written. The finding says by how much the target is missed and the latest submission
    /// that would still meet it.
    ///
    /// An offer projected as rejected (it has errors that a step checks) gets no go-live and
    /// no finding from this rule: its errors come first. `check --format json` still reports
    /// its deadline as not met.
    ///
    /// ## Why Partner Center rejects it
    /// It does not: this is a planning warning. Partner Center cannot be hurried, and an offer
    /// that goes live after a launch date, a campaign or a contract milestone is a business
    /// problem the publisher can still avoid by submitting earlier, by signing off faster, or
    /// by moving the date.
    ///
    /// ## Example
    /// ```yaml
    /// publish:
    ///   plannedSubmission: 2026-12-10
    ///   targetGoLive: 2026-12-20    # the projected go-live is 2026-12-25T01:15:00Z
    /// ```
    /// Use instead:
    /// ```yaml
    /// publish:
    ///   plannedSubmission: 2026-12-01   # live by 2026-12-16T01:15:00Z
    ///   targetGoLive: 2026-12-20
    /// ```
    ///
    /// ## Source
    /// - The steps and their longest times ("Allow for up to 16 days"; the times are maximum
    ///   estimates): Microsoft, Cloud Partner Portal, publish a virtual machine offer (2018-08),
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/cloud-partner-portal/virtual-machine/cpp-publish-offer.md>
    RULE {
        id: "timeline-deadline",
        area: Timeline,
        severity: Warning,
        kind: Timeline,
        summary: "the projected go-live (latest estimate) falls after publish.targetGoLive",
    }
}
