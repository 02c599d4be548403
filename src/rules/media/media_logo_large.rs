use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// large logo present; a real PNG (signature checked, not the extension); square; 216-350 px
    RULE {
        id: "media-logo-large",
        area: Media,
        severity: Error,
        kind: Document,
        summary: "large logo present; a real PNG (signature checked, not the extension); square; 216-350 px",
    }
}
