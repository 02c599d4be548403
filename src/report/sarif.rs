//! `--format sarif`: SARIF 2.1.0, as GitHub code scanning and other SARIF viewers read it.
//!
//! One run; `tool.driver` names offer-lint and every rule that fired (with its documentation
//! as help); each finding is a result with a region in character columns and a partial
//! fingerprint that does not depend on line numbers.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::finding::Severity;
use crate::lint::Outcome;
use crate::report::{fingerprint, Context, RepoPaths, Seq};
use crate::rules::{self, Rule};

pub const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// The key of offer-lint's fingerprint in `partialFingerprints`.
pub const FINGERPRINT_KEY: &str = "offerLint/v1";

#[derive(Serialize)]
#[serde(bound = "Seq<R>: Serialize")]
struct Log<R> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<R>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase", bound = "Seq<R>: Serialize")]
struct Run<R> {
    tool: Tool,
    invocations: Vec<Invocation>,
    column_kind: &'static str,
    results: Seq<R>,
    #[serde(skip_serializing_if = "Option::is_none")]
    version_control_provenance: Option<Vec<Provenance>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Provenance {
    repository_uri: String,
    revision_id: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation {
    execution_successful: bool,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    information_uri: &'static str,
    rules: Vec<RuleDescriptor>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RuleDescriptor {
    id: &'static str,
    name: String,
    short_description: Text,
    full_description: Text,
    help: Help,
    default_configuration: Configuration,
    properties: RuleProperties,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
struct Help {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct RuleProperties {
    tags: Vec<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'a str,
    rule_index: usize,
    level: &'static str,
    message: Text,
    locations: Vec<Location>,
    partial_fingerprints: BTreeMap<&'static str, String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    physical_location: PhysicalLocation,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    uri_base_id: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
}

/// SARIF's level for a severity.
pub fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// Writes the log as it is serialised: the results are made one by one.
pub fn write(outcome: &Outcome, _ctx: &Context, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    // Every rule that fired, in id order, once.
    let mut fired: Vec<&'static Rule> = outcome
        .findings()
        .filter_map(|f| rules::by_id(f.rule))
        .collect();
    fired.sort_by_key(|r| r.id);
    fired.dedup_by_key(|r| r.id);
    let index: BTreeMap<&str, usize> = fired.iter().enumerate().map(|(i, r)| (r.id, i)).collect();

    let mut paths = RepoPaths::default();
    let results = outcome.findings().map(|f| {
        let path = paths.get(&f.path);
        let mut fingerprints = BTreeMap::new();
        fingerprints.insert(FINGERPRINT_KEY, format!("{:016x}", fingerprint(f, &path)));
        // SARIF lines and columns start at 1; an empty file still has line 1.
        let start_line = f.start.line.max(1);
        let start_column = f.start.column.max(1);
        let (end_line, end_column) = if (f.end.line, f.end.column) < (start_line, start_column) {
            (start_line, start_column)
        } else {
            (f.end.line, f.end.column.max(1))
        };
        SarifResult {
            rule_id: f.rule,
            rule_index: index.get(f.rule).copied().unwrap_or(0),
            level: level(f.severity),
            message: Text {
                text: sentence(&f.message, f.help.as_deref()),
            },
            locations: vec![Location {
                physical_location: PhysicalLocation {
                    artifact_location: ArtifactLocation {
                        uri: uri_path(&path),
                        uri_base_id: "%SRCROOT%",
                    },
                    region: Region {
                        start_line,
                        start_column,
                        end_line,
                        end_column,
                    },
                },
            }],
            partial_fingerprints: fingerprints,
        }
    });

    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: env!("CARGO_PKG_NAME"),
                    version: env!("CARGO_PKG_VERSION"),
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    information_uri: env!("CARGO_PKG_REPOSITORY"),
                    rules: fired.iter().map(|r| descriptor(r)).collect(),
                },
            },
            invocations: vec![Invocation {
                execution_successful: true,
            }],
            column_kind: "unicodeCodePoints",
            results: Seq::new(results),
            version_control_provenance: provenance(),
        }],
    };
    serde_json::to_writer_pretty(&mut *w, &log)?;
    w.write_all(b"\n")
}

/// In GitHub Actions, the repository and commit the results belong to.
fn provenance() -> Option<Vec<Provenance>> {
    let server = std::env::var("GITHUB_SERVER_URL").ok()?;
    let repo = std::env::var("GITHUB_REPOSITORY").ok()?;
    let sha = std::env::var("GITHUB_SHA").ok()?;
    if server.is_empty() || repo.is_empty() || sha.is_empty() {
        return None;
    }
    Some(vec![Provenance {
        repository_uri: format!("{}/{}", server.trim_end_matches('/'), repo),
        revision_id: sha,
    }])
}

fn descriptor(r: &'static Rule) -> RuleDescriptor {
    let doc = rules::documentation(r);
    let what = section(&doc, "What it checks").unwrap_or_else(|| r.summary.to_string());
    RuleDescriptor {
        id: r.id,
        name: pascal(r.id),
        short_description: Text {
            text: sentence(r.summary, None),
        },
        full_description: Text {
            text: sentence(&what, None),
        },
        help: Help {
            text: doc.clone(),
            markdown: doc,
        },
        default_configuration: Configuration {
            level: level(r.severity),
        },
        properties: RuleProperties {
            tags: vec![r.area.name()],
        },
    }
}

/// The text of a `## heading` section of a rule's documentation, as one paragraph.
fn section(doc: &str, heading: &str) -> Option<String> {
    let mut lines = doc
        .lines()
        .skip_while(|l| !(l.starts_with("## ") && l[3..].trim() == heading));
    lines.next()?;
    let body: Vec<&str> = lines
        .take_while(|l| !l.starts_with("## "))
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    (!body.is_empty()).then(|| body.join(" "))
}

/// `listing-summary-length` → `ListingSummaryLength` (SARIF's rule `name`).
fn pascal(id: &str) -> String {
    id.split('-')
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(first) => first.to_uppercase().chain(c).collect::<String>(),
                None => String::new(),
            }
        })
        .collect()
}

/// A message as SARIF wants it: a capitalised sentence ending with a period, followed by
/// the finding's help when it has one.
fn sentence(message: &str, help: Option<&str>) -> String {
    let mut s = message.trim().to_string();
    if s.is_empty() {
        s.push_str("(no message)");
    }
    if !s.ends_with(['.', '!', '?']) {
        s.push('.');
    }
    if let Some(h) = help.map(str::trim).filter(|h| !h.is_empty()) {
        s.push(' ');
        let mut c = h.chars();
        if let Some(first) = c.next() {
            s.extend(first.to_uppercase());
            s.push_str(c.as_str());
        }
        if !s.ends_with(['.', '!', '?']) {
            s.push('.');
        }
    }
    s
}

/// Percent-encodes a relative path for a URI reference, keeping `/` as the separator.
pub fn uri_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_sentences() {
        assert_eq!(pascal("listing-summary-length"), "ListingSummaryLength");
        assert_eq!(sentence("x is 3", Some("use 2")), "x is 3. Use 2.");
        assert_eq!(sentence("done.", None), "done.");
        assert_eq!(uri_path("a b/ü.yaml"), "a%20b/%C3%BC.yaml");
    }

    #[test]
    fn sections_of_documentation() {
        let doc = "## What it checks\nOne\nline.\n\n## Why\nBecause.";
        assert_eq!(section(doc, "What it checks").as_deref(), Some("One line."));
        assert_eq!(section(doc, "Missing"), None);
    }
}
