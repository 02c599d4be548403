use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// `listing.title`, the offer's name on the marketplace, is 1 to 200 characters long and
    /// holds no emoji. The length is checked by the schema; the emoji check is code.
    ///
    /// Emoji are the pictographic blocks U+1F000–U+1FAFF (emoticons, pictographs, transport
    /// symbols, flags, skin tones), the miscellaneous symbols and dingbats U+2600–U+27BF, the
    /// emoji of other blocks that display as emoji by default (⌚ ⏳ ⬛ ⭐ ⭕ 〰 ㊗ …), the
    /// emoji presentation selector U+FE0F, the keycap mark U+20E3 and the flag tag characters
    /// U+E0020–U+E007F. The trademark and copyright signs ™ © ® are allowed (written without
    /// U+FE0F).
    ///
    /// ## Why Partner Center rejects it
    /// Partner Center limits the offer name to 200 characters and says that trademark and
    /// copyright symbols are allowed but emojis are not. Pages from 2020 and the legacy Cloud
    /// Partner Portal had a 50-character limit; 200 is the current one.
    ///
    /// ## Example
    /// ```yaml
    /// listing:
    ///   title: Contoso Hardened Ubuntu 🚀
    /// ```
    /// Use instead:
    /// ```yaml
    /// listing:
    ///   title: Contoso Hardened Ubuntu™ 22.04 LTS
    /// ```
    ///
    /// ## Source
    /// - Name (listing title): Microsoft, VM offer listing (2022-03),
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/azure-vm-offer-listing.md>
    /// - The older 50-character limit (the sources conflict over time; 200 is current):
    ///   Microsoft, VM offer listing (2020-10),
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/azure-vm-create-listing.md>
    /// - Microsoft, Cloud Partner Portal, Marketplace tab,
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/cloud-partner-portal/virtual-machine/cpp-marketplace-tab.md>
    RULE {
        id: "listing-title-length",
        area: Listing,
        severity: Error,
        kind: Document,
        summary: "1-200 chars, no emoji",
        check: check,
    }
}

const PTR: &str = "/listing/title";

fn check(ctx: &mut Ctx) {
    let Some(title) = ctx.str(PTR) else { return };
    let found: Vec<(usize, char)> = title.char_indices().filter(|(_, c)| is_emoji(*c)).collect();
    let Some(&(at, first)) = found.first() else {
        return;
    };
    let chars = title[..at].chars().count() + 1;
    let more = match found.len() {
        1 => String::new(),
        n => format!(" and {} more emoji character(s)", n - 1),
    };
    let what = if ctx.from_env(PTR) {
        "an emoji".to_string()
    } else {
        format!("the emoji {}", describe(first))
    };
    let message = format!(
        "listing.title contains {what} at character {chars}{more}; Partner Center does not allow emoji in the offer name"
    );
    let help = "remove the emoji; the trademark and copyright signs ™ © ® are allowed";
    let mut buf = [0u8; 4];
    let needle = first.encode_utf8(&mut buf);
    match super::text::locate(ctx, PTR, title, at, needle) {
        Some(span) => ctx.report_with(Severity::Error, At::Span(span), PTR, message, help),
        None => ctx.report(PTR, message, help),
    }
}

fn describe(c: char) -> String {
    match c {
        '\u{FE0F}' => {
            "presentation selector U+FE0F (it turns the character before it into an emoji)".into()
        }
        '\u{20E3}' => "keycap mark U+20E3".into(),
        '\u{E0020}'..='\u{E007F}' => {
            format!("tag character U+{:04X} (part of a flag emoji)", c as u32)
        }
        c => format!("`{c}` (U+{:04X})", c as u32),
    }
}

/// True for characters that are emoji or only occur in emoji sequences.
pub fn is_emoji(c: char) -> bool {
    matches!(
        c,
        // Mahjong, dominoes and cards, enclosed alphanumerics and ideographs (regional
        // indicators for flags), pictographs, emoticons, dingbats, transport, geometric
        // shapes extended, supplemental arrows-C, supplemental symbols and pictographs,
        // chess, symbols and pictographs extended-A.
        '\u{1F000}'..='\u{1FAFF}'
            // Miscellaneous symbols and dingbats.
            | '\u{2600}'..='\u{27BF}'
            // Emoji of the technical, arrows and geometric blocks.
            | '\u{231A}'..='\u{231B}'
            | '\u{2328}'
            | '\u{23CF}'
            | '\u{23E9}'..='\u{23F3}'
            | '\u{23F8}'..='\u{23FA}'
            | '\u{25FD}'..='\u{25FE}'
            | '\u{2B05}'..='\u{2B07}'
            | '\u{2B1B}'..='\u{2B1C}'
            | '\u{2B50}'
            | '\u{2B55}'
            // Wavy dash, part alternation mark, circled ideographs.
            | '\u{3030}'
            | '\u{303D}'
            | '\u{3297}'
            | '\u{3299}'
            // Keycap, emoji presentation selector, flag tags.
            | '\u{20E3}'
            | '\u{FE0F}'
            | '\u{E0020}'..='\u{E007F}'
    )
}

#[cfg(test)]
mod tests {
    use super::is_emoji;

    #[test]
    fn emoji_ranges() {
        for c in [
            '🚀', '😀', '🇺', '☁', '✅', '⭐', '⌚', '\u{FE0F}', '🤖', '🫠',
        ] {
            assert!(is_emoji(c), "{c} is an emoji");
        }
        for c in ['™', '©', '®', 'A', 'é', '中', '–', '€', '→', '•'] {
            assert!(!is_emoji(c), "{c} is not an emoji");
        }
    }
}
