//! `--baseline <git ref>` and the `change-*` rules, against real temporary git repositories:
//! a manifest is committed (the published state), edited in the work tree, and checked with
//! the binary. One test per rule, plus new manifests, environment references and git errors.

use std::path::Path;
use std::process::Command as Process;

use assert_cmd::Command;
use serde_json::Value;

const NOW: &str = "2026-11-24T00:00:00Z";

/// Every area but `change` off, so that each test sees only what the change rules say.
const CONFIG: &str = "\
rules:
  manifest: off
  offer: off
  leads: off
  properties: off
  listing: off
  media: off
  preview: off
  plans: off
  pricing: off
  tech: off
  cert: off
  sas: off
  test-drive: off
  timeline: off
";

/// The published manifest: two plans; `alpha` has one x64Gen2 version with one data disk.
const BASE: &str = "\
apiVersion: offer-lint/v1
kind: VirtualMachineOffer
offer:
  id: contoso-ubuntu
  alias: Contoso Ubuntu
properties:
  categories: { compute: [operating-systems] }
  termsConditions: standardMicrosoft
plans:
  - id: alpha
    azureRegions: [azureGlobal, azureGovernment]
    visibility: visible
    audience: public
    technicalConfiguration:
      skus:
        - { imageType: x64Gen2, skuId: alpha }
      vmImageVersions:
        - versionNumber: 1.0.0
          lifecycleState: generallyAvailable
          vmImages:
            - imageType: x64Gen2
              source:
                sourceType: sasUri
                osDisk:
                  uri: https://contoso.blob.core.windows.net/vhds/os-1.0.0.vhd?sv=2022-11-02&sig=AAA
                dataDisks:
                  - { lunNumber: 0, uri: https://contoso.blob.core.windows.net/vhds/data-1.0.0.vhd?sig=AAA }
  - id: beta
    azureRegions: [azureGlobal]
    visibility: visible
    audience: public
";

/// A finding as the tests compare it: (rule, severity, line, pointer, message).
type Found = (String, String, u64, String, String);

/// A temporary git repository holding `offers/contoso/offer.yaml`, committed on `main`.
struct Repo {
    dir: tempfile::TempDir,
}

const MANIFEST: &str = "offers/contoso/offer.yaml";

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
        .args([
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

impl Repo {
    /// A repository whose first commit holds `published` as the manifest.
    fn new(published: &str) -> Repo {
        let repo = Repo {
            dir: tempfile::tempdir().unwrap(),
        };
        git(repo.path(), &["init", "-q"]);
        repo.write(".offer-lint.yaml", CONFIG);
        repo.write(MANIFEST, published);
        git(repo.path(), &["add", "-A"]);
        git(repo.path(), &["commit", "-q", "-m", "published"]);
        repo
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn write(&self, rel: &str, text: &str) {
        let p = self.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    fn cmd(&self) -> Command {
        let mut c = Command::cargo_bin("offer-lint").unwrap();
        c.current_dir(self.path())
            .env_remove("GITHUB_ACTIONS")
            .env_remove("NO_COLOR")
            .env("OFFER_LINT_NOW", NOW);
        c
    }

    /// Runs `check --baseline main --format json` on the manifest; returns the exit code and
    /// the findings as (rule, severity, line, pointer, message).
    fn check(&self) -> (i32, Vec<Found>) {
        let out = self
            .cmd()
            .args(["check", "--baseline", "main", "--format", "json", MANIFEST])
            .output()
            .unwrap();
        let doc: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
            panic!(
                "not JSON ({e}): {}\n{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            )
        });
        let findings = doc["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                (
                    d["rule"].as_str().unwrap().to_string(),
                    d["severity"].as_str().unwrap().to_string(),
                    d["line"].as_u64().unwrap(),
                    d["pointer"].as_str().unwrap().to_string(),
                    d["message"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        (out.status.code().unwrap_or(-1), findings)
    }

    /// Edits the manifest in the work tree and returns the findings of the check.
    fn edit(&self, from: &str, to: &str) -> Vec<Found> {
        let text = std::fs::read_to_string(self.path().join(MANIFEST)).unwrap();
        assert!(text.contains(from), "the manifest has no `{from}`");
        self.write(MANIFEST, &text.replacen(from, to, 1));
        self.check().1
    }
}

/// The 1-based line of the first occurrence of `needle` in `text`.
fn line_of(text: &str, needle: &str) -> u64 {
    let at = text.find(needle).unwrap_or_else(|| panic!("no `{needle}`"));
    text[..at].matches('\n').count() as u64 + 1
}

fn rules(findings: &[Found]) -> Vec<&str> {
    findings.iter().map(|f| f.0.as_str()).collect()
}

#[test]
fn an_unchanged_manifest_has_no_change_finding() {
    let repo = Repo::new(BASE);
    let (code, findings) = repo.check();
    assert_eq!(code, 0);
    assert!(findings.is_empty(), "{findings:?}");
}

#[test]
fn change_offer_id() {
    let repo = Repo::new(BASE);
    let f = repo.edit("id: contoso-ubuntu", "id: contoso-ubuntu-lts");
    assert_eq!(rules(&f), ["change-offer-id"]);
    let (_, sev, line, pointer, message) = &f[0];
    assert_eq!(
        (sev.as_str(), *line, pointer.as_str()),
        ("error", line_of(BASE, "id: contoso-ubuntu"), "/offer/id")
    );
    assert!(
        message.contains("`contoso-ubuntu-lts`")
            && message.contains("at `main` it is `contoso-ubuntu`"),
        "{message}"
    );
    assert_eq!(repo.check().0, 1, "an error fails the run");
}

#[test]
fn change_plan_removed() {
    let repo = Repo::new(BASE);
    let f = repo.edit(
        "  - id: beta\n    azureRegions: [azureGlobal]\n    visibility: visible\n    audience: public\n",
        "",
    );
    assert_eq!(rules(&f), ["change-plan-removed"]);
    let (_, sev, line, pointer, message) = &f[0];
    assert_eq!(
        (sev.as_str(), *line, pointer.as_str()),
        ("warning", line_of(BASE, "plans:"), "/plans")
    );
    assert!(message.contains("plan `beta`"), "{message}");
    // A warning does not fail the run at the default fail level.
    assert_eq!(repo.check().0, 0);
}

#[test]
fn change_plan_renamed_is_a_removal() {
    let repo = Repo::new(BASE);
    let f = repo.edit("- id: beta", "- id: beta-2");
    assert_eq!(rules(&f), ["change-plan-removed"]);
}

#[test]
fn change_region_removed() {
    let repo = Repo::new(BASE);
    let f = repo.edit(
        "azureRegions: [azureGlobal, azureGovernment]",
        "azureRegions: [azureGlobal]",
    );
    assert_eq!(rules(&f), ["change-region-removed"]);
    let (_, sev, line, pointer, message) = &f[0];
    assert_eq!(
        (sev.as_str(), *line, pointer.as_str()),
        (
            "error",
            line_of(BASE, "azureRegions: [azureGlobal, azureGovernment]"),
            "/plans/0/azureRegions"
        )
    );
    assert!(
        message.contains("plan `alpha` no longer lists `azureGovernment`"),
        "{message}"
    );
}

#[test]
fn change_visibility() {
    let repo = Repo::new(BASE);
    let f = repo.edit(
        "    audience: public\n    technicalConfiguration:",
        "    audience: private\n    privateAudiences: [{ type: tenant, id: 7f3d1c0e-5b1a-4c7e-9f0a-2d6e8b4a1c33, label: Fabrikam }]\n    technicalConfiguration:",
    );
    assert_eq!(rules(&f), ["change-visibility"]);
    let (_, sev, _, pointer, message) = &f[0];
    assert_eq!(
        (sev.as_str(), pointer.as_str()),
        ("error", "/plans/0/audience")
    );
    assert!(
        message.contains("plan `alpha` is public at `main`"),
        "{message}"
    );
    // Hiding a plan is allowed.
    let repo = Repo::new(BASE);
    assert!(repo
        .edit("visibility: visible", "visibility: hidden")
        .is_empty());
}

#[test]
fn change_published_image() {
    let repo = Repo::new(BASE);
    // A fresh SAS signature for the same blob, and deprecating the version, are allowed.
    let f = repo.edit(
        "os-1.0.0.vhd?sv=2022-11-02&sig=AAA",
        "os-1.0.0.vhd?sv=2022-11-02&sig=BBB",
    );
    assert!(f.is_empty(), "{f:?}");
    assert!(repo
        .edit(
            "lifecycleState: generallyAvailable",
            "lifecycleState: deprecated"
        )
        .is_empty());
    // Another blob is another image.
    let f = repo.edit("os-1.0.0.vhd", "os-1.0.1.vhd");
    assert_eq!(rules(&f), ["change-published-image"]);
    let (_, sev, line, pointer, message) = &f[0];
    assert_eq!(
        (sev.as_str(), *line, pointer.as_str()),
        (
            "error",
            line_of(
                BASE,
                "uri: https://contoso.blob.core.windows.net/vhds/os-1.0.0"
            ),
            "/plans/0/technicalConfiguration/vmImageVersions/0/vmImages/0/source/osDisk/uri"
        )
    );
    assert!(
        message.contains("version `1.0.0` of plan `alpha`")
            && message.contains("source.osDisk.uri changed"),
        "{message}"
    );
}

#[test]
fn change_image_version_dropped() {
    let repo = Repo::new(BASE);
    let f = repo.edit("versionNumber: 1.0.0", "versionNumber: 2.0.0");
    // 1.0.0 is gone (and 2.0.0 is new, with the same disks: nothing else to say).
    assert_eq!(rules(&f), ["change-image-version-dropped"]);
    assert!(
        f[0].4.contains("`1.0.0`") && f[0].4.contains("no longer listed"),
        "{:?}",
        f[0]
    );
    assert_eq!(f[0].3, "/plans/0/technicalConfiguration/vmImageVersions");
    assert_eq!(f[0].2, line_of(BASE, "vmImageVersions:"));
    // Deprecated, the version stays listed: nothing to say.
    repo.write(MANIFEST, BASE);
    assert!(repo
        .edit(
            "lifecycleState: generallyAvailable",
            "lifecycleState: deprecated"
        )
        .is_empty());
}

#[test]
fn change_image_version_dropped_passes_for_a_deleted_version() {
    let deleted = BASE.replace(
        "lifecycleState: generallyAvailable",
        "lifecycleState: deleted",
    );
    let repo = Repo::new(&deleted);
    let f = repo.edit("versionNumber: 1.0.0", "versionNumber: 2.0.0");
    assert!(
        !rules(&f).contains(&"change-image-version-dropped"),
        "{f:?}"
    );
}

/// A new version `number` of `alpha` with `disks` data disks, appended after 1.0.0.
fn new_version(number: &str, disks: usize) -> String {
    let mut s = format!(
        "        - versionNumber: {number}\n          lifecycleState: generallyAvailable\n          vmImages:\n            - imageType: x64Gen2\n              source:\n                sourceType: sasUri\n                osDisk:\n                  uri: https://contoso.blob.core.windows.net/vhds/os-{number}.vhd?sig=AAA\n                dataDisks:\n"
    );
    for lun in 0..disks {
        s.push_str(&format!(
            "                  - {{ lunNumber: {lun}, uri: https://contoso.blob.core.windows.net/vhds/data{lun}-{number}.vhd?sig=AAA }}\n"
        ));
    }
    if disks == 0 {
        s = s.replace("dataDisks:\n", "dataDisks: []\n");
    }
    s
}

const AFTER_1_0_0: &str = "  - id: beta\n";

#[test]
fn change_image_version_count() {
    let repo = Repo::new(BASE);
    // One new version is fine.
    let one = format!("{}{AFTER_1_0_0}", new_version("1.1.0", 1));
    assert!(repo.edit(AFTER_1_0_0, &one).is_empty());
    // A second new x64Gen2 version in the same change is not.
    let two = format!("{}{AFTER_1_0_0}", new_version("1.2.0", 1));
    let f = repo.edit(AFTER_1_0_0, &two);
    assert_eq!(rules(&f), ["change-image-version-count"]);
    let (_, sev, _, pointer, message) = &f[0];
    assert_eq!(
        (sev.as_str(), pointer.as_str()),
        (
            "error",
            "/plans/0/technicalConfiguration/vmImageVersions/2/versionNumber"
        )
    );
    assert!(
        message.contains("`1.2.0`") && message.contains("`1.1.0` is new too"),
        "{message}"
    );
}

#[test]
fn change_legal_terms() {
    let repo = Repo::new(BASE);
    let f = repo.edit(
        "termsConditions: standardMicrosoft",
        "termsConditions: custom\n  termsOfUseUrl: https://contoso.example/terms",
    );
    assert_eq!(rules(&f), ["change-legal-terms"]);
    let (_, sev, line, pointer, _) = &f[0];
    assert_eq!(
        (sev.as_str(), *line, pointer.as_str()),
        (
            "error",
            line_of(BASE, "termsConditions"),
            "/properties/termsConditions"
        )
    );
}

#[test]
fn change_data_disk_count() {
    let repo = Repo::new(BASE);
    let zero = format!("{}{AFTER_1_0_0}", new_version("1.1.0", 0));
    let f = repo.edit(AFTER_1_0_0, &zero);
    assert_eq!(rules(&f), ["change-data-disk-count"]);
    let (_, sev, _, pointer, message) = &f[0];
    assert_eq!(
        (sev.as_str(), pointer.as_str()),
        (
            "error",
            "/plans/0/technicalConfiguration/vmImageVersions/1/vmImages/0/source/dataDisks"
        )
    );
    assert!(
        message.contains("has 0 data disks") && message.contains("have 1 data disk;"),
        "{message}"
    );
}

#[test]
fn a_new_manifest_gets_no_change_rule() {
    let repo = Repo::new(BASE);
    // Not in the baseline commit (untracked), and different from everything published.
    let other = BASE
        .replace("contoso-ubuntu", "contoso-other")
        .replace("standardMicrosoft", "custom");
    repo.write("offers/other/offer.yaml", &other);
    let out = repo
        .cmd()
        .args(["check", "--baseline", "main", "--format", "json", "offers"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["files"], 2);
    assert_eq!(doc["diagnostics"], Value::Array(vec![]));
}

#[test]
fn environment_references_compare_as_written() {
    let published = BASE.replace(
        "https://contoso.blob.core.windows.net/vhds/os-1.0.0.vhd?sv=2022-11-02&sig=AAA",
        "${env:ALPHA_OS_SAS}",
    );
    let repo = Repo::new(&published);
    // The variable resolves to some URL now; the manifest still says the same thing.
    let out = repo
        .cmd()
        .env(
            "ALPHA_OS_SAS",
            "https://other.blob.core.windows.net/x/y.vhd?sig=SECRET",
        )
        .args(["check", "--baseline", "main", "--format", "json", MANIFEST])
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["diagnostics"], Value::Array(vec![]), "{doc}");
}

#[test]
fn a_baseline_from_another_commit_and_a_subfolder() {
    let repo = Repo::new(BASE);
    git(repo.path(), &["tag", "v1"]);
    repo.write(
        MANIFEST,
        &BASE.replace("id: contoso-ubuntu", "id: contoso-renamed"),
    );
    git(repo.path(), &["commit", "-q", "-am", "rename"]);
    // HEAD is renamed already: no change against HEAD, one against the tag.
    let run = |rev: &str| {
        let out = repo
            .cmd()
            .current_dir(repo.path().join("offers"))
            .args([
                "check",
                "--baseline",
                rev,
                "--format",
                "json",
                "contoso/offer.yaml",
            ])
            .output()
            .unwrap();
        let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
        doc["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["rule"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    assert!(run("HEAD").is_empty());
    assert_eq!(run("v1"), ["change-offer-id"]);
    assert_eq!(run("HEAD~1"), ["change-offer-id"]);
}

#[test]
fn an_unknown_ref_is_a_usage_error() {
    let repo = Repo::new(BASE);
    let out = repo
        .cmd()
        .args(["check", "--baseline", "no-such-branch", MANIFEST])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("unknown git ref `no-such-branch`"), "{err}");
    assert!(
        out.stdout.is_empty(),
        "nothing is linted before the ref is known"
    );
    let out = repo
        .cmd()
        .args(["check", "--baseline", "--upload-pack=x", MANIFEST])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn outside_a_repository_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("offer.yaml"), BASE).unwrap();
    let out = Command::cargo_bin("offer-lint")
        .unwrap()
        .current_dir(dir.path())
        .env("GIT_CEILING_DIRECTORIES", dir.path().parent().unwrap())
        .args(["check", "--baseline", "main", "offer.yaml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("is not inside a git repository"), "{err}");
}

#[test]
fn a_baseline_that_does_not_parse_is_a_warning() {
    let repo = Repo::new("apiVersion: offer-lint/v1\nkind: [unclosed\n");
    repo.write(MANIFEST, BASE);
    let out = repo
        .cmd()
        .args(["check", "--baseline", "main", "--format", "json", MANIFEST])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("warning") && err.contains("does not parse"),
        "{err}"
    );
}

#[test]
fn change_findings_reach_every_format() {
    let repo = Repo::new(BASE);
    repo.edit("id: contoso-ubuntu", "id: contoso-ubuntu-lts");
    let out = repo
        .cmd()
        .args(["check", "--baseline", "main", "--format", "sarif", MANIFEST])
        .output()
        .unwrap();
    let sarif: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(sarif["runs"][0]["results"][0]["ruleId"], "change-offer-id");
    assert_eq!(
        sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
            ["uri"],
        MANIFEST
    );
    let out = repo
        .cmd()
        .args([
            "check",
            "--baseline",
            "main",
            "--format",
            "markdown",
            MANIFEST,
        ])
        .output()
        .unwrap();
    let md = String::from_utf8_lossy(&out.stdout);
    assert!(
        md.contains("compared with `main`") && md.contains("`change-offer-id`"),
        "{md}"
    );
}
