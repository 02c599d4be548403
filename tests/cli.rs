//! The binary end to end: exit codes, discovery, stdin, formats, subcommands.

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

const NOW: &str = "2026-11-24T00:00:00Z";

fn bin() -> Command {
    let mut c = Command::cargo_bin("offer-lint").unwrap();
    c.env_remove("NO_COLOR")
        .env_remove("GITHUB_ACTIONS")
        .env("OFFER_LINT_NOW", NOW)
        .env("COLUMNS", "100");
    c
}

fn json(out: &[u8]) -> Value {
    serde_json::from_slice(out)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(out)))
}

fn write(dir: &Path, rel: &str, text: &str) {
    let p = dir.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

const MINIMAL_BAD: &str =
    "apiVersion: offer-lint/v1\nkind: VirtualMachineOffer\noffer:\n  id: Not_Valid-\n";

#[test]
fn help_and_version() {
    bin()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("Examples:"));
    bin()
        .arg("--version")
        .assert()
        .success()
        .stdout(predicate::str::contains(env!("CARGO_PKG_VERSION")));
}

#[test]
fn usage_error_exits_2() {
    bin().args(["check", "--format", "nope"]).assert().code(2);
    bin()
        .args(["check", "does/not/exist"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no such file"));
    bin().args(["explain", "no-such-rule"]).assert().code(2);
}

#[test]
fn discovery_finds_default_names_and_skips_ignored_hidden_and_target() {
    let d = tempfile::tempdir().unwrap();
    for rel in [
        "a/offer.yaml",
        "b/offer.yml",
        "c/x.offer.yaml",
        "c/y.offer.yml",
        "c/other.yaml",
        ".hidden/offer.yaml",
        "target/offer.yaml",
        "ignored/offer.yaml",
    ] {
        write(d.path(), rel, MINIMAL_BAD);
    }
    write(d.path(), ".gitignore", "ignored/\n");
    // .gitignore applies in a git work tree only, as for git.
    std::fs::create_dir_all(d.path().join(".git")).unwrap();
    let out = bin()
        .current_dir(d.path())
        .args(["check", "--format", "json"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let v = json(&out);
    let mut paths: Vec<String> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap().to_string())
        .collect();
    paths.dedup();
    assert_eq!(
        paths,
        [
            "a/offer.yaml",
            "b/offer.yml",
            "c/x.offer.yaml",
            "c/y.offer.yml"
        ]
    );
    assert_eq!(v["files"], 4);
}

#[test]
fn include_exclude_and_explicit_files() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "a/offer.yaml", MINIMAL_BAD);
    write(d.path(), "manifests/one.yaml", MINIMAL_BAD);
    write(d.path(), "skip/offer.yaml", MINIMAL_BAD);
    let files = |args: &[&str]| -> Vec<String> {
        let out = bin().current_dir(d.path()).args(args).output().unwrap();
        let v = json(&out.stdout);
        let mut p: Vec<String> = v["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["path"].as_str().unwrap().to_string())
            .collect();
        p.dedup();
        p
    };
    assert_eq!(
        files(&[
            "check",
            "--format",
            "json",
            "--include",
            "manifests/*.yaml",
            "--exclude",
            "skip"
        ]),
        ["a/offer.yaml", "manifests/one.yaml"]
    );
    // A file named explicitly is linted whatever its name or the excludes...
    assert_eq!(
        files(&[
            "check",
            "--format",
            "json",
            "--exclude",
            "skip",
            "skip/offer.yaml",
            "manifests/one.yaml"
        ]),
        ["manifests/one.yaml", "skip/offer.yaml"]
    );
    // ...unless --force-exclude asks for the excludes to win (pre-commit).
    assert_eq!(
        files(&[
            "check",
            "--format",
            "json",
            "--force-exclude",
            "--exclude",
            "skip",
            "skip/offer.yaml"
        ]),
        Vec::<String>::new()
    );
}

#[test]
fn stdin_is_linted_under_its_stdin_filename() {
    let out = bin()
        .args([
            "check",
            "-",
            "--stdin-filename",
            "offers/x/offer.yaml",
            "--format",
            "json",
        ])
        .write_stdin(MINIMAL_BAD)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let v = json(&out);
    let d = &v["diagnostics"].as_array().unwrap();
    assert!(d.iter().all(|d| d["path"] == "offers/x/offer.yaml"), "{v}");
    assert!(
        d.iter()
            .any(|d| d["rule"] == "offer-id-format" && d["line"] == 4 && d["column"] == 7),
        "{v}"
    );
}

#[test]
fn json_contract() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "x/offer.yaml", MINIMAL_BAD);
    let out = bin()
        .current_dir(d.path())
        .args(["check", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v = json(&out.stdout);
    assert_eq!(v["version"], 1);
    assert_eq!(v["files"], 1);
    assert_eq!(v["offers"][0]["id"], "Not_Valid-");
    assert_eq!(v["offers"][0]["path"], "x/offer.yaml");
    let first = &v["diagnostics"][0];
    for key in [
        "rule",
        "severity",
        "path",
        "line",
        "column",
        "endLine",
        "endColumn",
        "pointer",
        "message",
        "help",
    ] {
        assert!(
            first.get(key).is_some(),
            "diagnostic lacks `{key}`: {first}"
        );
    }
}

#[test]
fn fail_on_levels() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "x/offer.yaml", MINIMAL_BAD);
    bin()
        .current_dir(d.path())
        .args(["check", "--fail-on", "never"])
        .assert()
        .code(0);
    bin()
        .current_dir(d.path())
        .args(["check", "--fail-on", "error"])
        .assert()
        .code(1);
}

