use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// versionNumber `X.Y.Z`, <= 32 chars, unique in the plan; each version has 1-2 images, one per image type
    RULE {
        id: "tech-image-versions",
        area: Tech,
        severity: Error,
        kind: Document,
        summary: "versionNumber `X.Y.Z`, <= 32 chars, unique in the plan; each version has 1-2 images, one per image type",
    }
}
