use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// <= 5; URL on youtube.com, youtu.be or vimeo.com; thumbnail a 1280x720 PNG
    RULE {
        id: "media-videos",
        area: Media,
        severity: Error,
        kind: Document,
        summary: "<= 5; URL on youtube.com, youtu.be or vimeo.com; thumbnail a 1280x720 PNG",
    }
}
