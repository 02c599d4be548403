//! No file that a pull request controls can turn the check green: not an ignore file, a
//! configuration above the repository, a suppression comment, a file name, or the build.

use std::path::Path;
use std::process::Command;

const BROKEN: &str = "apiVersion: offer-lint/v1\nkind: VirtualMachineOffer\nkind: again\n";

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

fn write(dir: &Path, rel: &str, text: &str) {
    let p = dir.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

fn check(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = crate::bin()
        .current_dir(dir)
        .args(["check", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Before: the walker also read `.ignore` files, so one line in a pull request hid every
/// offer; and a `.gitignore` hid a tracked manifest, which git itself still tracks.
#[test]
fn ignore_files_cannot_hide_a_tracked_manifest() {
    let d = tempfile::tempdir().unwrap();
    git(d.path(), &["init", "-q", "-b", "main"]);
    write(d.path(), "offers/bad/offer.yaml", BROKEN);
    git(d.path(), &["add", "-A"]);
    git(d.path(), &["commit", "-qm", "base"]);
    // The pull request's ignore files.
    write(d.path(), ".ignore", "offers/\n");
    write(d.path(), ".gitignore", "offers/bad/\n");
    write(d.path(), "offers/.gitignore", "*.yaml\n");
    let (code, out, err) = check(d.path(), &["."]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.contains("offers/bad/offer.yaml"), "{out}");
    // An untracked file that .gitignore ignores stays ignored, as git has it.
    write(d.path(), "offers/bad/scratch.offer.yaml", BROKEN);
    let (_, out, _) = check(d.path(), &["offers"]);
    assert!(!out.contains("scratch.offer.yaml"), "{out}");
}

/// Before: `.offer-lint.yaml` was looked for in every folder up to `/`, so a file above the
/// checkout (in a shared runner's work folder, say) configured it.
#[test]
fn a_configuration_above_the_repository_is_not_used() {
    let outer = tempfile::tempdir().unwrap();
    write(
        outer.path(),
        ".offer-lint.yaml",
        "rules:\n  manifest: off\n",
    );
    let repo = outer.path().join("repo");
    write(
        &repo,
        "offers/bad/offer.yaml",
        "apiVersion: offer-lint/v1\n",
    );
    std::fs::create_dir_all(repo.join(".git")).unwrap();
    let (code, out, _) = check(&repo, &["offers"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("manifest-schema") || out.contains("manifest-kind"),
        "{out}"
    );
}

/// A run that finds nothing says so, and fails with `--fail-on-empty` (on in the action).
#[test]
fn a_run_that_finds_no_manifest_is_not_green() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "offers/a/offer.yml.bak", BROKEN);
    let (code, _, err) = check(d.path(), &["offers"]);
    assert_eq!(code, 0);
    assert!(err.contains("no offer manifest under offers"), "{err}");
    assert!(err.contains("include"), "{err}");
    let (code, _, _) = check(d.path(), &["--fail-on-empty", "offers"]);
    assert_eq!(code, 1);
}

/// Before: `# offer-lint: disable-file manifest` hid the syntax error of the file it is in.
#[test]
fn no_comment_hides_a_syntax_error() {
    let d = tempfile::tempdir().unwrap();
    write(
        d.path(),
        "a/offer.yaml",
        &format!("# offer-lint: disable-file manifest -- trust me\n{BROKEN}"),
    );
    write(
        d.path(),
        "b/offer.yaml",
        &format!("# offer-lint: disable-file manifest-syntax -- trust me\n{BROKEN}"),
    );
    let (code, out, _) = check(d.path(), &["."]);
    assert_eq!(code, 1, "{out}");
    assert_eq!(out.matches("\"manifest-syntax\"").count(), 2, "{out}");
    assert!(out.contains("suppression-invalid"), "{out}");
}

/// Before: the hook's entry ended before the file names, so a staged file named
/// `--config=x.offer.yaml` was read as the option, naming a configuration that turns every
/// rule off.
#[test]
fn a_staged_file_name_is_never_an_option() {
    let hooks = std::fs::read_to_string(".pre-commit-hooks.yaml").unwrap();
    let entry = hooks
        .lines()
        .filter_map(|l| l.trim().strip_prefix("entry: "))
        .next()
        .expect("an entry");
    let mut words = entry.split_whitespace();
    assert_eq!(words.next(), Some("offer-lint"));
    let args: Vec<&str> = words.collect();
    let d = tempfile::tempdir().unwrap();
    let off: String = offer_lint::rules::Area::ALL
        .iter()
        .map(|a| format!("  {}: off\n", a.name()))
        .collect();
    // Both staged: one names the other as the configuration, which turns every area off.
    let name = "--config=off.offer.yaml";
    write(d.path(), name, &format!("rules:\n{off}"));
    write(d.path(), "off.offer.yaml", &format!("rules:\n{off}"));
    let out = crate::bin()
        .current_dir(d.path())
        .args(&args)
        .args([name, "off.offer.yaml"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "the file is linted as a manifest, and fails: {out:?}"
    );
}

/// The action installs and builds from its own folder with a pinned toolchain: the checkout's
/// files (an `action/install.sh` of its own, rust-toolchain.toml, .cargo/config.toml) are not
/// on the path of the download or the build.
#[test]
fn the_action_builds_outside_the_workspace() {
    let action = std::fs::read_to_string("action.yml").unwrap();
    let step = |name: &str| {
        action
            .split("    - name: ")
            .find(|s| s.starts_with(name))
            .unwrap_or_else(|| panic!("the step {name}"))
            .to_string()
    };
    let install = step("Install offer-lint\n");
    assert!(
        install.contains("run: bash \"$GITHUB_ACTION_PATH/action/install.sh\""),
        "{install}"
    );
    let pinned = install
        .lines()
        .find_map(|l| l.trim().strip_prefix("PINNED_TOOLCHAIN: "))
        .expect("a pinned toolchain");
    let pinned = pinned.trim_matches('"');
    assert_eq!(pinned.split('.').count(), 3, "an exact version: {pinned}");
    assert!(
        pinned.split('.').all(|p| p.parse::<u32>().is_ok()),
        "{pinned}"
    );
    let build = step("Build offer-lint from the action's source");
    assert!(
        build.contains("working-directory: ${{ github.action_path }}"),
        "{build}"
    );
    assert!(
        build.contains("RUSTUP_TOOLCHAIN: ${{ steps.install.outputs.toolchain }}"),
        "{build}"
    );
    assert!(build.contains("--path . "), "{build}");
    for text in [&install, &build] {
        assert!(!text.contains("GITHUB_WORKSPACE"), "{text}");
    }
}
