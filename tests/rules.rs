//! Rule fixtures: every `tests/rules/<rule-id>.{pass,fail}*.yaml` declares the findings it must
//! produce in `# expect:` lines (`<rule> <severity> <line>:<column>`, or `none`), and must
//! produce exactly those. Each rule needs a failing and a passing fixture.

use std::path::{Path, PathBuf};

use offer_lint::check::{self, FileInput};
use offer_lint::rules::{self, Kind};
use offer_lint::testing::fixture_run;

const DIR: &str = "tests/rules";

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
    let root = PathBuf::from(DIR);
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
    let mut v: Vec<PathBuf> = std::fs::read_dir(DIR)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    v.sort();
    v
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
    for path in fixtures() {
        let text = std::fs::read_to_string(&path).unwrap();
        let Some(expected) = expectations(&text) else {
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
