//! `--format json`: the stable contract for tools (version 1).

use serde::Serialize;

use crate::lint::Outcome;

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    files: usize,
    diagnostics: Vec<Diagnostic<'a>>,
    offers: Vec<Offer<'a>>,
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
    /// The projected publishing timeline (spec/timeline.md); null if none was projected.
    timeline: Option<serde_json::Value>,
}

pub fn render(outcome: &Outcome) -> String {
    let doc = Document {
        version: 1,
        files: outcome.files.len(),
        diagnostics: outcome
            .findings()
            .map(|f| Diagnostic {
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
            })
            .collect(),
        offers: outcome
            .files
            .iter()
            .filter_map(|f| {
                f.offer.as_ref().map(|o| Offer {
                    id: &o.id,
                    path: &f.display,
                    timeline: o
                        .timeline
                        .as_ref()
                        .map(crate::timeline::render::json::timeline),
                })
            })
            .collect(),
    };
    let mut s =
        serde_json::to_string_pretty(&doc).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}
