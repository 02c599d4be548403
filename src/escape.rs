//! Text from the checkout, made inert for whatever reads the output: a terminal, the GitHub
//! runner, a Markdown renderer, a Mermaid chart. Every renderer takes its escaping from here.
//!
//! Manifests, file names and messages that quote them are written by strangers. In a
//! terminal, `\e[2J` would clear the screen and an OSC 8 sequence would plant a link; on a
//! GitHub runner, a line starting with `::` (or holding `##[`) is a workflow command; in a
//! job summary, `[text](url)` is a link and `![x](url)` an image that loads.

use std::borrow::Cow;
use std::fmt::Write;

/// True for characters a terminal acts on or that reorder text: C0 and C1 controls but tab
/// and line feed, DEL, and the bidirectional controls ("Trojan Source").
pub(crate) fn is_active(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `s` with every active character written as `\u{..}`: `\e[2J` shows as `\u{1b}[2J`.
pub fn control(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_active) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_active(c) {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// [`control`], and line breaks too: for text that must stay on one line.
pub fn one_line(s: &str) -> Cow<'_, str> {
    if !s.contains(['\n', '\r']) {
        return control(s);
    }
    Cow::Owned(control(&s.replace('\r', "\\r").replace('\n', "\\n")).into_owned())
}

/// A Markdown code span that nothing in `s` can end: the fence is one backtick longer than
/// the longest run of backticks in it. Inside a code span nothing is a link, an image, an
/// entity or HTML. Pipes are escaped (a table cell ends at one even inside a code span), and
/// each line is its own span, joined by `<br>`.
pub fn md_code(s: &str) -> String {
    s.lines()
        .map(|line| {
            let line = control(line).replace('|', "\\|");
            let mut longest = 0;
            let mut run = 0;
            for c in line.chars() {
                run = if c == '`' { run + 1 } else { 0 };
                longest = longest.max(run);
            }
            let fence = "`".repeat(longest + 1);
            // A span that starts or ends with a backtick needs a space to keep it apart
            // from the fence (CommonMark strips one space on each side).
            let pad = if line.starts_with('`') || line.ends_with('`') {
                " "
            } else {
                ""
            };
            format!("{fence}{pad}{line}{pad}{fence}")
        })
        .collect::<Vec<_>>()
        .join("<br>")
}

/// Text from the checkout as Markdown prose, on one line: every ASCII punctuation character
/// is backslash-escaped (CommonMark allows it for all of them), so nothing in it is a link,
/// an image, emphasis, HTML or a code span, and `https://` or `@` no longer autolink.
pub fn md_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in one_line(s).chars() {
        if c.is_ascii_punctuation() {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Text of offer-lint's own making (no value from a file in it) for a Markdown table cell or
/// heading: HTML and cell separators escaped, line breaks as `newline`.
pub fn md_cell(s: &str, newline: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in control(s).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '|' => out.push_str("\\|"),
            '\r' => {}
            '\n' => out.push_str(newline),
            c => out.push(c),
        }
    }
    out
}

/// A Mermaid task or title: only letters, digits, spaces and `-_.()`; anything else, which
/// could end the task or start a directive (`:`, `;`, `#`, `click`'s quotes), becomes `_`.
pub fn mermaid(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, ' ' | '-' | '_' | '.' | '(' | ')') {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// One line printed while the GitHub runner reads the output (GitHub mode), other than a
/// workflow command of offer-lint's own: it cannot start a command. `%`, `\r` and `\n` are
/// escaped as the runner escapes them, and `::` and `##[` are broken up.
pub fn runner_line(s: &str) -> String {
    control(s)
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
        .replace("::", ":%3A")
        .replace("##[", "##%5B")
}

/// A document printed on standard output in GitHub mode, made inert for the runner in a way
/// that keeps it the same document: JSON strings spell `[` after `##` as `\u005b`, XML and
/// Markdown use character references. (JSON text cannot start a line with `::`.)
pub fn runner_document(kind: DocumentKind, text: &str) -> Cow<'_, str> {
    let needs = text.contains("##[") || (kind != DocumentKind::Json && text.contains("::"));
    if !needs {
        return Cow::Borrowed(text);
    }
    Cow::Owned(match kind {
        DocumentKind::Json => text.replace("##[", "##\\u005b"),
        DocumentKind::Markup => text.replace("##[", "##&#91;").replace("::", ":&#58;"),
    })
}

/// How a document can spell a character without changing what it says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentKind {
    Json,
    /// XML and Markdown: character references.
    Markup,
}

/// A token no file of the checkout can know: it resumes workflow commands after
/// `::stop-commands::<token>`. From the standard library's per-process random hash keys.
pub fn random_token() -> String {
    use std::hash::{BuildHasher, Hasher};
    let mut out = String::new();
    for i in 0..2u8 {
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_u8(i);
        h.write_u128(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos()),
        );
        h.write_u32(std::process::id());
        let _ = write!(out, "{:016x}", h.finish());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_sequences_are_shown_not_run() {
        assert_eq!(control("a\u{1b}[2Jb"), "a\\u{1b}[2Jb");
        assert_eq!(control("x\u{9b}31m\u{202e}"), "x\\u{9b}31m\\u{202e}");
        assert_eq!(control("tab\tand\nline"), "tab\tand\nline");
    }

    #[test]
    fn code_spans_cannot_be_broken() {
        assert_eq!(md_code("a `b` c"), "``a `b` c``");
        assert_eq!(md_code("`x`"), "`` `x` ``");
        assert_eq!(md_code("[l](http://e) |"), "`[l](http://e) \\|`");
        assert_eq!(md_code("one\ntwo"), "`one`<br>`two`");
    }

    #[test]
    fn prose_cannot_link() {
        assert_eq!(md_text("a [b](http://c)"), "a \\[b\\]\\(http\\:\\/\\/c\\)");
    }

    #[test]
    fn runner_lines_start_no_command() {
        assert_eq!(
            runner_line("x\n::error::y ##[add-mask]z 100%"),
            "x%0A:%3Aerror:%3Ay ##%5Badd-mask]z 100%25"
        );
        assert_eq!(
            runner_document(DocumentKind::Json, r###"{"m":"##[set-output]"}"###),
            r###"{"m":"##\u005bset-output]"}"###
        );
    }

    #[test]
    fn tokens_differ() {
        assert_ne!(random_token(), random_token());
        assert_eq!(random_token().len(), 32);
    }
}
