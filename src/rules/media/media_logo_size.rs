use crate::rules::media::files::checked_png;
use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// The optional logos have their fixed sizes when they are given: `logos.medium` is a
    /// 90x90 PNG and `logos.small` a 48x48 PNG. The file's signature decides whether it is a
    /// PNG, not its extension; only the header is read.
    ///
    /// ## Why Partner Center rejects it
    /// Partner Center accepts PNG logos only, the medium logo at exactly 90x90 px and the
    /// small one at 48x48 px. Both are optional: when they are left out, Partner Center
    /// derives them from the large logo.
    ///
    /// ## Example
    /// ```yaml
    /// listing:
    ///   media:
    ///     logos:
    ///       large: assets/logo-large.png
    ///       medium: assets/logo-96.png    # 96x96
    /// ```
    /// Use instead:
    /// ```yaml
    /// listing:
    ///   media:
    ///     logos:
    ///       large: assets/logo-large.png
    ///       medium: assets/logo-90.png    # 90x90 (or leave `medium` out)
    /// ```
    ///
    /// ## Source
    /// - Logos: PNG only; medium 90x90 and small 48x48, both optional: Microsoft, VM offer
    ///   listing,
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/azure-vm-offer-listing.md>
    RULE {
        id: "media-logo-size",
        area: Media,
        severity: Error,
        kind: Document,
        summary: "medium logo 90x90, small logo 48x48 PNG when given",
        check: check,
    }
}

fn check(ctx: &mut Ctx) {
    for (key, side) in [("medium", 90u32), ("small", 48u32)] {
        let pointer = format!("/listing/media/logos/{key}");
        if ctx.get(&pointer).is_none() {
            continue;
        }
        let what = format!("the {key} logo");
        let Some((w, h)) = checked_png(ctx, &pointer, &what) else {
            continue;
        };
        if (w, h) != (side, side) {
            ctx.report(
                &pointer,
                format!("{what} is {w}x{h} px; it must be exactly {side}x{side} px"),
                format!("export a {side}x{side} PNG, or remove `{key}` and let Partner Center derive it from the large logo"),
            );
        }
    }
}
