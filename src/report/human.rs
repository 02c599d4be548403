//! Human output: miette's graphical (or narrated) report per finding, then a summary line.

use std::fmt;

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, NarratableReportHandler,
    ReportHandler, SourceCode,
};

use crate::escape;
use crate::finding::{Finding, Severity, Totals};
use crate::lint::Outcome;
use crate::report::Style;

struct Shown<'a> {
    finding: &'a Finding,
    source: Excerpt,
    /// The finding's span within the excerpt.
    span: (usize, usize),
}

/// The lines around a finding, long lines cut to a window around the label, keeping the
/// real line numbers: a minified 40 KB line must not flood the terminal.
struct Excerpt {
    name: String,
    text: String,
    /// 0-based number of the excerpt's first line in the file.
    first_line: usize,
    /// The finding's span in the excerpt and its real 0-based column in the file.
    primary: (usize, usize),
    column: usize,
}

impl SourceCode for Excerpt {
    fn read_span<'a>(
        &'a self,
        span: &miette::SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
        let c = self.text.read_span(span, before, after)?;
        // The header's line:column comes from the primary span read without context; a
        // windowed line must still show the column in the file.
        let column = if before == 0 && after == 0 && span.offset() == self.primary.0 {
            self.column
        } else {
            c.column()
        };
        Ok(Box::new(miette::MietteSpanContents::new_named(
            self.name.clone(),
            c.data(),
            *c.span(),
            c.line() + self.first_line,
            column,
            c.line_count(),
        )))
    }
}

const MAX_LINE: usize = 160;

/// Builds the excerpt for `f` from the file text: one line of context on each side.
fn excerpt(f: &Finding, file: &crate::load::SourceFile) -> (Excerpt, (usize, usize)) {
    let first = f.start.line.saturating_sub(1).max(1);
    // A final newline does not start a line worth showing.
    let lines = file.line_count() - usize::from(file.text.ends_with('\n'));
    let last = (f.end.line + 1)
        .min(lines.max(1))
        .min(f.start.line + 8)
        .max(first);
    let mut text = String::new();
    let mut span = (0, 0);
    for line in first..=last {
        let ls = file.line_span(line);
        let full = &file.text[ls.start..ls.end];
        // The part of the line to show, as a byte range of `full`.
        let (from, to) = if full.len() <= MAX_LINE {
            (0, full.len())
        } else {
            let anchor = if (ls.start..=ls.end).contains(&f.span.start) {
                f.span.start - ls.start
            } else {
                0
            };
            let from = floor(full, anchor.saturating_sub(MAX_LINE / 3));
            let to = floor(full, (from + MAX_LINE).min(full.len()));
            (from, to)
        };
        let base = text.len();
        if from > 0 {
            text.push('…');
        }
        let shown_start = text.len();
        // Control characters of the line are shown escaped; offsets into the shown line
        // are the lengths of the escaped text before them.
        let shown = |a: usize, b: usize| escape::control(&full[a..b]).len();
        text.push_str(&escape::control(&full[from..to]));
        if to < full.len() {
            text.push('…');
        }
        // Map the finding's span into the excerpt.
        let abs_from = ls.start + from;
        let abs_to = ls.start + to;
        if f.span.start >= abs_from && f.span.start <= abs_to {
            let clamp = |x: usize| floor(full, x.min(to));
            let s_rel = clamp(f.span.start - ls.start);
            let e_rel = clamp(f.span.end.min(abs_to).max(f.span.start) - ls.start).max(s_rel);
            let s = shown_start + shown(from, s_rel);
            let e = s + shown(s_rel, e_rel);
            span = (s, e - s);
        } else if f.span.start < abs_from && f.span.start >= ls.start {
            span = (base, 0);
        }
        text.push('\n');
    }
    (
        Excerpt {
            name: escape::one_line(&f.path).into_owned(),
            text,
            first_line: first - 1,
            primary: span,
            column: f.start.column - 1,
        },
        span,
    )
}

fn floor(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

impl fmt::Debug for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&escape::control(&self.finding.message))
    }
}

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&escape::control(&self.finding.message))
    }
}

impl std::error::Error for Shown<'_> {}

impl Diagnostic for Shown<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(self.finding.rule))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.finding.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.finding
            .help
            .as_ref()
            .map(|h| Box::new(escape::control(h).into_owned()) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let label = (!self.finding.label.is_empty())
            .then(|| escape::one_line(&self.finding.label).into_owned());
        Some(Box::new(std::iter::once(
            LabeledSpan::new_primary_with_span(label, self.span),
        )))
    }
}

/// Writes every finding and the summary line to `w`, finding by finding, so that a large
/// run is never held whole.
pub fn write(outcome: &Outcome, style: &Style, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    let theme = match (style.unicode, style.color) {
        (true, true) => GraphicalTheme::unicode(),
        (true, false) => GraphicalTheme::unicode_nocolor(),
        (false, true) => GraphicalTheme::ascii(),
        (false, false) => GraphicalTheme::none(),
    };
    let graphical = GraphicalReportHandler::new_themed(theme)
        .with_width(style.width)
        .with_links(false)
        .with_context_lines(1);
    let narrated = NarratableReportHandler::new().with_context_lines(1);
    for file in &outcome.files {
        if file.findings.is_empty() {
            continue;
        }
        let empty = crate::load::SourceFile::new(file.display.clone(), String::new());
        let text = file.source.as_deref().unwrap_or(&empty);
        for finding in &file.findings {
            let (source, span) = excerpt(finding, text);
            let shown = Shown {
                finding,
                source,
                span,
            };
            let mut buf = String::new();
            let ok = if style.narrated {
                narrated.render_report(&mut buf, &shown)
            } else {
                graphical.render_report(&mut buf, &shown)
            };
            if ok.is_err() {
                buf = format!(
                    "{}:{}:{}: {} [{}]\n",
                    escape::one_line(&finding.path),
                    finding.start.line,
                    finding.start.column,
                    escape::one_line(&finding.message),
                    finding.rule
                );
            }
            w.write_all(buf.as_bytes())?;
            w.write_all(b"\n")?;
        }
    }
    // The publishing timeline: one line per offer (docs/timeline.md).
    for file in &outcome.files {
        if let Some((o, p)) = file
            .offer
            .as_ref()
            .and_then(|o| o.timeline.as_ref().map(|p| (o, p)))
        {
            writeln!(
                w,
                "{}",
                escape::one_line(&crate::timeline::render::line(&o.id, p))
            )?;
        }
    }
    writeln!(
        w,
        "{}",
        summary(outcome.totals(), outcome.files.len(), outcome.offers())
    )
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// "2 errors, 1 warning, 0 infos in 3 files (3 offers)".
pub fn summary(t: Totals, files: usize, offers: usize) -> String {
    format!(
        "{}, {}, {} in {} ({})",
        plural(t.errors, "error"),
        plural(t.warnings, "warning"),
        plural(t.infos, "info"),
        plural(files, "file"),
        plural(offers, "offer")
    )
}

#[allow(dead_code)]
fn _assert_handler(_: &dyn ReportHandler) {}
