//! `--format junit`: JUnit XML for CI test reports.
//!
//! A `<testsuite>` per file, a `<testcase>` per rule that reported on it (the class name is
//! the offer id, or the path when the file declares none; the name is the rule id), or one
//! passing `offer-lint` test case for a file with no finding: listing every rule that ran
//! for every offer made a report of 100,000 small offers 924 MB. A rule fails its test case
//! when it has a finding at or above the fail level; findings below it are listed in the
//! test case's `<system-out>`.

use crate::finding::Finding;
use crate::lint::Outcome;
use crate::report::Context;

/// Escapes text for an XML attribute value; drops characters XML 1.0 forbids.
pub fn escape(s: &str) -> String {
    escape_xml(s, true)
}

/// Escapes text for XML element content.
pub fn escape_text(s: &str) -> String {
    escape_xml(s, false)
}

fn escape_xml(s: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '\'' if attribute => out.push_str("&apos;"),
            '\n' | '\r' | '\t' if attribute => out.push_str(&format!("&#{};", c as u32)),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

fn describe(f: &Finding) -> String {
    let mut s = format!(
        "{}:{}:{}: {}: {}",
        f.path, f.start.line, f.start.column, f.severity, f.message
    );
    if let Some(h) = &f.help {
        s.push_str("\nhelp: ");
        s.push_str(h);
    }
    s
}

/// The rules that reported on a file, in the order of their first finding, or the one
/// passing `offer-lint` case for a file with no finding.
fn cases(file: &crate::check::FileReport) -> Vec<&str> {
    let mut ids: Vec<&str> = Vec::new();
    for f in &file.findings {
        if !ids.contains(&f.rule) {
            ids.push(f.rule);
        }
    }
    if ids.is_empty() {
        ids.push("offer-lint");
    }
    ids
}

/// Test cases and failing test cases of a file.
fn counts(file: &crate::check::FileReport, ctx: &Context) -> (usize, usize) {
    let ids = cases(file);
    let failing = ids
        .iter()
        .filter(|id| {
            file.findings
                .iter()
                .any(|f| f.rule == **id && ctx.fail_on.fails(f.severity))
        })
        .count();
    (ids.len(), failing)
}

/// Writes the report to `w` suite by suite; the totals the root element carries are counted
/// first, in a pass that builds no text.
pub fn write(outcome: &Outcome, ctx: &Context, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    let counted: Vec<(usize, usize)> = outcome.files.iter().map(|f| counts(f, ctx)).collect();
    let (all_tests, all_failures) = counted.iter().fold((0, 0), |(t, f), (a, b)| (t + a, f + b));
    write!(
        w,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"offer-lint\" tests=\"{all_tests}\" failures=\"{all_failures}\" errors=\"0\">\n"
    )?;
    for (file, &(tests, failures)) in outcome.files.iter().zip(&counted) {
        let class = file
            .offer
            .as_ref()
            .map(|o| o.id.as_str())
            .unwrap_or(file.display.as_str());
        writeln!(
            w,
            "  <testsuite name=\"{}\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\" skipped=\"0\" time=\"0\">",
            escape(&file.display)
        )?;
        for id in cases(file) {
            let found: Vec<&Finding> = file.findings.iter().filter(|f| f.rule == id).collect();
            let (failing, other): (Vec<&Finding>, Vec<&Finding>) = found
                .into_iter()
                .partition(|f| ctx.fail_on.fails(f.severity));
            write!(
                w,
                "    <testcase name=\"{}\" classname=\"{}\" file=\"{}\" time=\"0\"",
                escape(id),
                escape(class),
                escape(&file.display)
            )?;
            if failing.is_empty() && other.is_empty() {
                w.write_all(b"/>\n")?;
                continue;
            }
            w.write_all(b">\n")?;
            if let Some(first) = failing.first() {
                let text: Vec<String> = failing.iter().map(|f| describe(f)).collect();
                writeln!(
                    w,
                    "      <failure type=\"{}\" message=\"{}\">{}</failure>",
                    first.severity,
                    escape(&first.message),
                    escape_text(&text.join("\n"))
                )?;
            }
            if !other.is_empty() {
                let text: Vec<String> = other.iter().map(|f| describe(f)).collect();
                writeln!(
                    w,
                    "      <system-out>{}</system-out>",
                    escape_text(&text.join("\n"))
                )?;
            }
            w.write_all(b"    </testcase>\n")?;
        }
        w.write_all(b"  </testsuite>\n")?;
    }
    w.write_all(b"</testsuites>\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_control_characters() {
        assert_eq!(
            escape("<a href=\"x\">&'\u{1}"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&apos;"
        );
    }
}
