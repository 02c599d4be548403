use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// <= 5; each a 1280x720 PNG with a non-empty caption
    RULE {
        id: "media-screenshots",
        area: Media,
        severity: Error,
        kind: Document,
        summary: "<= 5; each a 1280x720 PNG with a non-empty caption",
    }
}
