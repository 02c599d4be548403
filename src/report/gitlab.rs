//! `--format gitlab`: a GitLab Code Quality report (a JSON array of issues).
//!
//! Each issue has a fingerprint from rule, path, pointer and message (no line numbers, so it
//! survives edits above it); two identical findings get distinct fingerprints by hashing
//! again, as GitLab needs them unique. The description starts with the rule id because
//! GitLab does not show `check_name`.

use std::collections::HashSet;

use serde::Serialize;

use crate::finding::Severity;
use crate::lint::Outcome;
use crate::report::{fingerprint, Fnv1a, RepoPaths};

#[derive(Serialize)]
struct Issue<'a> {
    description: String,
    check_name: &'a str,
    fingerprint: String,
    severity: &'static str,
    location: Location,
}

#[derive(Serialize)]
struct Location {
    path: String,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: usize,
    end: usize,
}

/// Code Quality's severity for ours: info, minor, major (critical and blocker are unused).
pub fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "major",
        Severity::Warning => "minor",
        Severity::Info => "info",
    }
}

pub fn render(outcome: &Outcome) -> String {
    let mut paths = RepoPaths::default();
    let mut seen = HashSet::new();
    let issues: Vec<Issue> = outcome
        .findings()
        .map(|f| {
            let path = paths.get(&f.path);
            let mut hash = fingerprint(f, &path);
            while !seen.insert(hash) {
                let mut h = Fnv1a::default();
                h.write(&hash.to_le_bytes());
                hash = h.finish();
            }
            let begin = f.start.line.max(1);
            Issue {
                description: format!("{}: {}", f.rule, f.message),
                check_name: f.rule,
                fingerprint: format!("{hash:016x}"),
                severity: severity(f.severity),
                location: Location {
                    path,
                    lines: Lines {
                        begin,
                        end: f.end.line.max(begin),
                    },
                },
            }
        })
        .collect();
    let mut s = serde_json::to_string_pretty(&issues).unwrap_or_else(|_| "[]".into());
    s.push('\n');
    s
}
