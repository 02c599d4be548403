use crate::rules::media::files::checked_png;
use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// `listing.media.screenshots` has at most 5 entries; each `file` is a real PNG image
    /// (signature checked, not the extension) of exactly 1280x720 pixels, and each has a
    /// `caption` that is not empty or blank.
    ///
    /// ## Why Partner Center rejects it
    /// The offer listing takes up to five screenshots, PNG only, 1280x720 px, and a caption
    /// is required for each. Other sizes are refused at upload (the legacy Cloud Partner
    /// Portal used 533x324, so old assets are a common cause).
    ///
    /// ## Example
    /// ```yaml
    /// listing:
    ///   media:
    ///     screenshots:
    ///       - { file: assets/screenshot-1.png, caption: "" }   # 533x324, no caption
    /// ```
    /// Use instead:
    /// ```yaml
    /// listing:
    ///   media:
    ///     screenshots:
    ///       - { file: assets/screenshot-1.png, caption: The hardening report }   # 1280x720
    /// ```
    ///
    /// ## Source
    /// - Screenshots: <= 5, 1280x720 PNG, caption required: Microsoft, VM offer listing,
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/azure-vm-offer-listing.md>
    RULE {
        id: "media-screenshots",
        area: Media,
        severity: Error,
        kind: Document,
        summary: "<= 5; each a 1280x720 PNG with a non-empty caption",
        check: check,
    }
}

fn check(ctx: &mut Ctx) {
    for (item, shot) in ctx.items("/listing/media/screenshots") {
        if let Some(Value::String(caption)) = shot.get("caption") {
            if !caption.is_empty() && caption.trim().is_empty() {
                ctx.report(
                    &format!("{item}/caption"),
                    format!("the caption of {} is blank", crate::message::display_path(&item)),
                    "describe what the screenshot shows; Partner Center requires a caption for each screenshot",
                );
            }
        }
        let file = format!("{item}/file");
        if shot.get("file").is_none() {
            continue;
        }
        let Some((w, h)) = checked_png(ctx, &file, "the screenshot") else {
            continue;
        };
        if (w, h) != (1280, 720) {
            ctx.report(
                &file,
                format!("the screenshot is {w}x{h} px; it must be exactly 1280x720 px"),
                "export the screenshot as a 1280x720 PNG",
            );
        }
    }
}
