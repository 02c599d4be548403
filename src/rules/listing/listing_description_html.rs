use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// The HTML in `listing.description` uses only the tags Partner Center supports —
    /// `<b>`, `<i>`, `<em>`, `<br>`, `<p>`, `<ul>`, `<ol>`, `<li>` and `<h1>` to `<h6>` — and
    /// every tag but `<br>` is closed, in the right order. In detail:
    ///
    /// - any other tag (`<a>`, `<div>`, `<span>`, `<img>`, `<strong>`, …), HTML comments and
    ///   `<!…>` declarations are reported, once per tag name;
    /// - `<br>` stands alone; `<br/>` and `<br />` are accepted too, `</br>` is not;
    /// - a closing tag must close the innermost open tag (`<b><i>x</b></i>` is misnested);
    /// - a closing tag with no open tag, and an open tag that is never closed, are reported;
    /// - `<li>` belongs directly inside `<ul>` or `<ol>`;
    /// - only `<br>` may be written self-closing (`<p/>` is reported);
    /// - a `<` that starts a tag needs its `>`.
    ///
    /// Tag names are matched without regard to case, and attributes are tolerated. A `<`
    /// that is not followed by a letter, `/` or `!` is text (`a < b`, `<3`). The finding
    /// points at the offending tag when its position in the file can be told (always for
    /// `|` and `>` blocks and plain or single-quoted strings), otherwise at the value.
    ///
    /// ## Why Partner Center rejects it
    /// The description is rendered as HTML on Azure Marketplace and in the Azure portal.
    /// Partner Center documents this list of supported tags and says that most of them
    /// need both an opening and a closing tag; the SaaS guideline adds `<em>`. Other markup
    /// is stripped or shown as text, and unclosed tags run into the rest of the page; the
    /// content validation in certification rejects listings that do not render cleanly.
    ///
    /// ## Example
    /// ```yaml
    /// listing:
    ///   description: |
    ///     <p>Contoso Hardened Ubuntu ships with <strong>CIS Level 1</strong> controls.
    ///     <ul><li>Monthly patches<li>FIPS-ready OpenSSL</ul>
    /// ```
    /// Use instead:
    /// ```yaml
    /// listing:
    ///   description: |
    ///     <p>Contoso Hardened Ubuntu ships with <b>CIS Level 1</b> controls.</p>
    ///     <ul><li>Monthly patches</li><li>FIPS-ready OpenSSL</li></ul>
    /// ```
    ///
    /// ## Source
    /// - Allowed HTML in description, the "Use HTML tags to format your description" table:
    ///   Microsoft, include `long-description-3.md` (2020-05),
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/includes/long-description-3.md>
    /// - Microsoft, Azure Marketplace listing guidelines,
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/marketplace-criteria-content-validation.md>
    RULE {
        id: "listing-description-html",
        area: Listing,
        severity: Error,
        kind: Document,
        summary: "only `b i em br p ul ol li h1-h6` tags, properly nested and closed (`br` may stand alone)",
        check: check,
    }
}

const PTR: &str = "/listing/description";
const ALLOWED: [&str; 14] = [
    "b", "i", "em", "br", "p", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6",
];
const ALLOWED_TEXT: &str = "b, i, em, br, p, ul, ol, li, h1-h6";

fn check(ctx: &mut Ctx) {
    let Some(text) = ctx.str(PTR) else { return };
    if ctx.from_env(PTR) {
        // Every message below quotes a piece of the text: say what, not where.
        let n = scan(text).len();
        if n > 0 {
            ctx.report(
                PTR,
                format!("listing.description (read from the environment) has {n} markup problem(s): tags other than {ALLOWED_TEXT}, or tags not closed or nested correctly"),
                "run offer-lint on the text written in the manifest to see each problem",
            );
        }
        return;
    }
    for p in scan(text) {
        let needle = &text[p.at..p.at + p.len];
        let message = format!("listing.description: {}", p.message);
        match super::text::locate(ctx, PTR, text, p.at, needle) {
            Some(span) => ctx.report_with(Severity::Error, At::Span(span), PTR, message, p.help),
            None => ctx.report(PTR, message, p.help),
        }
    }
}

/// One problem in the markup, at a byte range of the decoded text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub at: usize,
    pub len: usize,
    pub message: String,
    pub help: String,
}

/// A tag as written: its name (lowercase), where it is, and its form.
struct Tag {
    at: usize,
    len: usize,
    name: String,
    closing: bool,
    self_closing: bool,
}

/// An open element on the stack.
struct Open {
    at: usize,
    len: usize,
    name: String,
}