#[test]
fn rules_explain_and_schema_commands() {
    bin()
        .arg("rules")
        .assert()
        .success()
        .stdout(predicate::str::contains("listing-summary-length"))
        .stdout(predicate::str::contains("manifest-syntax"));
    bin()
        .args(["explain", "plan-id-unique"])
        .assert()
        .success()
        .stdout(predicate::str::contains("## What it checks"));
    let out = bin()
        .arg("schema")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let schema = json(&out);
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    assert!(jsonschema::meta::is_valid(&schema));
    // Self-contained: every reference resolves inside the document, with no registry.
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .offline()
        .build(&schema)
        .expect("the exported schema compiles on its own");
    let d = tempfile::tempdir().unwrap();
    let target = d.path().join("offer.schema.json");
    bin()
        .args(["schema", "--output"])
        .arg(&target)
        .assert()
        .success()
        .stdout("");
    assert_eq!(json(&std::fs::read(&target).unwrap()), schema);
    bin().args(["schema", "--config"]).assert().success();
}

/// Hostile and broken files: each yields a located finding, nothing panics, and the valid
/// manifest beside them is still linted.
#[test]
fn broken_files_are_findings_and_the_run_goes_on() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path();
    write(
        dir,
        "syntax.offer.yaml",
        "apiVersion: [offer-lint/v1\nkind: x\n",
    );
    write(
        dir,
        "duplicate.offer.yaml",
        "apiVersion: offer-lint/v1\napiVersion: offer-lint/v1\n",
    );
    write(
        dir,
        "tabs.offer.yaml",
        "apiVersion: offer-lint/v1\noffer:\n\tid: x\n",
    );
    write(
        dir,
        "deep.offer.yaml",
        &format!("{}x\n", "- ".repeat(20_000)),
    );
    write(
        dir,
        "deep-flow.offer.yaml",
        &format!("{}{}\n", "[".repeat(100_000), "]".repeat(100_000)),
    );
    let mut bomb = String::from("a: &a [x,x,x,x,x,x,x,x,x]\n");
    for (i, n) in ["b", "c", "d", "e", "f", "g", "h", "i"].iter().enumerate() {
        let prev = ["a", "b", "c", "d", "e", "f", "g", "h"][i];
        bomb.push_str(&format!(
            "{n}: &{n} [{}]\n",
            vec![format!("*{prev}"); 9].join(",")
        ));
    }
    write(dir, "bomb.offer.yaml", &bomb);
    std::fs::write(
        dir.join("binary.offer.yaml"),
        [0x89, b'P', b'N', b'G', 0, 1, 2, 3],
    )
    .unwrap();
    write(dir, "empty.offer.yaml", "");
    std::fs::write(
        dir.join("utf8.offer.yaml"),
        b"apiVersion: offer-lint/v1\nkind: \xff\xfe\n",
    )
    .unwrap();
    write(
        dir,
        "multi.offer.yaml",
        "apiVersion: offer-lint/v1\n---\nkind: x\n",
    );
    write(dir, "scalar.offer.yaml", "just a string\n");
    std::fs::create_dir_all(dir.join("folder.offer.yaml")).unwrap();
    write(dir, "valid/offer.yaml", MINIMAL_BAD);
    let out = bin()
        .current_dir(dir)
        .args(["check", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v = json(&out.stdout);
    let diags = v["diagnostics"].as_array().unwrap();
    for name in [
        "syntax",
        "duplicate",
        "tabs",
        "deep",
        "deep-flow",
        "bomb",
        "binary",
        "empty",
        "utf8",
        "multi",
        "scalar",
    ] {
        let path = format!("{name}.offer.yaml");
        let d = diags
            .iter()
            .find(|d| d["path"] == path.as_str() && d["rule"] == "manifest-syntax")
            .unwrap_or_else(|| panic!("no manifest-syntax finding for {path}: {v}"));
        assert!(
            d["line"].as_u64().unwrap() >= 1 && d["column"].as_u64().unwrap() >= 1,
            "{d}"
        );
    }
    let expected_lines = [
        ("duplicate", 2),
        ("tabs", 3),
        ("multi", 2),
        ("utf8", 2),
        ("bomb", 5),
    ];
    for (name, line) in expected_lines {
        let path = format!("{name}.offer.yaml");
        let d = diags
            .iter()
            .find(|d| d["path"] == path.as_str() && d["rule"] == "manifest-syntax")
            .unwrap();
        assert_eq!(d["line"], line, "{path}: {d}");
    }
    assert!(
        diags
            .iter()
            .any(|d| d["path"] == "valid/offer.yaml" && d["rule"] == "offer-id-format"),
        "the valid manifest was not linted: {v}"
    );
    assert!(
        !diags.iter().any(|d| d["path"] == "folder.offer.yaml"),
        "a folder named like a manifest is walked into, not reported: {v}"
    );
}

/// The demo's editor schema (named in each manifest's `yaml-language-server` comment) is the
/// export of the embedded one; regenerate it with
/// `cargo run -- schema --output fixtures/demo/offer.schema.json`.
#[test]
fn demo_editor_schema_is_current() {
    let out = bin()
        .arg("schema")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let committed = std::fs::read("fixtures/demo/offer.schema.json").unwrap();
    assert!(
        json(&out) == json(&committed),
        "fixtures/demo/offer.schema.json is stale: run `cargo run -- schema --output fixtures/demo/offer.schema.json`"
    );
}

/// A repository holding the clean base manifest (with its assets) at `offers/a/offer.yaml`,
/// with `edit` applied to its text.
fn repo_with(edit: impl Fn(String) -> String) -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    let offer = d.path().join("offers/a");
    std::fs::create_dir_all(offer.join("assets")).unwrap();
    for e in std::fs::read_dir("tests/rules/assets").unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), offer.join("assets").join(e.file_name())).unwrap();
    }
    let base = std::fs::read_to_string("tests/rules/base.yaml").unwrap();
    std::fs::write(offer.join("offer.yaml"), edit(base)).unwrap();
    d
}

