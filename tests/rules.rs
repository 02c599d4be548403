//! Rule fixtures: every `tests/rules/<rule-id>.{pass,fail}*.yaml` declares the findings it must
//! produce in `# expect:` lines (`<rule> <severity> <line>:<column>`, or `none`), and must
//! produce exactly those. The JSON fixtures of Product Ingestion documents,
//! `tests/ingestion/*.json`, cannot hold comments: theirs are listed in `tests/ingestion/EXPECTED`.
//! Each rule needs a failing and a passing fixture, in either folder.

use std::path::{Path, PathBuf};

use offer_lint::check::{self, FileInput};
use offer_lint::rules::{self, Kind};
use offer_lint::testing::fixture_run;

const DIR: &str = "tests/rules";
const JSON_DIR: &str = "tests/ingestion";

/// `tests/ingestion/EXPECTED`: file name → its expected findings, sorted.
fn json_expectations() -> std::collections::BTreeMap<String, Vec<String>> {
    let mut out: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    let text = std::fs::read_to_string(Path::new(JSON_DIR).join("EXPECTED")).unwrap();
    for line in text
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
    {
        let (file, rest) = line
            .split_once(' ')
            .expect("`<file> <finding>` or `<file> none`");
        let entry = out.entry(file.to_string()).or_default();
        if rest.trim() != "none" {
            entry.push(rest.trim().to_string());
        }
    }
    for v in out.values_mut() {
        v.sort();
    }
    out
}

fn expectations(text: &str) -> Option<Vec<String>> {
    let mut out = Vec::new();
    let mut any = false;
    for line in text.lines() {
        let Some(rest) = line.strip_prefix("# expect:") else {
            continue;
        };
        any = true;
        let rest = rest.trim();
        if rest != "none" {
            out.push(rest.to_string());
        }
    }
    any.then(|| {
        out.sort();
        out
    })
}

fn lint(path: &Path) -> Vec<String> {
    let run = fixture_run();
    let display = path.to_string_lossy().replace('\\', "/");
    let root = path
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from(DIR));
    let report = check::check_file(FileInput::read(path, display, root, &run.limits), &run);
    let mut got: Vec<String> = report
        .findings
        .iter()
        .map(|f| {
            format!(
                "{} {} {}:{}",
                f.rule, f.severity, f.start.line, f.start.column
            )
        })
        .collect();
    got.sort();
    got
}

fn fixtures() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = Vec::new();
    for (dir, ext) in [(DIR, "yaml"), (JSON_DIR, "json")] {
        v.extend(
            std::fs::read_dir(dir)
                .unwrap()
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == ext)),
        );
    }
    v.sort();
    v
}

/// The expected findings of a fixture, from its `# expect:` lines or `EXPECTED`.
fn expected_of(
    path: &Path,
    json: &std::collections::BTreeMap<String, Vec<String>>,
) -> Option<Vec<String>> {
    if path.extension().is_some_and(|x| x == "json") {
        let name = path.file_name()?.to_string_lossy().into_owned();
        let found = json.get(&name).cloned();
        assert!(
            found.is_some(),
            "{} has no line in tests/ingestion/EXPECTED",
            path.display()
        );
        return found;
    }
    expectations(&std::fs::read_to_string(path).unwrap())
}

#[test]
fn base_manifests_are_clean() {
    for name in ["base.yaml", "base-test-drive.yaml"] {
        let p = Path::new(DIR).join(name);
        if p.exists() {
            assert_eq!(lint(&p), Vec::<String>::new(), "{name} must lint clean");
        }
    }
}

#[test]
fn every_fixture_produces_exactly_its_expected_findings() {
    let mut failures = Vec::new();
    let mut count = 0;
    let json = json_expectations();
    for path in fixtures() {
        let Some(expected) = expected_of(&path, &json) else {
            continue;
        };
        count += 1;
        let got = lint(&path);
        if got != expected {
            failures.push(format!(
                "{}\n  expected: {expected:?}\n  got:      {got:?}",
                path.display()
            ));
        }
    }
    assert!(count > 0, "no fixtures found");
    assert!(
        failures.is_empty(),
        "{} fixture(s) differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Rules whose fixtures live elsewhere (CLI tests, git repositories) or whose issue is still open.
const ELSEWHERE: &[&str] = &[
    // cross-file: tests/cli.rs lints two manifests with one id
    "offer-id-unique",
    // configuration and suppressions: tests/cli.rs
    "config-invalid",
    "suppression-reason",
    "suppression-unused",
    "suppression-invalid",
];

#[test]
fn every_rule_has_a_failing_and_a_passing_fixture() {
    let names: Vec<String> = fixtures()
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    let pending = pending_rules();
    let mut missing = Vec::new();
    for rule in rules::ALL {
        if ELSEWHERE.contains(&rule.id) || matches!(rule.kind, Kind::Change | Kind::Timeline) {
            continue;
        }
        let fail = names
            .iter()
            .any(|n| n.starts_with(&format!("{}.fail", rule.id)));
        let pass = names
            .iter()
            .any(|n| n.starts_with(&format!("{}.pass", rule.id)));
        if pending.contains(&rule.id) {
            continue;
        }
        if !fail || !pass {
            missing.push(format!("{} (fail: {fail}, pass: {pass})", rule.id));
        }
    }
    assert!(
        missing.is_empty(),
        "rules without fixtures:\n{}",
        missing.join("\n")
    );
}

/// Rules not implemented yet (tracked in the open issue); this list only shrinks.
fn pending_rules() -> Vec<&'static str> {
    include_str!("rules/PENDING")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| rules::by_id(l).map(|r| r.id))
        .collect()
}
