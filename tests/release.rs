//! The release's promises that a test can hold: Cargo.toml's `rust-version` is the real
//! minimum of the locked dependencies, and every place that names the version to install
//! (README, action.yml, the hook docs, the changelog) names Cargo.toml's version.

use std::path::Path;
use std::process::Command;

fn project() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn cargo_toml() -> String {
    std::fs::read_to_string(project().join("Cargo.toml")).unwrap()
}

/// A `[package]` key of Cargo.toml (a plain `key = "value"` line).
fn package_key(key: &str) -> String {
    let text = cargo_toml();
    let package = text.split("[package]").nth(1).unwrap();
    let package = package.split("\n[").next().unwrap();
    package
        .lines()
        .find_map(|l| {
            let (k, v) = l.split_once('=')?;
            (k.trim() == key).then(|| v.trim().trim_matches('"').to_string())
        })
        .unwrap_or_else(|| panic!("Cargo.toml has no package.{key}"))
}

fn rust_version(v: &str) -> (u64, u64, u64) {
    let mut parts = v.split('.').map(|p| p.parse::<u64>().unwrap());
    let major = parts.next().unwrap();
    (major, parts.next().unwrap_or(0), parts.next().unwrap_or(0))
}

/// The CI machine has one toolchain and cannot try an older one, so the declared minimum is
/// held against what the locked dependencies declare (all of them, every platform's): lower
/// is a lie that fails on the first older compiler, higher keeps users out for nothing.
/// The release workflow also builds once with exactly this version.
#[test]
fn rust_version_is_the_minimum_of_the_locked_dependencies() {
    let ours = package_key("rust-version");
    let out = Command::new(env!("CARGO"))
        .args(["metadata", "--format-version", "1", "--locked"])
        .current_dir(project())
        .output()
        .expect("cargo metadata runs");
    assert!(
        out.status.success(),
        "cargo metadata: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let metadata: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut needs: Vec<(String, String)> = metadata["packages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["name"] != "offer-lint")
        .filter_map(|p| {
            let v = p["rust_version"].as_str()?;
            Some((
                v.to_string(),
                format!("{} {}", p["name"].as_str()?, p["version"].as_str()?),
            ))
        })
        .collect();
    needs.sort_by_key(|(v, _)| rust_version(v));
    let (highest, by) = needs.last().expect("dependencies declare a rust-version");
    assert!(
        rust_version(&ours) >= rust_version(highest),
        "Cargo.toml says rust-version = {ours}, but the locked {by} needs {highest}"
    );
    assert_eq!(
        rust_version(&ours),
        rust_version(highest),
        "rust-version = {ours} is above what any locked dependency needs ({highest}, {by}): \
         lower it, or say in Cargo.toml which feature of ours needs it"
    );
    // The release workflow's MSRV build uses the same version.
    let release = std::fs::read_to_string(project().join(".github/workflows/release.yml")).unwrap();
    assert!(
        release.contains(&format!("toolchain: \"{ours}\"")),
        "release.yml builds with the declared rust-version {ours}"
    );
}

/// Every `offer-lint@vX`, `rev: vX`, `offer-lint==X`, `offer-lint-X-<target>` and
/// `download/vX` in the files a user copies from.
fn named_versions(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for marker in [
        "offer-lint/offer-lint@v",
        "rev: v",
        "offer-lint==",
        "download/v",
        "offer-lint-",
    ] {
        for (at, _) in text.match_indices(marker) {
            let rest = &text[at + marker.len()..];
            let version: String = rest
                .chars()
                .take_while(|c| c.is_ascii_digit() || *c == '.')
                .collect();
            let version = version.trim_end_matches('.');
            if version.split('.').count() == 3 && version.split('.').all(|p| !p.is_empty()) {
                found.push(version.to_string());
            }
        }
    }
    found
}

#[test]
fn every_install_example_names_the_crates_version() {
    let version = package_key("version");
    let mut files = vec![
        "README.md".to_string(),
        "action.yml".to_string(),
        ".pre-commit-hooks.yaml".to_string(),
        "BENCHMARKS.md".to_string(),
    ];
    for entry in std::fs::read_dir(project().join("docs")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "md") {
            files.push(format!(
                "docs/{}",
                path.file_name().unwrap().to_string_lossy()
            ));
        }
    }
    let mut seen = 0;
    for file in &files {
        let text = std::fs::read_to_string(project().join(file)).unwrap();
        for named in named_versions(&text) {
            seen += 1;
            assert_eq!(
                named, version,
                "{file} names offer-lint {named}, Cargo.toml {version}"
            );
        }
    }
    for file in ["README.md", "action.yml", ".pre-commit-hooks.yaml"] {
        let text = std::fs::read_to_string(project().join(file)).unwrap();
        assert!(
            !named_versions(&text).is_empty(),
            "{file} shows which version to install"
        );
    }
    assert!(seen >= 5, "{seen}");
    // The changelog's newest release is this one.
    let changelog = std::fs::read_to_string(project().join("CHANGELOG.md")).unwrap();
    let newest = changelog
        .lines()
        .find(|l| l.starts_with("## ") && !l.contains("Unreleased"))
        .expect("CHANGELOG.md has a release");
    assert!(
        newest.starts_with(&format!("## [{version}]")),
        "CHANGELOG.md's newest release is `{newest}`, Cargo.toml says {version}"
    );
}

#[test]
fn named_versions_reads_every_form() {
    let text = "uses: offer-lint/offer-lint@v1.2.3\nrev: v1.2.4\npip install offer-lint==1.2.5.\n\
                offer-lint-1.2.6-x86_64-unknown-linux-musl.tar.gz download/v1.2.7/x \
                uses: actions/checkout@v4 offer-lint-src";
    assert_eq!(
        named_versions(text),
        ["1.2.3", "1.2.4", "1.2.5", "1.2.7", "1.2.6"]
    );
}
