use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// the projected go-live (latest estimate) falls after publish.targetGoLive
    RULE {
        id: "timeline-deadline",
        area: Timeline,
        severity: Warning,
        kind: Timeline,
        summary: "the projected go-live (latest estimate) falls after publish.targetGoLive",
    }
}
