use crate::rules::media::files::checked_png;
use crate::rules::prelude::*;

/// The smallest and largest side of the large logo, in pixels.
const MIN_SIDE: u32 = 216;
const MAX_SIDE: u32 = 350;

declare_rule! {
    /// ## What it checks
    /// `listing.media.logos.large` is given and names a real PNG image (the file's signature
    /// is read; the `.png` extension proves nothing) that is square and between 216x216 and
    /// 350x350 pixels. Only the 33-byte PNG header is read, never the pixels; a truncated or
    /// corrupt header is reported too.
    ///
    /// ## Why Partner Center rejects it
    /// The large logo is required for a VM offer and must be a PNG from 216x216 up to
    /// 350x350 px; Partner Center derives the medium and small logos from it. Any other
    /// format or size is refused at upload.
    ///
    /// ## Example
    /// ```yaml
    /// listing:
    ///   media:
    ///     logos:
    ///       large: assets/logo.png      # a 400x300 JPEG renamed to .png
    /// ```
    /// Use instead:
    /// ```yaml
    /// listing:
    ///   media:
    ///     logos:
    ///       large: assets/logo-300.png  # exported as PNG, 300x300
    /// ```
    ///
    /// ## Source
    /// - Logos: PNG only, large 216x216 up to 350x350 px, required: Microsoft, VM offer listing,
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/azure-vm-offer-listing.md>
    RULE {
        id: "media-logo-large",
        area: Media,
        severity: Error,
        kind: Document,
        summary: "large logo present; a real PNG (signature checked, not the extension); square; 216-350 px",
        check: check,
    }
}

fn check(ctx: &mut Ctx) {
    let pointer = "/listing/media/logos/large";
    if ctx.get(pointer).is_none() {
        return;
    }
    let Some((w, h)) = checked_png(ctx, pointer, "the large logo") else {
        return;
    };
    let in_range = |s: u32| (MIN_SIDE..=MAX_SIDE).contains(&s);
    if w != h || !in_range(w) {
        let shape = if w != h {
            "not square"
        } else if w < MIN_SIDE {
            "too small"
        } else {
            "too large"
        };
        ctx.report(
            pointer,
            format!("the large logo is {w}x{h} px ({shape}); it must be square, from {MIN_SIDE}x{MIN_SIDE} to {MAX_SIDE}x{MAX_SIDE} px"),
            "export the logo as a square PNG between 216 and 350 px a side, e.g. 300x300",
        );
    }
}
