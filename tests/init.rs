//! `offer-lint init` end to end: the files it writes, what `check` then reports (only the
//! values left to fill in, each with help), and that it never replaces a file.

use assert_cmd::Command;
use serde_json::Value;
use std::path::Path;

fn bin() -> Command {
    let mut c = Command::cargo_bin("offer-lint").unwrap();
    c.env_remove("GITHUB_ACTIONS").env("NO_COLOR", "1");
    c
}

fn init(dir: &Path, args: &[&str]) -> std::process::Output {
    bin().arg("init").arg(dir).args(args).output().unwrap()
}

fn check(dir: &Path) -> Value {
    let out = bin()
        .args(["check", "--now", "2026-11-24T00:00:00Z", "--format", "json"])
        .arg(dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Every finding is on a value left to fill in (`""`, or a secret to provide), and has help.
fn only_placeholders(dir: &Path, v: &Value) -> Vec<String> {
    let text = std::fs::read_to_string(dir.join("offer.yaml")).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let mut rules = Vec::new();
    for f in v["diagnostics"].as_array().unwrap() {
        let line = lines[f["line"].as_u64().unwrap() as usize - 1];
        let col = f["column"].as_u64().unwrap() as usize - 1;
        let at = &line[col..];
        assert!(
            at.starts_with("\"\"") || at.starts_with("${env:"),
            "a finding on a value that is not a placeholder: {f} at `{line}`"
        );
        assert!(
            f["help"].as_str().is_some_and(|h| !h.is_empty()),
            "no help: {f}"
        );
        rules.push(f["rule"].as_str().unwrap().to_string());
    }
    rules
}

#[test]
fn linux_offer_reports_only_what_to_fill_in() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path().join("offers/new");
    let out = init(&dir, &[]);
    assert!(out.status.success(), "{out:?}");
    for f in [
        "offer.yaml",
        "offer.schema.json",
        "assets/logo-large.png",
        "assets/logo-90.png",
        "assets/logo-48.png",
        "assets/screenshot-1.png",
        ".offer-lint.yaml",
    ] {
        assert!(dir.join(f).is_file(), "{f} not written");
    }
    assert!(!dir.join("assets/test-drive.zip").exists());
    let text = std::fs::read_to_string(dir.join("offer.yaml")).unwrap();
    assert!(text.starts_with("# yaml-language-server: $schema=offer.schema.json\n"));
    let rules = only_placeholders(&dir, &check(&dir));
    for r in [
        "offer-id-format",
        "listing-title-length",
        "plan-id-format",
        "manifest-env-denied",
    ] {
        assert!(rules.iter().any(|x| x == r), "{r} not reported: {rules:?}");
    }
}

#[test]
fn windows_offer_with_a_test_drive() {
    let d = tempfile::tempdir().unwrap();
    let out = init(d.path(), &["--os", "windows", "--test-drive"]);
    assert!(out.status.success(), "{out:?}");
    let text = std::fs::read_to_string(d.path().join("offer.yaml")).unwrap();
    assert!(text.contains("family: windows"));
    assert!(text.contains("windows: { approvedBase: true"));
    assert!(!text.contains("agentVersion"));
    assert!(text.contains("\ntestDrive:"));
    assert!(d.path().join("assets/test-drive.zip").is_file());
    let rules = only_placeholders(d.path(), &check(d.path()));
    assert!(
        rules.iter().any(|r| r == "test-drive-deployment"),
        "{rules:?}"
    );
    assert!(!rules.iter().any(|r| r.starts_with("cert-")), "{rules:?}");
}

#[test]
fn never_replaces_a_file() {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(d.path().join("offer.yaml"), "mine\n").unwrap();
    let out = init(d.path(), &[]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("offer.yaml"));
    assert_eq!(
        std::fs::read_to_string(d.path().join("offer.yaml")).unwrap(),
        "mine\n"
    );
    // Nothing else was written either.
    assert!(!d.path().join("assets").exists());
    assert!(!d.path().join("offer.schema.json").exists());
}

#[test]
fn keeps_the_configuration_that_applies() {
    let d = tempfile::tempdir().unwrap();
    std::fs::create_dir(d.path().join(".git")).unwrap();
    std::fs::write(d.path().join(".offer-lint.yaml"), "fail-on: warning\n").unwrap();
    let out = init(&d.path().join("offers/a"), &[]);
    assert!(out.status.success(), "{out:?}");
    assert!(!d.path().join("offers/a/.offer-lint.yaml").exists());
}
