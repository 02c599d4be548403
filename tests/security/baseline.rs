//! `--baseline`: nothing in the checkout configures the git that offer-lint runs.

use std::path::Path;
use std::process::Command;

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .args(["-c", "user.email=t@example.com", "-c", "user.name=t"])
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.success(), "git {args:?}: {out:?}");
}

/// A folder committed in the pull request that git would take for a bare repository: its
/// `config` runs a command on a lazy fetch (a promisor remote's `uploadpack`), on fsmonitor
/// and through a hook, each touching a marker file outside the repository.
fn plant_bare_repository(folder: &Path, marker: &Path) {
    std::fs::create_dir_all(folder.join("objects/info")).unwrap();
    std::fs::create_dir_all(folder.join("refs/heads")).unwrap();
    std::fs::create_dir_all(folder.join("hooks")).unwrap();
    std::fs::write(folder.join("HEAD"), "ref: refs/heads/main\n").unwrap();
    let m = marker.display();
    std::fs::write(
        folder.join("config"),
        format!(
            "[core]\n\trepositoryformatversion = 1\n\tbare = true\n\tfsmonitor = \"touch {m}.fsmonitor; false\"\n\tsshCommand = \"touch {m}.ssh\"\n\
             [extensions]\n\tpartialClone = origin\n\
             [remote \"origin\"]\n\turl = {}\n\tpromisor = true\n\tuploadpack = \"touch {m}.uploadpack; false\"\n",
            folder.display()
        ),
    )
    .unwrap();
    std::fs::write(folder.join("objects/info/.keep"), "").unwrap();
    std::fs::write(folder.join("refs/heads/.keep"), "").unwrap();
    let hook = folder.join("hooks/post-checkout");
    std::fs::write(&hook, format!("#!/bin/sh\ntouch {m}.hook\n")).unwrap();
}

/// Before: `git -C offers/evil ls-tree <commit>` ran in the planted repository, and the lazy
/// fetch of the missing commit ran its `uploadpack`.
#[test]
fn a_planted_bare_repository_runs_nothing() {
    let outside = tempfile::tempdir().unwrap();
    let marker = outside.path().join("PWNED");
    let d = tempfile::tempdir().unwrap();
    let repo = d.path();
    git(repo, &["init", "-q", "-b", "main"]);
    let evil = repo.join("offers/evil");
    std::fs::create_dir_all(&evil).unwrap();
    std::fs::write(
        evil.join("offer.yaml"),
        "apiVersion: offer-lint/v1\nkind: VirtualMachineOffer\noffer:\n  id: evil-offer\n",
    )
    .unwrap();
    git(repo, &["add", "-A"]);
    git(repo, &["commit", "-qm", "base"]);
    // The pull request: the manifest changes and a bare repository appears beside it.
    plant_bare_repository(&evil, &marker);
    std::fs::write(
        evil.join("offer.yaml"),
        "apiVersion: offer-lint/v1\nkind: VirtualMachineOffer\noffer:\n  id: renamed-offer\n",
    )
    .unwrap();
    git(repo, &["add", "-A"]);
    git(repo, &["commit", "-qm", "pull request"]);

    for (cwd, path) in [(repo.to_path_buf(), "offers"), (evil.clone(), ".")] {
        let out = crate::bin()
            .current_dir(&cwd)
            .args(["check", "--format", "json", "--baseline", "HEAD~1", path])
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            stdout.contains("change-offer-id"),
            "the baseline is still read, from the real repository:\n{stdout}\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let touched: Vec<_> = std::fs::read_dir(outside.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(
        touched.is_empty(),
        "git ran the planted configuration: {touched:?}"
    );
}

/// The ref is resolved in the repository root's git directory even when the linted folder
/// is the planted one: a ref that exists only there is unknown.
#[test]
fn refs_of_a_planted_repository_are_not_used() {
    let d = tempfile::tempdir().unwrap();
    let repo = d.path();
    git(repo, &["init", "-q", "-b", "main"]);
    std::fs::write(repo.join("README"), "x").unwrap();
    git(repo, &["add", "-A"]);
    git(repo, &["commit", "-qm", "base"]);
    // A repository with a branch the checkout does not have, committed as a bare copy.
    let other = tempfile::tempdir().unwrap();
    git(other.path(), &["init", "-q", "-b", "only-here"]);
    std::fs::write(other.path().join("x"), "x").unwrap();
    git(other.path(), &["add", "-A"]);
    git(other.path(), &["commit", "-qm", "other"]);
    let inner = repo.join("offers/inner");
    git(
        repo,
        &[
            "clone",
            "-q",
            "--bare",
            other.path().to_str().unwrap(),
            "offers/inner",
        ],
    );
    let out = crate::bin()
        .current_dir(&inner)
        .args(["check", "--baseline", "only-here", "."])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("unknown git ref `only-here`"),
        "{out:?}"
    );
}
