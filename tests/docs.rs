//! The generated references in `docs/` are current, and the project stands alone.
//!
//! A stale file fails with the command that rewrites it:
//! `OFFER_LINT_UPDATE_DOCS=1 cargo test --test docs`.

use offer_lint::docs;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn check_or_update(rel: &str, want: &str) {
    let path = root().join(rel);
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    if have == want {
        return;
    }
    if std::env::var_os("OFFER_LINT_UPDATE_DOCS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, want).unwrap();
        return;
    }
    panic!("{rel} is stale: run `OFFER_LINT_UPDATE_DOCS=1 cargo test --test docs` and commit it");
}

#[test]
fn rules_reference_is_current() {
    check_or_update("docs/rules.md", &docs::rules_md());
}

#[test]
fn cli_reference_is_current() {
    check_or_update("docs/cli.md", &docs::cli_md());
}

#[test]
fn manifest_key_table_is_current() {
    let have = std::fs::read_to_string(root().join("docs/manifest.md")).unwrap();
    let start = have
        .find(docs::KEYS_START)
        .expect("the start marker of the key table");
    let end = have
        .find(docs::KEYS_END)
        .expect("the end marker of the key table");
    let want = format!(
        "{}{}\n\n{}{}",
        &have[..start],
        docs::KEYS_START,
        docs::manifest_keys(),
        &have[end..]
    );
    check_or_update("docs/manifest.md", &want);
}

/// Every key of the schema is in the table.
#[test]
fn manifest_key_table_names_the_keys_people_write() {
    let table = docs::manifest_keys();
    for key in [
        "`offer.id`",
        "`listing.title`",
        "`plans[].technicalConfiguration.operatingSystem.family`",
        "`setup.customerLeads.leadDestination`",
        "`publish.targetGoLive`",
    ] {
        assert!(table.contains(key), "{key} missing from the key table");
    }
}

/// The complete example of the manifest format, with its assets, lints clean.
#[test]
fn the_documented_example_lints_clean() {
    let spec = std::fs::read_to_string(root().join("docs/manifest.md")).unwrap();
    let start = spec
        .find("## A complete example")
        .expect("the example section");
    let block = &spec[start..];
    let yaml = &block[block.find("```yaml\n").unwrap() + 8..];
    let yaml = &yaml[..yaml.find("```").unwrap()];
    let fixture = std::fs::read_to_string(root().join("fixtures/example/offer.yaml")).unwrap();
    assert_eq!(
        yaml, fixture,
        "docs/manifest.md's example and fixtures/example/offer.yaml differ"
    );
    let out = assert_cmd::Command::cargo_bin("offer-lint")
        .unwrap()
        .env_remove("GITHUB_ACTIONS")
        .env("HARDENED_2204_OS_VHD_SAS", "https://contosoimages.blob.core.windows.net/vhds/hardened-2204.vhd?sv=2022-11-02&sr=b&sp=rl&st=2026-11-01T00:00:00Z&se=2027-02-01T00:00:00Z&sig=c2lnbmF0dXJl")
        .env("TEST_DRIVE_CLIENT_SECRET", "not-a-real-secret")
        .args(["check", "--now", "2026-11-24T00:00:00Z", "--format", "json"])
        .args(["--allow-env", "HARDENED_*", "--allow-env", "TEST_DRIVE_CLIENT_SECRET"])
        .arg(root().join("fixtures/example"))
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["diagnostics"], serde_json::json!([]), "{v}");
    assert_eq!(out.status.code(), Some(0));
}

/// No file of the project reads or names the material it was written from: everything it
/// needs is inside the repository, with its public source.
#[test]
fn the_project_stands_alone() {
    let names = [
        concat!("..", "/shared"),
        concat!("shared", "/spec"),
        concat!("domain", ".md"),
        concat!("spec", "/timeline.md"),
        concat!("spec", "/rules.md"),
    ];
    let mut files = Vec::new();
    collect(&root(), &mut files);
    let mut hits = Vec::new();
    for path in files {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        for (i, line) in text.lines().enumerate() {
            if names.iter().any(|n| line.contains(n)) {
                let rel = path.strip_prefix(root()).unwrap_or(Path::new(""));
                hits.push(format!("{}:{}: {}", rel.display(), i + 1, line.trim()));
            }
        }
    }
    assert!(
        hits.is_empty(),
        "names outside the project:\n{}",
        hits.join("\n")
    );
}

/// The project's files: everything but build output, git's own folder and fuzzing scratch.
fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.filter_map(Result::ok) {
        let name = e.file_name().to_string_lossy().into_owned();
        let Ok(t) = e.file_type() else { continue };
        if t.is_dir() {
            if !matches!(
                name.as_str(),
                "target" | ".git" | "artifacts" | "node_modules"
            ) {
                collect(&e.path(), out);
            }
        } else if t.is_file() {
            out.push(e.path());
        }
    }
}
