//! `--format json`: the stable contract for tools (version 1).

use serde::Serialize;

use crate::lint::Outcome;
use crate::report::Seq;

#[derive(Serialize)]
#[serde(bound = "Seq<D>: Serialize, Seq<O>: Serialize")]
struct Document<D, O> {
    version: u32,
    files: usize,
    diagnostics: Seq<D>,
    offers: Seq<O>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Diagnostic<'a> {
    rule: &'a str,
    severity: &'a str,
    path: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    pointer: &'a str,
    message: &'a str,
    help: Option<&'a str>,
}

#[derive(Serialize)]
struct Offer<'a> {
    id: &'a str,
    path: &'a str,
    /// The projected publishing timeline (docs/timeline.md); null if none was projected.
    timeline: Option<serde_json::Value>,
}

/// Writes the document as it is serialised.
pub fn write(outcome: &Outcome, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    let doc = Document {
        version: 1,
        files: outcome.files.len(),
        diagnostics: Seq::new(outcome.findings().map(|f| Diagnostic {
            rule: f.rule,
            severity: f.severity.as_str(),
            path: &f.path,
            line: f.start.line,
            column: f.start.column,
            end_line: f.end.line,
            end_column: f.end.column,
            pointer: &f.pointer,
            message: &f.message,
            help: f.help.as_deref(),
        })),
        offers: Seq::new(outcome.files.iter().filter_map(|f| {
            f.offer.as_ref().map(|o| Offer {
                id: &o.id,
                path: &f.display,
                timeline: o
                    .timeline
                    .as_ref()
                    .map(crate::timeline::render::json::timeline),
            })
        })),
    };
    serde_json::to_writer_pretty(&mut *w, &doc)?;
    w.write_all(b"\n")
}
