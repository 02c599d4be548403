//! offer-lint on pull requests, checked with the real clients:
//!
//! - SARIF against Microsoft's validator (`sarif-multitool validate`, npm
//!   `@microsoft/sarif-multitool`) and the SARIF 2.1.0 JSON schema it ships;
//! - `action.yml` and the project's workflow against `action-validator` (npm `@action-validator/cli`);
//! - GitHub mode on the binary, with `GITHUB_STEP_SUMMARY` and `GITHUB_OUTPUT` in temporary files;
//! - both pre-commit hooks through the real `pre-commit try-repo`, and the Python wheel (built
//!   by maturin) installed into a fresh venv.
//!
//! `.ci/run` installs the tools (npm packages under `$HOME/.cache/offer-lint-ci`, or the folder
//! in `OFFER_LINT_TOOLS`; `pre-commit` from PyPI) and sets `OFFER_LINT_REQUIRE_TOOLS=1`: then a
//! missing tool fails its test. Elsewhere such a test prints a notice and passes.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command as Process;

use assert_cmd::Command;
use serde_json::Value;

const NOW: &str = "2026-11-24T00:00:00Z";

fn project() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn bin() -> Command {
    let mut c = Command::cargo_bin("offer-lint").unwrap();
    c.env_remove("GITHUB_ACTIONS")
        .env_remove("GITHUB_STEP_SUMMARY")
        .env_remove("GITHUB_OUTPUT")
        .env_remove("NO_COLOR")
        .env("OFFER_LINT_NOW", NOW)
        .env("COLUMNS", "100");
    c
}

/// A tool the test needs: found, or `None` after a notice (a failure when CI requires tools).
fn require(tool: &str, found: Option<PathBuf>) -> Option<PathBuf> {
    if found.is_some() {
        return found;
    }
    let how = "`bash .ci/run` installs it";
    if std::env::var_os("OFFER_LINT_REQUIRE_TOOLS").is_some_and(|v| v == "1") {
        panic!("{tool} is not installed, and OFFER_LINT_REQUIRE_TOOLS=1 says it must be: {how}");
    }
    eprintln!(
        "notice: {tool} is not installed; this test is skipped here ({how}; CI never skips it)"
    );
    None
}

/// Where `.ci/run` installs the npm tools.
fn tools_prefix() -> PathBuf {
    if let Some(p) = std::env::var_os("OFFER_LINT_TOOLS") {
        return PathBuf::from(p);
    }
    let home = std::env::var_os("HOME")
        .map(PathBuf::from)
        .unwrap_or_default();
    home.join(".cache/offer-lint-ci")
}

/// An executable on PATH.
fn on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join(name))
        .find(|p| p.is_file())
}

fn existing(p: PathBuf) -> Option<PathBuf> {
    p.is_file().then_some(p)
}