fn lint_json(dir: &Path, args: &[&str]) -> (i32, Value) {
    let out = bin()
        .current_dir(dir)
        .env("HARDENED_2204_OS_VHD_SAS", "https://contosoimages.blob.core.windows.net/vhds/hardened-2204.vhd?sv=2021-08-06&sr=b&sp=rl&st=2026-11-20T00:00:00Z&se=2027-03-01T00:00:00Z&sig=abc123FAKEsig%3D")
        .env("TEST_DRIVE_CLIENT_SECRET", "not-a-real-secret")
        .args(["check", "--format", "json"])
        .args(["--allow-env", "HARDENED_2204_OS_VHD_SAS", "--allow-env", "TEST_DRIVE_*"])
        .args(args)
        .output()
        .unwrap();
    (out.status.code().unwrap(), json(&out.stdout))
}

fn rules_at(v: &Value) -> Vec<String> {
    v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            format!(
                "{} {} {}:{}",
                d["rule"].as_str().unwrap(),
                d["severity"].as_str().unwrap(),
                d["line"],
                d["column"]
            )
        })
        .collect()
}

const LONG_SUMMARY: &str = "searchResultSummary: CIS-hardened Ubuntu image with monthly patches, FIPS-ready OpenSSL and a compliance report for auditors";

#[test]
fn the_clean_base_repository_passes() {
    let d = repo_with(|t| t);
    let (code, v) = lint_json(d.path(), &[]);
    assert_eq!(rules_at(&v), Vec::<String>::new());
    assert_eq!(code, 0);
}

#[test]
fn inline_suppressions_end_to_end() {
    let d = repo_with(|t| {
        t.replacen("  searchResultSummary: CIS-hardened Ubuntu image", &format!("  # offer-lint: disable-next-line listing-summary-length -- approved by marketing\n  {LONG_SUMMARY}"), 1)
            .replacen("  title:", "  # offer-lint: disable-next-line listing-title-length\n  title:", 1)
            .replacen("offer:\n", "offer:\n  # offer-lint: disable-file nonsense-rule -- typo\n", 1)
    });
    let (code, v) = lint_json(d.path(), &[]);
    // The long summary is suppressed; the reason-less directive is a warning, and unused;
    // the unknown id is an unreadable directive.
    assert_eq!(
        rules_at(&v),
        [
            "suppression-invalid warning 6:3",
            "suppression-reason warning 34:3",
            "suppression-unused warning 34:3",
        ],
        "{v}"
    );
    assert_eq!(code, 0, "warnings do not fail the run by default");
    let (code, v) = lint_json(d.path(), &["--no-inline-suppressions"]);
    assert_eq!(rules_at(&v), ["listing-summary-length error 37:24"], "{v}");
    assert_eq!(code, 1);
    let (code, _) = lint_json(d.path(), &["--fail-on", "warning"]);
    assert_eq!(code, 1);
}

