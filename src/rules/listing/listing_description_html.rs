use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// only `b i em br p ul ol li h1-h6` tags, properly nested and closed (`br` may stand alone)
    RULE {
        id: "listing-description-html",
        area: Listing,
        severity: Error,
        kind: Document,
        summary: "only `b i em br p ul ol li h1-h6` tags, properly nested and closed (`br` may stand alone)",
    }
}
