//! `--format github`: GitHub Actions workflow commands, one annotation per finding, and the
//! pieces of GitHub mode that write the job summary and step outputs.
//!
//! ```text
//! ::error file=offers/x/offer.yaml,line=24,endLine=24,col=24,endColumn=135,title=offer-lint (listing-summary-length)::listing.searchResultSummary is 111 characters; ...
//! ```
//!
//! `col`/`endColumn` are given only when a finding starts and ends on one line: GitHub
//! rejects an annotation that spans lines and has columns.

use std::io::Write;
use std::path::Path;

use crate::finding::{Finding, Severity, Totals};
use crate::lint::Outcome;
use crate::report::RepoPaths;

/// GitHub shows at most this many annotations of each kind (error, warning, notice) per step.
pub const PER_STEP: usize = 10;
/// ... and at most this many in all per job.
pub const PER_JOB: usize = 50;
/// GitHub refuses a step summary larger than 1 MiB.
pub const SUMMARY_LIMIT: usize = 1024 * 1024;

/// The workflow command for a severity.
pub fn command(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

/// Escapes a workflow command's message (the data after `::`); control characters from the
/// checkout are shown escaped, as in every other output, and `##[` (a command of the older
/// syntax, which the runner looks for anywhere in a line) is broken up.
pub fn escape_data(s: &str) -> String {
    crate::escape::control(s)
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
        .replace("##[", "##%5B")
}

/// Escapes a workflow command property value (also `:` and `,`, which delimit properties).
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// One annotation line for a finding whose repository-relative path is `path`.
pub fn annotation(f: &Finding, path: &str) -> String {
    let line = f.start.line.max(1);
    let end_line = f.end.line.max(line);
    let mut props = format!(
        "file={},line={line},endLine={end_line}",
        escape_property(path)
    );
    if end_line == line {
        let col = f.start.column.max(1);
        let end_col = f.end.column.max(col);
        props.push_str(&format!(",col={col},endColumn={end_col}"));
    }
    props.push_str(&format!(
        ",title={}",
        escape_property(&format!("offer-lint ({})", f.rule))
    ));
    let mut message = f.message.clone();
    if let Some(h) = f.help.as_deref().filter(|h| !h.is_empty()) {
        message.push_str("\nhelp: ");
        message.push_str(h);
    }
    format!(
        "::{} {props}::{}",
        command(f.severity),
        escape_data(&message)
    )
}

/// Every finding as an annotation, one per line, in file order.
pub fn render(outcome: &Outcome) -> String {
    let mut paths = RepoPaths::default();
    let mut out = String::new();
    for f in outcome.findings() {
        let path = paths.get(&f.path);
        out.push_str(&annotation(f, &path));
        out.push('\n');
    }
    out
}

/// How many findings GitHub will not show as annotations, with what the run printed.
pub fn hidden(t: Totals) -> usize {
    let per_step = t.errors.saturating_sub(PER_STEP)
        + t.warnings.saturating_sub(PER_STEP)
        + t.infos.saturating_sub(PER_STEP);
    let shown = t.errors.min(PER_STEP) + t.warnings.min(PER_STEP) + t.infos.min(PER_STEP);
    per_step + shown.saturating_sub(PER_JOB)
}

/// True when `GITHUB_ACTIONS=true`, as the runner sets it.
pub fn detected() -> bool {
    std::env::var("GITHUB_ACTIONS").is_ok_and(|v| v == "true")
}

/// `https://github.com/OWNER/REPO/blob/SHA/` from the runner's variables, for links.
pub fn link_base() -> Option<String> {
    let server = std::env::var("GITHUB_SERVER_URL")
        .ok()
        .filter(|s| !s.is_empty())?;
    let repo = std::env::var("GITHUB_REPOSITORY")
        .ok()
        .filter(|s| !s.is_empty())?;
    let sha = std::env::var("GITHUB_SHA").ok().filter(|s| !s.is_empty())?;
    Some(format!(
        "{}/{repo}/blob/{sha}/",
        server.trim_end_matches('/')
    ))
}

/// Appends `text` to the file `$GITHUB_STEP_SUMMARY` names. A summary over GitHub's limit is
/// replaced by a short note, as GitHub would drop it whole.
pub fn append_summary(path: &Path, text: &str) -> std::io::Result<()> {
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)?;
    if text.len() > SUMMARY_LIMIT - 1024 {
        let note = format!(
            "## offer-lint\n\nThe summary is {} bytes, over GitHub's limit of 1 MiB per step, so it is not shown here. \
             Every finding is in the step's log (and in the SARIF file, when one is written).\n",
            text.len()
        );
        f.write_all(note.as_bytes())
    } else {
        f.write_all(text.as_bytes())
    }
}

/// Appends step outputs (`name=value` lines) to the file `$GITHUB_OUTPUT` names.
pub fn append_outputs(path: &Path, outputs: &[(&str, String)]) -> std::io::Result<()> {
    let mut text = String::new();
    for (name, value) in outputs {
        if value.contains('\n') || value.contains('\r') {
            // The multi-line form, with a delimiter that the value cannot contain.
            let mut delim = String::from("OFFER_LINT_EOF");
            while value.contains(&delim) {
                delim.push('_');
            }
            text.push_str(&format!("{name}<<{delim}\n{value}\n{delim}\n"));
        } else {
            text.push_str(&format!("{name}={value}\n"));
        }
    }
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)?;
    f.write_all(text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::{Position, Span};

    fn finding(start: (usize, usize), end: (usize, usize)) -> Finding {
        Finding {
            rule: "listing-summary-length",
            severity: Severity::Warning,
            path: "a,b:c.yaml".into(),
            span: Span::new(0, 1),
            start: Position {
                line: start.0,
                column: start.1,
            },
            end: Position {
                line: end.0,
                column: end.1,
            },
            pointer: "/listing".into(),
            message: "100% too long\nreally".into(),
            help: Some("shorten it".into()),
            label: String::new(),
        }
    }

    #[test]
    fn one_line_findings_have_columns() {
        let f = finding((3, 5), (3, 9));
        assert_eq!(
            annotation(&f, "a,b:c.yaml"),
            "::warning file=a%2Cb%3Ac.yaml,line=3,endLine=3,col=5,endColumn=9,title=offer-lint (listing-summary-length)::100%25 too long%0Areally%0Ahelp: shorten it"
        );
    }

    #[test]
    fn multi_line_findings_have_no_columns() {
        let f = finding((3, 5), (4, 2));
        let a = annotation(&f, "x.yaml");
        assert!(
            a.starts_with("::warning file=x.yaml,line=3,endLine=4,title="),
            "{a}"
        );
        assert!(!a.contains("col="));
    }

    #[test]
    fn hidden_counts_the_caps() {
        let t = Totals {
            errors: 12,
            warnings: 3,
            infos: 0,
        };
        assert_eq!(hidden(t), 2);
        assert_eq!(
            hidden(Totals {
                errors: 10,
                warnings: 10,
                infos: 10
            }),
            0
        );
    }
}