#[test]
fn suppression_blocks_and_areas() {
    let d = repo_with(|t| {
        t.replacen("  searchResultSummary: CIS-hardened Ubuntu image", &format!("  # offer-lint: disable listing -- rewritten next sprint\n  {LONG_SUMMARY}\n  # offer-lint: enable listing"), 1)
    });
    let (code, v) = lint_json(d.path(), &[]);
    assert_eq!(rules_at(&v), Vec::<String>::new(), "{v}");
    assert_eq!(code, 0);
}

#[test]
fn configuration_end_to_end() {
    let d = repo_with(|t| {
        t.replacen(
            "  searchResultSummary: CIS-hardened Ubuntu image",
            &format!("  {LONG_SUMMARY}"),
            1,
        )
    });
    let (code, v) = lint_json(d.path(), &[]);
    assert_eq!(rules_at(&v), ["listing-summary-length error 34:24"]);
    assert_eq!(code, 1);
    // Severity override: found in the repository root, walking up from the linted path.
    std::fs::create_dir_all(d.path().join(".git")).unwrap();
    write(
        d.path(),
        ".offer-lint.yaml",
        "rules:\n  listing-summary-length: warning\n",
    );
    let (code, v) = lint_json(&d.path().join("offers"), &[]);
    assert_eq!(rules_at(&v), ["listing-summary-length warning 34:24"]);
    assert_eq!(code, 0);
    // A whole area off, and the fail level from the file.
    write(
        d.path(),
        ".offer-lint.yaml",
        "rules:\n  listing: off\nfail-on: warning\n",
    );
    let (code, v) = lint_json(d.path(), &[]);
    assert_eq!(rules_at(&v), Vec::<String>::new());
    assert_eq!(code, 0);
    // Excludes from the file.
    write(d.path(), ".offer-lint.yaml", "exclude: [offers/a]\n");
    let (_, v) = lint_json(d.path(), &[]);
    assert_eq!(v["files"], 0);
    // A mistake in the configuration is a finding with its position.
    write(
        d.path(),
        ".offer-lint.yaml",
        "rules:\n  listing-sumary-length: warning\nfail_on: never\n",
    );
    let (code, v) = lint_json(d.path(), &[]);
    let cfg: Vec<String> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["path"] == ".offer-lint.yaml")
        .map(|d| {
            format!(
                "{} {}:{}",
                d["rule"].as_str().unwrap(),
                d["line"],
                d["column"]
            )
        })
        .collect();
    assert_eq!(cfg, ["config-invalid 2:3", "config-invalid 3:1"], "{v}");
    assert_eq!(code, 1);
    // --config names another file.
    write(
        d.path(),
        "ci.yaml",
        "rules:\n  listing-summary-length: info\n",
    );
    let (_, v) = lint_json(d.path(), &["--config", "ci.yaml"]);
    assert_eq!(rules_at(&v), ["listing-summary-length info 34:24"]);
    // `offer-lint config` shows the effective values and where they came from.
    bin()
        .current_dir(d.path())
        .args(["config", "--config", "ci.yaml"])
        .assert()
        .success()
        .stdout(predicate::str::contains("configuration file: ci.yaml"))
        .stdout(predicate::str::contains(
            "listing-summary-length: info (ci.yaml)",
        ))
        .stdout(predicate::str::contains(
            "listing-title-length: error (default)",
        ));
    bin()
        .current_dir(d.path())
        .args(["config", "--config", "missing.yaml"])
        .assert()
        .code(2);
}

#[test]
fn offer_ids_are_unique_across_the_linted_set() {
    let d = repo_with(|t| t);
    let copy = d.path().join("offers/b");
    std::fs::create_dir_all(&copy).unwrap();
    std::fs::copy(
        d.path().join("offers/a/offer.yaml"),
        copy.join("offer.yaml"),
    )
    .unwrap();
    let assets = d.path().join("offers/a/assets");
    std::fs::create_dir_all(copy.join("assets")).unwrap();
    for e in std::fs::read_dir(&assets).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), copy.join("assets").join(e.file_name())).unwrap();
    }
    let (code, v) = lint_json(d.path(), &[]);
    let d0 = &v["diagnostics"][0];
    assert_eq!(v["diagnostics"].as_array().unwrap().len(), 1, "{v}");
    assert_eq!(d0["rule"], "offer-id-unique");
    assert_eq!(d0["path"], "offers/b/offer.yaml");
    assert_eq!(
        (d0["line"].as_u64(), d0["column"].as_u64()),
        (Some(6), Some(7))
    );
    assert!(d0["message"]
        .as_str()
        .unwrap()
        .contains("offers/a/offer.yaml"));
    assert_eq!(code, 1);
}