/// Scans `text` for unsupported, unclosed and misnested tags.
pub fn scan(text: &str) -> Vec<Problem> {
    let mut out = Vec::new();
    let mut stack: Vec<Open> = Vec::new();
    // Disallowed tag names already reported, with the index of their finding.
    let mut disallowed: Vec<(String, usize, usize)> = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(rel) = text[i..].find('<') {
        let at = i + rel;
        let next = bytes.get(at + 1).copied();
        let after = bytes.get(at + 2).copied();
        let starts_tag = match next {
            Some(b'/') => after.is_some_and(|b| b.is_ascii_alphabetic()),
            Some(b'!') | Some(b'?') => true,
            Some(b) => b.is_ascii_alphabetic(),
            None => false,
        };
        if !starts_tag {
            i = at + 1;
            continue;
        }
        if matches!(next, Some(b'!') | Some(b'?')) {
            let end = if text[at..].starts_with("<!--") {
                text[at + 4..].find("-->").map(|e| at + 4 + e + 3)
            } else {
                text[at..].find('>').map(|e| at + e + 1)
            };
            let end = end.unwrap_or(text.len());
            let what = if text[at..].starts_with("<!--") {
                "an HTML comment"
            } else {
                "a markup declaration"
            };
            let shown: String = text[at..end].chars().take(40).collect();
            out.push(Problem {
                at,
                len: end - at,
                message: format!("`{shown}` is {what}; only the tags {ALLOWED_TEXT} are supported"),
                help: "remove it; the description is shown to customers as written".into(),
            });
            i = end;
            continue;
        }
        let Some(tag) = read_tag(text, at) else {
            let shown: String = text[at..]
                .chars()
                .take(20)
                .take_while(|c| *c != '\n')
                .collect();
            out.push(Problem {
                at,
                len: shown.len(),
                message: format!("the tag `{shown}` is never closed with `>`"),
                help: "end the tag with `>`, or write `&lt;` for a literal `<`".into(),
            });
            i = at + 1;
            continue;
        };
        i = tag.at + tag.len;
        let written = text[tag.at..tag.at + tag.len].to_string();
        if !ALLOWED.contains(&tag.name.as_str()) {
            match disallowed.iter_mut().find(|(n, _, _)| *n == tag.name) {
                Some(_) if tag.closing => {}
                Some((_, idx, count)) => {
                    *count += 1;
                    let name = tag.name.clone();
                    out[*idx].message = disallowed_message(&name, *count);
                }
                None => {
                    disallowed.push((tag.name.clone(), out.len(), 1));
                    out.push(Problem {
                        at: tag.at,
                        len: tag.len,
                        message: disallowed_message(&tag.name, 1),
                        help: help_for(&tag.name),
                    });
                }
            }
            continue;
        }
        if tag.name == "br" {
            if tag.closing {
                out.push(Problem {
                    at: tag.at,
                    len: tag.len,
                    message: format!(
                        "`{written}` is not a tag; `<br>` stands alone and has no closing tag"
                    ),
                    help: "write `<br>` (or `<br/>`) for a line break".into(),
                });
            }
            continue;
        }
        if tag.closing {
            match stack.iter().rposition(|o| o.name == tag.name) {
                None => out.push(Problem {
                    at: tag.at,
                    len: tag.len,
                    message: format!("`{written}` closes a `<{}>` that is not open", tag.name),
                    help: "remove the closing tag, or add the opening tag it belongs to".into(),
                }),
                Some(pos) => {
                    if pos + 1 != stack.len() {
                        let inner = &stack[stack.len() - 1];
                        out.push(Problem {
                            at: tag.at,
                            len: tag.len,
                            message: format!(
                                "`{written}` closes `<{}>` while `<{}>` inside it is still open; tags must be closed in the reverse order of opening",
                                tag.name, inner.name
                            ),
                            help: format!("close `<{}>` before `{written}`", inner.name),
                        });
                    }
                    stack.truncate(pos);
                }
            }
            continue;
        }
        if tag.self_closing {
            out.push(Problem {
                at: tag.at,
                len: tag.len,
                message: format!(
                    "`{written}` is self-closing; only `<br/>` may be written that way"
                ),
                help: format!(
                    "write `<{0}>…</{0}>`, or remove the empty element",
                    tag.name
                ),
            });
            continue;
        }
        if tag.name == "li"
            && !stack
                .last()
                .is_some_and(|o| o.name == "ul" || o.name == "ol")
        {
            let inside = stack
                .last()
                .map(|o| format!("inside `<{}>`", o.name))
                .unwrap_or_else(|| "outside any list".into());
            out.push(Problem {
                at: tag.at,
                len: tag.len,
                message: format!(
                    "`{written}` is {inside}; a list item belongs directly inside `<ul>` or `<ol>`"
                ),
                help: "wrap the list items in `<ul>…</ul>` (bullets) or `<ol>…</ol>` (numbers)"
                    .into(),
            });
        }
        stack.push(Open {
            at: tag.at,
            len: tag.len,
            name: tag.name,
        });
    }
    for open in stack {
        let written = &text[open.at..open.at + open.len];
        out.push(Problem {
            at: open.at,
            len: open.len,
            message: format!("`{written}` is never closed"),
            help: format!("add `</{}>` where the element ends", open.name),
        });
    }
    out.sort_by_key(|p| p.at);
    out
}

