use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// a referenced asset does not exist, is not a file, or lies outside the repository
    RULE {
        id: "media-file-missing",
        area: Media,
        severity: Error,
        kind: Document,
        summary: "a referenced asset does not exist, is not a file, or lies outside the repository",
    }
}