fn write(dir: &Path, rel: &str, text: &str) {
    let p = dir.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

// ---------------------------------------------------------------------------------------
// SARIF

/// SARIF from the failing demo and from a folder of broken manifests (a syntax error at the
/// start of a file, a path with a space and non-ASCII letters, a file that is not UTF-8).
fn sarif_samples(dir: &Path) -> Vec<PathBuf> {
    let demo = dir.join("demo.sarif");
    let out = bin()
        .current_dir(project())
        .args(["check", "fixtures/demo", "--format", "sarif"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "the demo fails: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::write(&demo, &out.stdout).unwrap();

    let broken = dir.join("broken");
    write(
        &broken,
        "a/offer.yaml",
        "apiVersion: offer-lint/v1\nkind: [unclosed\n",
    );
    write(
        &broken,
        "b/offer.yaml",
        "offer:\n  id: Not_Valid-\n  id: twice\n",
    );
    write(
        &broken,
        "dossier été/x.offer.yaml",
        "apiVersion: offer-lint/v1\nkind: VirtualMachineOffer\noffer: { id: ok-id }\n",
    );
    std::fs::write(broken.join("a/bin.offer.yaml"), b"offer:\n  id: \xff\xfe\n").unwrap();
    let second = dir.join("broken.sarif");
    let out = bin()
        .current_dir(&broken)
        .args(["check", ".", "--report"])
        .arg(format!("sarif={}", second.display()))
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    vec![demo, second]
}

#[test]
fn sarif_passes_microsofts_validator() {
    let prefix = tools_prefix();
    let platform = prefix.join("node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool");
    let Some(tool) = require(
        "sarif-multitool (npm @microsoft/sarif-multitool)",
        existing(platform),
    ) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    for sample in sarif_samples(dir.path()) {
        let log = dir.path().join("validation.sarif");
        let out = Process::new(&tool)
            .arg("validate")
            .arg(&sample)
            .args(["--output"])
            .arg(&log)
            .args(["--log", "ForceOverwrite", "--level", "Error;Warning;Note"])
            .env("DOTNET_CLI_TELEMETRY_OPTOUT", "1")
            .output()
            .expect("sarif-multitool runs");
        let console = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            out.status.success(),
            "sarif-multitool failed on {}:\n{console}",
            sample.display()
        );
        let report: Value = serde_json::from_slice(&std::fs::read(&log).unwrap()).unwrap();
        let results = report["runs"][0]["results"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let bad: Vec<String> = results
            .iter()
            .filter(|r| {
                matches!(r["level"].as_str(), Some("error") | Some("warning"))
                    || r.get("level").is_none()
            })
            .map(|r| {
                format!(
                    "{} {}: {}",
                    r["level"], r["ruleId"], r["message"]["arguments"]
                )
            })
            .collect();
        assert!(
            bad.is_empty(),
            "{}: the validator reports\n{}\n{console}",
            sample.display(),
            bad.join("\n")
        );
        // The validator skips a file it cannot read into its object model without a word;
        // notes (advice such as "consider a snippet") show that it did analyse this one.
        assert!(
            !results.is_empty(),
            "{}: the validator analysed nothing:\n{console}",
            sample.display()
        );
    }
}

#[test]
fn sarif_matches_the_sarif_2_1_0_schema() {
    let prefix = tools_prefix();
    let schema = prefix.join("node_modules/@microsoft/sarif-multitool-linux/sarif-2.1.0.json");
    let Some(schema) = require(
        "the SARIF 2.1.0 schema (npm @microsoft/sarif-multitool)",
        existing(schema),
    ) else {
        return;
    };
    let schema: Value = serde_json::from_slice(&std::fs::read(schema).unwrap()).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the SARIF schema compiles");
    let dir = tempfile::tempdir().unwrap();
    for sample in sarif_samples(dir.path()) {
        let doc: Value = serde_json::from_slice(&std::fs::read(&sample).unwrap()).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&doc)
            .map(|e| format!("{}: {e}", e.instance_path()))
            .collect();
        assert!(
            errors.is_empty(),
            "{}:\n{}",
            sample.display(),
            errors.join("\n")
        );
        // What GitHub code scanning relies on.
        let run = &doc["runs"][0];
        assert_eq!(run["tool"]["driver"]["name"], "offer-lint");
        assert_eq!(
            run["tool"]["driver"]["informationUri"],
            env!("CARGO_PKG_REPOSITORY")
        );
        for r in run["results"].as_array().unwrap() {
            let loc = &r["locations"][0]["physicalLocation"];
            assert!(!loc["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
                .starts_with('/'));
            assert!(loc["region"]["startLine"].as_u64().unwrap() >= 1);
            assert!(
                r["partialFingerprints"]["offerLint/v1"]
                    .as_str()
                    .unwrap()
                    .len()
                    == 16
            );
        }
    }
}

// ---------------------------------------------------------------------------------------
// action.yml

#[test]
fn action_and_workflow_pass_action_validator() {
    let prefix = tools_prefix();
    let found = existing(prefix.join("node_modules/.bin/action-validator"))
        .or_else(|| on_path("action-validator"));
    let Some(tool) = require("action-validator (npm @action-validator/cli)", found) else {
        return;
    };
    for file in [
        "action.yml",
        ".github/workflows/offer-lint.yml",
        ".github/workflows/release.yml",
    ] {
        let out = Process::new(&tool)
            .arg(project().join(file))
            .output()
            .expect("action-validator runs");
        assert!(
            out.status.success(),
            "{file}:\n{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    // And it does reject a broken action, so the pass above means something.
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("action.yml");
    std::fs::write(
        &bad,
        "name: x\ndescription: y\nruns:\n  using: composite\n  steps:\n    - run: echo\n",
    )
    .unwrap();
    assert!(!Process::new(&tool)
        .arg(&bad)
        .output()
        .unwrap()
        .status
        .success());
}

#[test]
fn action_never_interpolates_inputs_into_scripts() {
    // Inputs reach the scripts through `env:` only: `${{ inputs.x }}` inside `run:` would let
    // a pull request inject shell code.
    let text = std::fs::read_to_string(project().join("action.yml")).unwrap();
    let mut in_run = false;
    for line in text.lines() {
        let t = line.trim_start();
        if t.starts_with("run: |") {
            in_run = true;
            continue;
        }
        if in_run && (t.starts_with("- name:") || t.starts_with("env:") || t.starts_with("uses:")) {
            in_run = false;
        }
        assert!(
            !(in_run && line.contains("${{")),
            "expression inside a script: {line}"
        );
    }
}

// ---------------------------------------------------------------------------------------
// GitHub mode

/// Twelve files with a syntax error each (errors), one with an unset variable (an info), a
/// file whose name needs escaping, and a real offer (for the timeline); every other rule off.
fn github_fixture(dir: &Path) {
    write(
        dir,
        ".offer-lint.yaml",
        "rules:\n  manifest: off\n  manifest-syntax: error\n  manifest-env-unset: info\n  manifest-env-denied: info\n  offer: off\n  leads: off\n  properties: off\n  listing: off\n  media: off\n  preview: off\n  plans: off\n  pricing: off\n  tech: off\n  cert: off\n  sas: off\n  test-drive: off\n  timeline: off\n",
    );
    for i in 1..=11 {
        write(dir, &format!("broken/b{i:02}.offer.yaml"), "a: 1\na: 2\n");
    }
    write(dir, "broken/odd,name:1.offer.yaml", "a: 1\na: 2\n");
    write(
        dir,
        "env/offer.yaml",
        "apiVersion: offer-lint/v1\nkind: ${env:OFFER_LINT_TEST_NEVER_SET}\n",
    );
    copy_dir(
        &project().join("fixtures/demo/offers/fabrikam-secure-linux"),
        &dir.join("offers/fabrikam-secure-linux"),
    );
}

#[test]
fn github_mode_prints_annotations_and_writes_summary_and_outputs() {
    let dir = tempfile::tempdir().unwrap();
    github_fixture(dir.path());
    let summary = dir.path().join("summary.md");
    let outputs = dir.path().join("outputs.txt");
    // The runner's files may already hold what earlier steps wrote: offer-lint appends.
    std::fs::write(&summary, "# Earlier step\n\n").unwrap();
    std::fs::write(&outputs, "earlier=1\n").unwrap();
    let out = bin()
        .current_dir(dir.path())
        .env("GITHUB_ACTIONS", "true")
        .env("GITHUB_STEP_SUMMARY", &summary)
        .env("GITHUB_OUTPUT", &outputs)
        .env_remove("FABRIKAM_SECURE_2204_OS_VHD_SAS")
        .env_remove("OFFER_LINT_TEST_NEVER_SET")
        .args([
            "check",
            ".",
            "--color",
            "never",
            "--report",
            "sarif=reports/offer-lint.sarif",
        ])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();

    // The human report is printed with workflow commands stopped, then resumed with the
    // same token; the annotations follow, one per finding.
    let first = stdout.lines().next().unwrap_or_default();
    let token = first
        .strip_prefix("::stop-commands::")
        .expect("commands stopped first");
    assert!(token.len() >= 32, "{first}");
    let resume = stdout
        .find(&format!("\n::{token}::\n"))
        .expect("commands resumed");
    let annotations: Vec<&str> = stdout[resume..]
        .lines()
        .filter(|l| l.starts_with("::") && !l.contains(token))
        .collect();
    assert!(
        stdout[..resume]
            .lines()
            .skip(1)
            .all(|l| !l.starts_with("::error")),
        "no annotation inside the stopped part"
    );
    let errors: Vec<&&str> = annotations
        .iter()
        .filter(|l| l.starts_with("::error "))
        .collect();
    let notices: Vec<&&str> = annotations
        .iter()
        .filter(|l| l.starts_with("::notice "))
        .collect();
    assert_eq!(
        (errors.len(), notices.len(), annotations.len()),
        (12, 2, 14),
        "{stdout}"
    );
    assert!(
        stdout.contains("12 errors, 0 warnings, 2 infos"),
        "the human report is there too:\n{stdout}"
    );
    let first = "::error file=broken/b01.offer.yaml,line=2,endLine=2,col=1,endColumn=2,title=offer-lint (manifest-syntax)::";
    assert!(errors[0].starts_with(first), "{}", errors[0]);
    assert!(
        annotations
            .iter()
            .any(|l| l.starts_with("::error file=broken/odd%2Cname%3A1.offer.yaml,line=2,")),
        "properties are escaped: {annotations:#?}"
    );
    assert!(annotations.iter().all(|l| !l.contains('\n')));
    assert!(
        notices
            .iter()
            .any(|l| l.contains("title=offer-lint (manifest-env-denied)::")
                && l.contains("%0Ahelp: ")),
        "messages are escaped (help on a second line): {notices:#?}"
    );

    // Outputs, appended.
    let text = std::fs::read_to_string(&outputs).unwrap();
    assert_eq!(
        text,
        "earlier=1\nerrors=12\nwarnings=0\ninfos=2\noffers=1\nsarif-file=reports/offer-lint.sarif\n"
    );
    let sarif: Value = serde_json::from_slice(
        &std::fs::read(dir.path().join("reports/offer-lint.sarif")).unwrap(),
    )
    .unwrap();
    assert_eq!(sarif["runs"][0]["results"].as_array().unwrap().len(), 14);

    // The summary, appended: totals, the annotation cap, every finding by offer, the timeline.
    let md = std::fs::read_to_string(&summary).unwrap();
    assert!(md.starts_with("# Earlier step\n\n## offer-lint\n"), "{md}");
    assert!(
        md.contains("**12 errors, 0 warnings, 2 infos** in 14 files (1 offer)"),
        "{md}"
    );
    assert!(
        md.contains("GitHub shows at most 10 error, 10 warning and 10 notice annotations per step")
            && md.contains("2 findings of this run are not annotated"),
        "{md}"
    );
    for i in 1..=11 {
        assert!(
            md.contains(&format!("### `broken/b{i:02}.offer.yaml`")),
            "b{i:02} is listed: {md}"
        );
    }
    assert_eq!(
        md.matches("| ❌ error | `manifest-syntax` |").count(),
        12,
        "{md}"
    );
    assert!(md.contains("### `fabrikam-secure-linux`"), "{md}");
    assert!(
        md.contains("```mermaid\ngantt\n"),
        "the offer's timeline: {md}"
    );

    // Below the cap there is no note.
    let small = tempfile::tempdir().unwrap();
    write(small.path(), "x/offer.yaml", "a: 1\na: 2\n");
    let summary = small.path().join("summary.md");
    bin()
        .current_dir(small.path())
        .env("GITHUB_STEP_SUMMARY", &summary)
        .args(["check", ".", "--github"])
        .assert()
        .code(1);
    let md = std::fs::read_to_string(&summary).unwrap();
    assert!(
        md.contains("`manifest-syntax`") && !md.contains("not annotated"),
        "{md}"
    );
}

#[test]
fn github_mode_keeps_machine_readable_stdout_clean() {
    let dir = tempfile::tempdir().unwrap();
    github_fixture(dir.path());
    let out = bin()
        .current_dir(dir.path())
        .env("GITHUB_ACTIONS", "true")
        .args(["check", ".", "--format", "json"])
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&out.stdout).expect("stdout is only JSON");
    assert_eq!(doc["diagnostics"].as_array().unwrap().len(), 14);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        stderr.lines().filter(|l| l.starts_with("::error ")).count(),
        12,
        "{stderr}"
    );
    // A Markdown report on stdout (`>> $GITHUB_STEP_SUMMARY`) stays whole too.
    let out = bin()
        .current_dir(dir.path())
        .env("GITHUB_ACTIONS", "true")
        .args(["check", ".", "--format", "markdown"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.starts_with("## offer-lint\n") && !stdout.contains("\n::"),
        "{stdout}"
    );
    // --format github itself prints the annotations once.
    let out = bin()
        .current_dir(dir.path())
        .env("GITHUB_ACTIONS", "true")
        .args(["check", ".", "--format", "github"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(stdout.lines().count(), 14, "{stdout}");
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn report_writes_every_format_in_one_run() {
    let dir = tempfile::tempdir().unwrap();
    github_fixture(dir.path());
    let mut cmd = bin();
    cmd.current_dir(dir.path())
        .args(["check", ".", "--format", "json"]);
    for f in [
        "human", "json", "sarif", "github", "junit", "gitlab", "markdown",
    ] {
        cmd.arg("--report").arg(format!("{f}=out/report.{f}"));
    }
    let out = cmd.output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout: Value = serde_json::from_slice(&out.stdout).unwrap();
    let json: Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("out/report.json")).unwrap())
            .unwrap();
    assert_eq!(stdout, json);
    let read =
        |f: &str| std::fs::read_to_string(dir.path().join(format!("out/report.{f}"))).unwrap();
    assert!(
        read("human").contains("12 errors, 0 warnings, 2 infos")
            && !read("human").contains('\u{1b}')
    );
    assert_eq!(read("github").lines().count(), 14);
    let junit = read("junit");
    assert!(
        junit.starts_with("<?xml") && junit.matches("<testsuite ").count() == 14,
        "{junit}"
    );
    assert!(
        junit.contains("<testcase name=\"manifest-syntax\" classname=\"broken/b01.offer.yaml\""),
        "{junit}"
    );
    assert!(junit.contains("<failure type=\"error\""));
    let gitlab: Value = serde_json::from_str(&read("gitlab")).unwrap();
    let prints: std::collections::BTreeSet<&str> = gitlab
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["fingerprint"].as_str().unwrap())
        .collect();
    assert_eq!(prints.len(), 14, "unique fingerprints");
    assert!(read("markdown").starts_with("## offer-lint\n"));
    let sarif: Value = serde_json::from_str(&read("sarif")).unwrap();
    assert_eq!(sarif["version"], "2.1.0");

    // Bad --report values are usage errors.
    bin()
        .args(["check", ".", "--report", "pdf=x.pdf"])
        .assert()
        .code(2);
    bin()
        .args(["check", ".", "--report", "sarif"])
        .assert()
        .code(2);
}

#[test]
fn fingerprints_survive_lines_added_above() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "x/offer.yaml", "a: 1\na: 2\n");
    let run = || {
        let out = bin()
            .current_dir(dir.path())
            .args(["check", ".", "--format", "sarif"])
            .output()
            .unwrap();
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        let r = &v["runs"][0]["results"][0];
        (
            r["partialFingerprints"]["offerLint/v1"]
                .as_str()
                .unwrap()
                .to_string(),
            r["locations"][0]["physicalLocation"]["region"]["startLine"]
                .as_u64()
                .unwrap(),
        )
    };
    let (before, line_before) = run();
    write(
        dir.path(),
        "x/offer.yaml",
        "# a comment\n# another\na: 1\na: 2\n",
    );
    let (after, line_after) = run();
    assert_eq!((line_before + 2, before), (line_after, after));
}

// ---------------------------------------------------------------------------------------
// pre-commit

fn git(dir: &Path, args: &[&str]) {
    let out = Process::new("git")
        .arg("-C")
        .arg(dir)
        .args([
            "-c",
            "user.name=offer-lint tests",
            "-c",
            "user.email=tests@offer-lint.invalid",
        ])
        .args(["-c", "commit.gpgsign=false"])
        .args(args)
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The repository that pre-commit installs the hook from: the project itself, or, when its
/// work tree has changes that are not committed (pre-commit would take the changed tracked
/// files but not the new ones), a clone of its HEAD.
fn hook_source(scratch: &Path) -> PathBuf {
    let status = Process::new("git")
        .arg("-C")
        .arg(project())
        .args(["status", "--porcelain", "--untracked-files=normal"])
        .output()
        .expect("git runs");
    if status.status.success() && status.stdout.is_empty() {
        return project().to_path_buf();
    }
    eprintln!(
        "notice: the work tree has uncommitted changes; the hook is tried from a clone of HEAD"
    );
    let clone = scratch.join("offer-lint");
    let out = Process::new("git")
        .args(["clone", "--quiet"])
        .arg(project())
        .arg(&clone)
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git clone: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    clone
}

fn pre_commit() -> Option<PathBuf> {
    let found = std::env::var_os("PRE_COMMIT")
        .map(PathBuf::from)
        .or_else(|| on_path("pre-commit"));
    require("pre-commit (PyPI pre-commit)", found)
}

fn try_repo(
    source: &Path,
    repo: &Path,
    home: &Path,
    hook: &str,
    env: &[(&str, &OsStr)],
) -> (bool, String) {
    let mut cmd = Process::new(pre_commit().expect("checked by the caller"));
    cmd.current_dir(repo)
        .args(["try-repo"])
        .arg(source)
        .args([hook, "--all-files", "--color", "never"])
        .env("PRE_COMMIT_HOME", home)
        .env_remove("GITHUB_ACTIONS")
        .env("OFFER_LINT_NOW", NOW);
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("pre-commit runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

/// The three cases every hook must get right, in a new git repository: a broken manifest
/// fails naming the rule, the clean one passes, a folder that `.offer-lint.yaml` excludes
/// wins over the files pre-commit passes (`--force-exclude`).
fn hook_cases(hook: &str, env: &[(&str, &OsStr)]) {
    // One pre-commit home for every case: the hook's environment is made once.
    let home = tempfile::tempdir().unwrap();
    let source = hook_source(home.path());
    let repo = tempfile::tempdir().unwrap();
    git(repo.path(), &["init", "-q"]);
    let clean = repo.path().join("offers/fabrikam-secure-linux");
    copy_dir(
        &project().join("fixtures/demo/offers/fabrikam-secure-linux"),
        &clean,
    );
    write(repo.path(), "notes/readme.yaml", "not: a manifest\n");

    // 1. A broken manifest fails the hook, naming the rule.
    let text = std::fs::read_to_string(clean.join("offer.yaml")).unwrap();
    let broken = text.replacen("id: fabrikam-secure-linux", "id: Fabrikam_Secure-", 1);
    assert_ne!(broken, text);
    std::fs::write(clean.join("offer.yaml"), &broken).unwrap();
    git(repo.path(), &["add", "-A"]);
    let started = std::time::Instant::now();
    let (ok, out) = try_repo(&source, repo.path(), home.path(), hook, env);
    eprintln!(
        "{hook}: first run, hook install included: {:.1} s",
        started.elapsed().as_secs_f64()
    );
    assert!(!ok, "the hook fails:\n{out}");
    assert!(
        out.contains("offer-id-format"),
        "the rule id is shown:\n{out}"
    );
    assert!(
        out.contains("offers/fabrikam-secure-linux/offer.yaml"),
        "{out}"
    );

    // 2. The clean manifest passes.
    std::fs::write(clean.join("offer.yaml"), &text).unwrap();
    git(repo.path(), &["add", "-A"]);
    let (ok, out) = try_repo(&source, repo.path(), home.path(), hook, env);
    assert!(ok, "the hook passes:\n{out}");
    assert!(
        out.contains("offer-lint") && out.contains("Passed"),
        "{out}"
    );

    // 3. An excluded folder wins over the files pre-commit passes (--force-exclude).
    write(repo.path(), "legacy/old/offer.yaml", &broken);
    write(repo.path(), ".offer-lint.yaml", "exclude: [legacy]\n");
    git(repo.path(), &["add", "-A"]);
    let (ok, out) = try_repo(&source, repo.path(), home.path(), hook, env);
    assert!(ok, "legacy/ is excluded by .offer-lint.yaml:\n{out}");
}

#[test]
fn pre_commit_src_hook_builds_from_source_and_lints() {
    if pre_commit().is_none() {
        return;
    }
    // The hook's environment is a `cargo install` (the release profile): the same binary
    // built with less optimisation is all this test needs, and takes a fraction of the time
    // on CI's two cores.
    let less: [(&str, &OsStr); 2] = [
        ("CARGO_PROFILE_RELEASE_OPT_LEVEL", OsStr::new("1")),
        ("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", OsStr::new("16")),
    ];
    hook_cases("offer-lint-src", &less);
}

/// The `offer-lint` wheel, built once by maturin as the release workflow builds it, but with
/// the dev profile (the packaging is what is under test), in a target folder of its own so
/// that the binary the other tests run is never rebuilt under them.
fn wheels() -> Option<&'static Path> {
    static WHEELS: std::sync::OnceLock<Option<PathBuf>> = std::sync::OnceLock::new();
    WHEELS
        .get_or_init(|| {
            let found = std::env::var_os("MATURIN")
                .map(PathBuf::from)
                .or_else(|| on_path("maturin"));
            let maturin = require("maturin (PyPI maturin)", found)?;
            let out_dir = tempfile::tempdir().unwrap().keep();
            let out = Process::new(maturin)
                .current_dir(project().join("python/offer-lint"))
                .env("CARGO_TARGET_DIR", project().join("target/wheel-test"))
                .args(["build", "--profile", "dev", "--out"])
                .arg(&out_dir)
                .output()
                .expect("maturin runs");
            assert!(
                out.status.success(),
                "maturin build: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            Some(out_dir)
        })
        .as_deref()
}

#[test]
fn the_wheel_installs_in_a_fresh_venv_and_lints_the_demo() {
    let Some(wheels) = wheels() else { return };
    let venv = tempfile::tempdir().unwrap();
    let made = Process::new("python3")
        .args(["-m", "venv"])
        .arg(venv.path())
        .status()
        .expect("python3 runs");
    assert!(made.success());
    let out = Process::new(venv.path().join("bin/pip"))
        .args(["install", "--quiet", "--disable-pip-version-check"])
        .args(["--no-index", "--find-links"])
        .arg(wheels)
        .arg("offer-lint")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let installed = venv.path().join("bin/offer-lint");
    let out = Process::new(&installed).arg("--version").output().unwrap();
    let version = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        version.trim(),
        format!("offer-lint {}", env!("CARGO_PKG_VERSION"))
    );
    let out = Process::new(&installed)
        .args(["check", "fixtures/demo"])
        .current_dir(project())
        .env("OFFER_LINT_NOW", NOW)
        .env("NO_COLOR", "1")
        .env_remove("GITHUB_ACTIONS")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(1),
        "the demo has an offer with mistakes:\n{text}"
    );
    assert!(text.contains("fabrikam-windows-server"), "{text}");
}

/// The default hook, `language: python`, as a user gets it: pre-commit installs the hook
/// repository (a package that only requires the wheel), pip resolves the wheel from a local
/// folder with no index, and no compiler is ever called (a `cargo`, `rustc` and `maturin`
/// first on PATH log every call).
#[test]
fn pre_commit_python_hook_installs_the_wheel_offline_without_compiling() {
    if pre_commit().is_none() {
        return;
    }
    let Some(wheels) = wheels() else { return };
    let fake = tempfile::tempdir().unwrap();
    let mark = fake.path().join("compiled");
    for tool in ["cargo", "rustc", "maturin"] {
        let script = fake.path().join(tool);
        let body = format!(
            "#!/bin/sh\necho \"{tool} $*\" >> '{}'\nexit 1\n",
            mark.display()
        );
        std::fs::write(&script, body).unwrap();
        let mode = std::os::unix::fs::PermissionsExt::from_mode(0o755);
        std::fs::set_permissions(&script, mode).unwrap();
    }
    let path = std::env::join_paths(std::iter::once(fake.path().to_path_buf()).chain(
        std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()),
    ))
    .unwrap();
    let env: [(&str, &OsStr); 4] = [
        ("PIP_NO_INDEX", OsStr::new("1")),
        ("PIP_FIND_LINKS", wheels.as_os_str()),
        ("PIP_DISABLE_PIP_VERSION_CHECK", OsStr::new("1")),
        ("PATH", path.as_os_str()),
    ];
    hook_cases("offer-lint", &env);
    // pre-commit asks `rustc --version` while it reads the hook list (offer-lint-src is a rust
    // hook); anything else would be a build.
    let calls = std::fs::read_to_string(&mark).unwrap_or_default();
    eprintln!("calls of the fake compilers: {calls:?}");
    let builds: Vec<&str> = calls
        .lines()
        .filter(|call| !call.ends_with(" --version") && !call.ends_with(" -vV"))
        .collect();
    assert!(builds.is_empty(), "a compiler was called: {builds:?}");
}

// ---------------------------------------------------------------------------------------
// The action's own scripts, run by bash as the runner would, in a shallow pull request clone

/// The `run` script of the step of action.yml with this id.
fn action_script(id: &str) -> String {
    let text = std::fs::read(project().join("action.yml")).unwrap();
    let loaded = offer_lint::load::load_bytes("action.yml", text, &Default::default());
    let doc = loaded.document.expect("action.yml parses");
    doc.value["runs"]["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == id)
        .and_then(|s| s["run"].as_str())
        .unwrap_or_else(|| panic!("action.yml has no step `{id}` with a script"))
        .to_string()
}

fn step(script: &str, dir: &Path, env: &[(&str, &str)]) -> (bool, String) {
    let bin_dir = assert_cmd::cargo::cargo_bin("offer-lint");
    let path = format!(
        "{}:{}",
        bin_dir.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut cmd = Process::new("bash");
    cmd.args(["--noprofile", "--norc", "-eo", "pipefail", "-c", script])
        .current_dir(dir)
        .env("PATH", path)
        .env("OFFER_LINT_NOW", NOW)
        .env("GITHUB_ACTIONS", "true");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("bash runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

#[test]
fn action_steps_fetch_the_base_branch_and_lint_in_github_mode() {
    let root = tempfile::tempdir().unwrap();
    let origin = root.path().join("origin.git");
    let seed = root.path().join("seed");
    git(root.path(), &["init", "-q", "--bare", "origin.git"]);
    git(root.path(), &["init", "-q", "seed"]);
    write(
        &seed,
        "offers/x/offer.yaml",
        "apiVersion: offer-lint/v1\nkind: VirtualMachineOffer\noffer:\n  id: old-id\n",
    );
    write(
        &seed,
        ".offer-lint.yaml",
        "rules:\n  manifest-schema: off\n  offer: off\n  preview: off\n  timeline: off\n",
    );
    git(&seed, &["add", "-A"]);
    git(&seed, &["commit", "-q", "-m", "published"]);
    git(
        &seed,
        &[
            "push",
            "-q",
            origin.to_str().unwrap(),
            "HEAD:refs/heads/main",
        ],
    );
    git(&seed, &["checkout", "-q", "-b", "feature"]);
    write(
        &seed,
        "offers/x/offer.yaml",
        "apiVersion: offer-lint/v1\nkind: VirtualMachineOffer\noffer:\n  id: new-id\n",
    );
    git(&seed, &["commit", "-q", "-am", "rename"]);
    git(&seed, &["push", "-q", origin.to_str().unwrap(), "feature"]);
    // actions/checkout on a pull request: one commit deep, without the base branch.
    let url = format!("file://{}", origin.display());
    git(
        root.path(),
        &[
            "clone",
            "-q",
            "--depth=1",
            "--branch",
            "feature",
            &url,
            "ws",
        ],
    );
    let ws = root.path().join("ws");

    let outputs = root.path().join("outputs");
    let summary = root.path().join("summary.md");
    std::fs::write(&outputs, "").unwrap();
    let files = [
        ("GITHUB_OUTPUT", outputs.to_str().unwrap()),
        ("GITHUB_STEP_SUMMARY", summary.to_str().unwrap()),
    ];

    // The baseline step fetches the base branch and names it.
    let mut env = files.to_vec();
    env.extend([("INPUT_BASELINE", ""), ("BASE_REF", "main")]);
    let (ok, log) = step(&action_script("baseline"), &ws, &env);
    assert!(ok, "{log}");
    assert_eq!(
        std::fs::read_to_string(&outputs).unwrap(),
        "ref=origin/main\n"
    );
    // `none`, and events without a base branch, mean no baseline.
    std::fs::write(&outputs, "").unwrap();
    let mut none = files.to_vec();
    none.extend([("INPUT_BASELINE", "none"), ("BASE_REF", "main")]);
    assert!(step(&action_script("baseline"), &ws, &none).0);
    assert_eq!(std::fs::read_to_string(&outputs).unwrap(), "ref=\n");
    // A resource tree as the baseline: no git ref is used (nor fetched).
    std::fs::write(&outputs, "").unwrap();
    let mut tree = files.to_vec();
    tree.extend([
        ("INPUT_BASELINE", ""),
        ("INPUT_BASELINE_TREE", "published.resource-tree.json"),
        ("BASE_REF", "main"),
    ]);
    assert!(step(&action_script("baseline"), &ws, &tree).0);
    assert_eq!(std::fs::read_to_string(&outputs).unwrap(), "ref=\n");

    // The lint step runs offer-lint in GitHub mode and fails per fail-on.
    std::fs::write(&outputs, "").unwrap();
    let mut env = files.to_vec();
    env.extend([
        ("INPUT_PATHS", "offers"),
        ("INPUT_CONFIG", ""),
        ("INPUT_FAIL_ON", "error"),
        ("INPUT_SARIF_FILE", "out/offer-lint.sarif"),
        ("INPUT_ARGS", "--no-inline-suppressions"),
        ("BASELINE", "origin/main"),
    ]);
    let (ok, log) = step(&action_script("lint"), &ws, &env);
    assert!(!ok, "an error fails the step:\n{log}");
    assert!(
        log.contains("::error file=offers/x/offer.yaml,line=4,endLine=4,col=7,endColumn=13,title=offer-lint (change-offer-id)::"),
        "{log}"
    );
    assert_eq!(
        std::fs::read_to_string(&outputs).unwrap(),
        "errors=1\nwarnings=0\ninfos=0\noffers=1\nsarif-file=out/offer-lint.sarif\n"
    );
    assert!(ws.join("out/offer-lint.sarif").is_file());
    assert!(std::fs::read_to_string(&summary)
        .unwrap()
        .contains("`change-offer-id`"));
    // fail-on: never reports and passes.
    env.retain(|(k, _)| *k != "INPUT_FAIL_ON");
    env.push(("INPUT_FAIL_ON", "never"));
    let (ok, log) = step(&action_script("lint"), &ws, &env);
    assert!(ok, "{log}");

    // baseline-tree is passed on as --baseline-tree (a file that is not a tree is refused).
    std::fs::write(&outputs, "").unwrap();
    write(&ws, "published.resource-tree.json", "{}\n");
    env.retain(|(k, _)| *k != "BASELINE");
    env.extend([
        ("BASELINE", ""),
        ("INPUT_BASELINE_TREE", "published.resource-tree.json"),
    ]);
    let (ok, log) = step(&action_script("lint"), &ws, &env);
    assert!(
        !ok && log.contains("--baseline-tree published.resource-tree.json: not a resource tree"),
        "{log}"
    );
}
