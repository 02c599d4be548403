//! `--format markdown`: a CI job summary (`$GITHUB_STEP_SUMMARY`) or pull request comment.
//!
//! Totals, then every finding grouped by offer (never capped: this is where the findings
//! that GitHub does not annotate are seen), then each offer's publishing timeline.

use crate::escape;
use crate::finding::{Finding, Severity, Totals};
use crate::lint::Outcome;
use crate::report::github;
use crate::report::{by_offer, Context};

/// A value from the checkout (a path, an offer id, a message that may quote the manifest)
/// as a code span that nothing in it can end: no link, image or HTML of it renders.
fn code(s: &str) -> String {
    escape::md_code(s)
}

fn icon(s: Severity) -> &'static str {
    match s {
        Severity::Error => "❌",
        Severity::Warning => "⚠️",
        Severity::Info => "ℹ️",
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

fn counts(t: Totals) -> String {
    format!(
        "{}, {}, {}",
        plural(t.errors, "error"),
        plural(t.warnings, "warning"),
        plural(t.infos, "info")
    )
}

pub fn render(outcome: &Outcome, ctx: &Context) -> String {
    let totals = outcome.totals();
    let files = outcome.files.len();
    let offers = outcome.offers();
    let mut out = String::from("## offer-lint\n\n");
    let verdict = if outcome.findings().any(|f| ctx.fail_on.fails(f.severity)) {
        "❌"
    } else {
        "✅"
    };
    out.push_str(&format!(
        "{verdict} **{}** in {} ({})",
        counts(totals),
        plural(files, "file"),
        plural(offers, "offer")
    ));
    if let Some(b) = &ctx.baseline {
        out.push_str(&format!(", compared with {}", code(b)));
    }
    out.push_str(".\n\n");

    if ctx.github {
        let hidden = github::hidden(totals);
        if hidden > 0 {
            out.push_str(&format!(
                "> [!NOTE]\n> GitHub shows at most {} error, {} warning and {} notice annotations per step \
                 ({} per job): {} of this run are not annotated on the pull request. \
                 Every finding is listed below.\n\n",
                github::PER_STEP,
                github::PER_STEP,
                github::PER_STEP,
                github::PER_JOB,
                plural(hidden, "finding"),
            ));
        }
    }

    if files == 0 {
        out.push_str("No offer manifests were found.\n");
        return out;
    }

    let groups = by_offer(outcome);
    out.push_str("| Offer | File | Errors | Warnings | Infos |\n|---|---|--:|--:|--:|\n");
    for (offer, path, findings) in &groups {
        let t = Totals::of(findings.iter().copied());
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} |\n",
            offer.map(code).unwrap_or_else(|| "—".into()),
            code(path),
            t.errors,
            t.warnings,
            t.infos
        ));
    }
    out.push('\n');

    for (offer, path, findings) in &groups {
        if findings.is_empty() {
            continue;
        }
        let t = Totals::of(findings.iter().copied());
        let name = offer.map(code).unwrap_or_else(|| code(path));
        out.push_str(&format!("### {name}\n\n{} · {}\n\n", code(path), counts(t)));
        out.push_str("| | Rule | Line | Finding |\n|---|---|--:|---|\n");
        for f in findings {
            out.push_str(&row(f, ctx));
        }
        out.push('\n');
    }

    if let Some(timeline) = timeline_section(outcome) {
        out.push_str(&timeline);
    }
    out
}

fn row(f: &Finding, ctx: &Context) -> String {
    let line = match &ctx.link_base {
        Some(base) => format!(
            "[{}]({}{}#L{})",
            f.start.line,
            base,
            super::sarif::uri_path(&super::repo_relative(&f.path)),
            f.start.line
        ),
        None => f.start.line.to_string(),
    };
    let mut text = code(&f.message);
    if let Some(h) = f.help.as_deref().filter(|h| !h.is_empty()) {
        text.push_str("<br>");
        text.push_str(&format!("<sub>{}</sub>", code(h)));
    }
    format!(
        "| {} {} | `{}` | {} | {} |\n",
        icon(f.severity),
        f.severity,
        f.rule,
        line,
        text
    )
}

/// Each offer's publishing timeline (issue 4, `crate::timeline`) as a Markdown table and a
/// Mermaid `gantt` chart; `None` when no offer was projected. The findings part of the
/// summary does not depend on it.
fn timeline_section(outcome: &Outcome) -> Option<String> {
    let entries = crate::timeline::render::entries(outcome);
    (!entries.is_empty()).then(|| crate::timeline::render::markdown::render(&entries))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_cannot_break_the_table_or_render() {
        assert_eq!(code("a|b ![i](http://x)"), "`a\\|b ![i](http://x)`");
    }
}