fn disallowed_message(name: &str, count: usize) -> String {
    let times = if count > 1 {
        format!(" ({count} times)")
    } else {
        String::new()
    };
    format!("the tag `<{name}>` is not supported{times}; only {ALLOWED_TEXT} are")
}

fn help_for(name: &str) -> String {
    match name {
        "strong" => "use `<b>` for bold text".into(),
        "u" | "span" | "font" | "div" | "section" => {
            "remove the tag; use `<p>` for paragraphs and `<b>`/`<i>` for emphasis".into()
        }
        "a" => "remove the link; put links in `generalLinks` instead".into(),
        "img" => "remove the image; add screenshots under `media.screenshots` instead".into(),
        "table" | "tr" | "td" | "th" | "thead" | "tbody" => {
            "rewrite the table as a list (`<ul>`/`<li>`)".into()
        }
        _ => format!("remove `<{name}>` or replace it by one of {ALLOWED_TEXT}"),
    }
}

/// Reads the tag starting at `at` (`<` then a letter, or `</` then a letter); `None` when
/// the `>` is missing.
fn read_tag(text: &str, at: usize) -> Option<Tag> {
    let bytes = text.as_bytes();
    let closing = bytes.get(at + 1) == Some(&b'/');
    let name_start = at + if closing { 2 } else { 1 };
    let mut j = name_start;
    while j < bytes.len() && (bytes[j].is_ascii_alphanumeric() || bytes[j] == b'-') {
        j += 1;
    }
    let name = text[name_start..j].to_ascii_lowercase();
    let mut quote: Option<u8> = None;
    while j < bytes.len() {
        let b = bytes[j];
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'"' || b == b'\'' => quote = Some(b),
            None if b == b'>' => {
                let inner = text[name_start..j].trim_end();
                let self_closing = !closing && inner.ends_with('/');
                return Some(Tag {
                    at,
                    len: j + 1 - at,
                    name,
                    closing,
                    self_closing,
                });
            }
            // A new tag starts before this one ended: it is missing its `>`.
            None if b == b'<' => return None,
            None => {}
        }
        j += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::scan;

    fn messages(text: &str) -> Vec<String> {
        scan(text).into_iter().map(|p| p.message).collect()
    }

    #[test]
    fn clean_markup_passes() {
        let ok = "<p>Hello <b>bold</b> and <I>it</I><em>x</em></p>\n<ul><li>a</li><li>b<br>c<br/>d<br />e</li></ul>\
                  <ol><li>x</li></ol><h1>t</h1><h6>s</h6> a < b, <3 &amp; <p class=\"x\">y</p>";
        assert_eq!(messages(ok), Vec::<String>::new());
    }

    #[test]
    fn reports_each_kind() {
        let m = messages("<div>x</div><div>y</div>");
        assert_eq!(m.len(), 1, "{m:?}");
        assert!(m[0].contains("`<div>` is not supported (2 times)"), "{m:?}");
        let m = messages("<p>x");
        assert!(m[0].contains("`<p>` is never closed"), "{m:?}");
        let m = messages("x</p>");
        assert!(m[0].contains("closes a `<p>` that is not open"), "{m:?}");
        let m = messages("<b><i>x</b></i>");
        assert_eq!(m.len(), 2, "{m:?}");
        assert!(
            m[0].contains("while `<i>` inside it is still open"),
            "{m:?}"
        );
        let m = messages("<li>x</li>");
        assert!(m[0].contains("outside any list"), "{m:?}");
        let m = messages("a</br>b");
        assert!(m[0].contains("has no closing tag"), "{m:?}");
        let m = messages("<p/>");
        assert!(m[0].contains("self-closing"), "{m:?}");
        let m = messages("<p>x</p><b");
        assert!(m[0].contains("never closed with `>`"), "{m:?}");
        let m = messages("<!-- hidden -->");
        assert!(m[0].contains("HTML comment"), "{m:?}");
    }

    #[test]
    fn positions_are_byte_offsets_of_the_tag() {
        let p = scan("<p>é <span>x</span></p>");
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].at, 6);
        assert_eq!(p[0].len, 6);
    }
}
