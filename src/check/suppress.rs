//! Inline suppressions in YAML comments:
//!
//! ```yaml
//! # offer-lint: disable-next-line listing-summary-length -- approved by marketing
//! # offer-lint: disable media-logo-large,media-logo-size -- logos are replaced at publish
//! # offer-lint: enable media-logo-large,media-logo-size
//! # offer-lint: disable-file cert -- the image is certified separately
//! ```
//!
//! Ids are rule ids or rule areas. A directive without a reason after `--` is
//! `suppression-reason`; one that suppressed nothing is `suppression-unused`; one that cannot
//! be read is `suppression-invalid`.

use crate::finding::{Finding, Position, Severity, Span};
use crate::load::SourceFile;
use crate::rules::{self, Area, Kind, Rule};

/// Rules no comment can hide: a file that does not parse, a configuration that does not
/// read, and the suppression rules themselves. A comment is written by whoever wrote the
/// file, so hiding these would let a pull request turn the check green by breaking a file.
pub fn unsuppressible(rule: &Rule) -> bool {
    rule.kind == Kind::Suppression || rule.id == "manifest-syntax" || rule.id == "config-invalid"
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    Rule(&'static str),
    Area(Area),
}

impl Target {
    fn matches(self, rule: &Rule) -> bool {
        match self {
            Target::Rule(id) => id == rule.id,
            Target::Area(a) => a == rule.area,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Target::Rule(id) => id,
            Target::Area(a) => a.name(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scope {
    /// Findings starting on this line.
    Line(usize),
    /// Findings starting on lines `from..=to`.
    Lines(usize, usize),
    File,
}

#[derive(Debug, Clone)]
struct Directive {
    scope: Scope,
    targets: Vec<(Target, bool)>,
    span: Span,
    start: Position,
    end: Position,
}

/// A note about the directives themselves, positioned in the file.
#[derive(Debug, Clone)]
struct Problem {
    rule: &'static Rule,
    span: Span,
    start: Position,
    end: Position,
    message: String,
    help: String,
}

/// The suppressions of one file, with which of them have been used.
#[derive(Debug, Clone, Default)]
pub struct Suppressions {
    directives: Vec<Directive>,
    problems: Vec<Problem>,
}

/// The comment part of a line, if any, as a byte offset into the line.
fn comment_start(line: &str) -> Option<usize> {
    let (mut single, mut double) = (false, false);
    let mut prev_space = true;
    for (i, c) in line.char_indices() {
        match c {
            '\'' if !double => single = !single,
            '"' if !single => double = !double,
            '#' if !single && !double && prev_space => return Some(i),
            _ => {}
        }
        prev_space = c == ' ' || c == '\t';
    }
    None
}

impl Suppressions {
    pub fn is_empty(&self) -> bool {
        self.directives.is_empty() && self.problems.is_empty()
    }

    pub fn parse(source: &SourceFile) -> Suppressions {
        let mut s = Suppressions::default();
        // Most manifests have no directive: one search of the text instead of one per line.
        if !source.text.contains("offer-lint:") {
            return s;
        }
        let lines = source.line_count();
        // Open block directives: (index into directives, target) waiting for `enable`.
        let mut open: Vec<usize> = Vec::new();
        for line in 1..=lines {
            let ls = source.line_span(line);
            let text = &source.text[ls.start..ls.end];
            if !text.contains("offer-lint:") {
                continue;
            }
            let Some(hash) = comment_start(text) else {
                continue;
            };
            let comment = text[hash + 1..].trim_start();
            let Some(rest) = comment.strip_prefix("offer-lint:") else {
                continue;
            };
            let span = Span::new(ls.start + hash, ls.end);
            let start = source.position(span.start);
            let end = source.position(span.end);
            let problem =
                |s: &mut Suppressions, rule: &'static Rule, message: String, help: &str| {
                    s.problems.push(Problem {
                        rule,
                        span,
                        start,
                        end,
                        message,
                        help: help.to_string(),
                    })
                };
            let (body, reason) = match rest.split_once("--") {
                Some((b, r)) => (b.trim(), Some(r.trim())),
                None => (rest.trim(), None),
            };
            // A further comment after the ids (`# offer-lint: enable x  # end`) is not an id.
            let body = body.split('#').next().unwrap_or_default().trim();
            let mut words = body.splitn(2, char::is_whitespace);
            let verb = words.next().unwrap_or_default();
            let list = words.next().unwrap_or_default().trim();
            let invalid = &rules::suppression::suppression_invalid::RULE;
            if !matches!(
                verb,
                "disable-next-line" | "disable" | "enable" | "disable-file"
            ) {
                problem(
                    &mut s,
                    invalid,
                    format!("`{verb}` is not an offer-lint directive"),
                    "use disable-next-line, disable, enable or disable-file, followed by rule ids",
                );
                continue;
            }
            let mut targets = Vec::new();
            for id in list.split(',').map(str::trim).filter(|x| !x.is_empty()) {
                let t = match (rules::by_id(id), Area::parse(id)) {
                    (Some(r), _) if !unsuppressible(r) => Target::Rule(r.id),
                    (None, Some(a)) if a != Area::Suppression => Target::Area(a),
                    _ => {
                        let ids: Vec<String> =
                            rules::ALL.iter().map(|r| r.id.to_string()).collect();
                        let hint = crate::message::closest(id, &ids)
                            .map(|c| format!("did you mean `{c}`? "))
                            .unwrap_or_default();
                        problem(
                            &mut s,
                            invalid,
                            format!("`{id}` is not a rule id or rule area that can be suppressed"),
                            &format!("{hint}`offer-lint rules` lists the ids and areas"),
                        );
                        continue;
                    }
                };
                targets.push((t, false));
            }
            if targets.is_empty() {
                if !list.is_empty() {
                    continue; // every id was invalid, already reported
                }
                problem(
                    &mut s,
                    invalid,
                    format!("`{verb}` names no rule"),
                    "name the rule ids (comma-separated) that the directive applies to",
                );
                continue;
            }
            if verb != "enable" && reason.is_none_or(str::is_empty) {
                problem(
                    &mut s,
                    &rules::suppression::suppression_reason::RULE,
                    format!("this `{verb}` gives no reason"),
                    "say why after ` -- `, e.g. `# offer-lint: disable-next-line <id> -- approved exception`",
                );
            }
            match verb {
                "disable-next-line" => {
                    // The next line that holds something other than a comment.
                    let target = (line + 1..=lines)
                        .find(|&l| {
                            let t =
                                &source.text[source.line_span(l).start..source.line_span(l).end];
                            let t = t.trim_start();
                            !t.is_empty() && !t.starts_with('#')
                        })
                        .unwrap_or(line + 1);
                    s.directives.push(Directive {
                        scope: Scope::Line(target),
                        targets,
                        span,
                        start,
                        end,
                    });
                }
                "disable-file" => {
                    s.directives.push(Directive {
                        scope: Scope::File,
                        targets,
                        span,
                        start,
                        end,
                    });
                }
                "disable" => {
                    open.push(s.directives.len());
                    s.directives.push(Directive {
                        scope: Scope::Lines(line, usize::MAX),
                        targets,
                        span,
                        start,
                        end,
                    });
                }
                _ => {
                    // `enable` closes the open blocks of the targets it names.
                    let mut closed = false;
                    for &i in open.iter().rev() {
                        let d = &mut s.directives[i];
                        if let Scope::Lines(from, usize::MAX) = d.scope {
                            if targets
                                .iter()
                                .all(|(t, _)| d.targets.iter().any(|(u, _)| u == t))
                            {
                                d.scope = Scope::Lines(from, line);
                                closed = true;
                                break;
                            }
                        }
                    }
                    open.retain(|&i| matches!(s.directives[i].scope, Scope::Lines(_, usize::MAX)));
                    if !closed {
                        problem(
                            &mut s,
                            invalid,
                            "this `enable` has no matching `disable` above it".into(),
                            "remove it, or add `# offer-lint: disable <ids> -- <reason>` before the block",
                        );
                    }
                }
            }
        }
        s
    }

    /// True when a directive covers the finding; that directive counts as used.
    pub fn suppresses(&mut self, f: &Finding) -> bool {
        let Some(rule) = rules::by_id(f.rule) else {
            return false;
        };
        if unsuppressible(rule) {
            return false;
        }
        let line = f.start.line;
        let mut hit = false;
        for d in &mut self.directives {
            let covers = match d.scope {
                Scope::Line(l) => l == line,
                Scope::Lines(a, b) => a <= line && line <= b,
                Scope::File => true,
            };
            if !covers {
                continue;
            }
            for (t, used) in &mut d.targets {
                if t.matches(rule) {
                    *used = true;
                    hit = true;
                }
            }
        }
        hit
    }

    /// The warnings about the directives: unparsable, reason-less, and unused ones.
    pub fn leftovers(&self, path: &str) -> Vec<Finding> {
        let mut out: Vec<Finding> = self
            .problems
            .iter()
            .map(|p| {
                finding(
                    p.rule,
                    path,
                    p.span,
                    p.start,
                    p.end,
                    p.message.clone(),
                    p.help.clone(),
                )
            })
            .collect();
        let unused = &rules::suppression::suppression_unused::RULE;
        for d in &self.directives {
            let names: Vec<&str> = d
                .targets
                .iter()
                .filter(|(_, used)| !used)
                .map(|(t, _)| t.name())
                .collect();
            if names.is_empty() {
                continue;
            }
            out.push(finding(
                unused,
                path,
                d.span,
                d.start,
                d.end,
                format!(
                    "this suppression of `{}` suppressed nothing",
                    names.join("`, `")
                ),
                "remove the suppression (or the ids that no longer fire), or fix the rule id"
                    .into(),
            ));
        }
        out
    }
}

fn finding(
    rule: &'static Rule,
    path: &str,
    span: Span,
    start: Position,
    end: Position,
    message: String,
    help: String,
) -> Finding {
    Finding {
        rule: rule.id,
        severity: rule.severity,
        path: path.to_string(),
        span,
        start,
        end,
        pointer: String::new(),
        message,
        help: Some(help),
        label: String::new(),
    }
}

/// The default severity of the suppression rules (for documentation).
pub const SEVERITY: Severity = Severity::Warning;
