use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// When `listing.languageId` is not an English language tag (its primary subtag is not
    /// `en`, as in `en-us` or `en-gb`), `listing.description` starts with the sentence
    /// "This application is available only in" followed by the language, for example
    /// "This application is available only in German." Leading whitespace and leading
    /// formatting tags (`<p>`, `<b>`, `<h1>`, …) are skipped, letter case is ignored, and a
    /// word (the language) must follow. The finding points at the start of the description
    /// and quotes how it begins.
    ///
    /// ## Why Partner Center rejects it
    /// Azure Marketplace listings are in English. Partner Center allows a listing whose
    /// content is in another language only if the description begins with "This
    /// application is available only in [non-English language]"; reviewers reject other
    /// non-English listings in certification.
    ///
    /// ## Example
    /// ```yaml
    /// listing:
    ///   languageId: de-de
    ///   description: |
    ///     <p>Contoso Hardened Ubuntu mit CIS-Level-1-Härtung.</p>
    /// ```
    /// Use instead:
    /// ```yaml
    /// listing:
    ///   languageId: de-de
    ///   description: |
    ///     <p>This application is available only in German.</p>
    ///     <p>Contoso Hardened Ubuntu mit CIS-Level-1-Härtung.</p>
    /// ```
    ///
    /// ## Source
    /// - Non-English content: Microsoft, VM offer listing (2022-03),
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/azure-vm-offer-listing.md>
    RULE {
        id: "listing-non-english-prefix",
        area: Listing,
        severity: Error,
        kind: Document,
        summary: "languageId not English: the description starts with \"This application is available only in\"",
        check: check,
    }
}

const PREFIX: &str = "This application is available only in";

fn check(ctx: &mut Ctx) {
    let Some(lang) = ctx.str("/listing/languageId") else {
        return;
    };
    if is_english(lang) {
        return;
    }
    let ptr = "/listing/description";
    let Some(description) = ctx.str(ptr) else {
        return;
    };
    if starts_with_prefix(description) {
        return;
    }
    let opening: String = strip_leading_markup(description).chars().take(40).collect();
    let opening = opening
        .lines()
        .next()
        .unwrap_or_default()
        .trim()
        .to_string();
    let found = if opening.is_empty() {
        "nothing".to_string()
    } else if ctx.from_env(ptr) {
        "other text".to_string()
    } else {
        format!("\"{opening}…\"")
    };
    ctx.report(
        ptr,
        format!(
            "listing.languageId is `{}`, not English, so listing.description must start with \"{PREFIX} <language>\"; it starts with {found}",
            ctx.quote("/listing/languageId", lang)
        ),
        format!(
            "begin the description with \"{PREFIX} <language>.\", or set languageId to en-us if the listing is in English"
        ),
    );
}

/// True for `en` and any tag whose primary subtag is `en` (`en-us`, `EN-GB`, `en_US`).
fn is_english(lang: &str) -> bool {
    let primary = lang.trim().split(['-', '_']).next().unwrap_or_default();
    primary.eq_ignore_ascii_case("en")
}

/// The text after leading whitespace and leading tags.
fn strip_leading_markup(text: &str) -> &str {
    let mut rest = text.trim_start();
    while rest.starts_with('<') {
        match rest.find('>') {
            Some(end) => rest = rest[end + 1..].trim_start(),
            None => break,
        }
    }
    rest
}

/// True when the text starts with the sentence, in any letter case, followed by a word.
fn starts_with_prefix(text: &str) -> bool {
    let rest = strip_leading_markup(text);
    let Some(head) = rest.get(..PREFIX.len()) else {
        return false;
    };
    if !head.eq_ignore_ascii_case(PREFIX) {
        return false;
    }
    let after = &rest[PREFIX.len()..];
    let language = after.trim_start();
    language.len() < after.len() && language.starts_with(char::is_alphabetic)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_tags() {
        assert!(is_english("en-us"));
        assert!(is_english("EN-GB"));
        assert!(is_english("en"));
        assert!(!is_english("de-de"));
        assert!(!is_english("eng"));
    }

    #[test]
    fn prefix_after_markup() {
        assert!(starts_with_prefix(
            "<p><b>This application is available only in German.</b></p>"
        ));
        assert!(starts_with_prefix(
            "  this application is available only in French."
        ));
        assert!(!starts_with_prefix("<p>Dieses Produkt…</p>"));
        assert!(!starts_with_prefix("This application is available only in"));
        assert!(!starts_with_prefix(
            "This application is available only in."
        ));
        assert!(!starts_with_prefix(
            "This application is available only inGerman"
        ));
    }
}
