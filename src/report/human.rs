//! Human output: miette's graphical (or narrated) report per finding, then a summary line.

use std::fmt;

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, NarratableReportHandler,
    ReportHandler, SourceCode,
};

use crate::finding::{Finding, Severity, Totals};
use crate::lint::Outcome;
use crate::report::Style;

struct Shown<'a> {
    finding: &'a Finding,
    source: &'a NamedSource<String>,
}

impl fmt::Debug for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.finding.message)
    }
}

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.finding.message)
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
        self.finding.help.as_ref().map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let s = self.finding.span;
        let label = (!self.finding.label.is_empty()).then(|| self.finding.label.clone());
        Some(Box::new(std::iter::once(LabeledSpan::new_primary_with_span(
            label,
            (s.start, s.len()),
        ))))
    }
}

/// Renders every finding and the summary line.
pub fn render(outcome: &Outcome, style: &Style) -> String {
    let mut out = String::new();
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
        let text = file.source.as_ref().map(|s| s.text.clone()).unwrap_or_default();
        let source = NamedSource::new(&file.display, text).with_language("yaml");
        for finding in &file.findings {
            let shown = Shown { finding, source: &source };
            let mut buf = String::new();
            let ok = if style.narrated {
                narrated.render_report(&mut buf, &shown)
            } else {
                graphical.render_report(&mut buf, &shown)
            };
            if ok.is_err() {
                buf = format!("{}:{}:{}: {} [{}]\n", finding.path, finding.start.line, finding.start.column, finding.message, finding.rule);
            }
            // The header line gets the location, which miette shows only inside the box.
            out.push_str(&format!(
                "{}:{}:{}\n",
                finding.path, finding.start.line, finding.start.column
            ));
            out.push_str(&buf);
            out.push('\n');
        }
    }
    out.push_str(&summary(outcome.totals(), outcome.files.len(), outcome.offers()));
    out.push('\n');
    out
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
