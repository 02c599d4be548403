//! Rendered output under snapshots: the demo repository in the human format (fixed width, no
//! colour), narrated, and as JSON. Review changes with `cargo insta review` or
//! `INSTA_UPDATE=always cargo test --test render` and read the diff.

use assert_cmd::Command;

fn demo(args: &[&str], env: &[(&str, &str)]) -> String {
    let mut c = Command::cargo_bin("offer-lint").unwrap();
    c.env_remove("NO_COLOR")
        .env_remove("NO_GRAPHICS")
        .env_remove("GITHUB_ACTIONS")
        .env_remove("FABRIKAM_SECURE_2204_OS_VHD_SAS")
        .env_remove("FABRIKAM_LAB_OS_VHD_SAS")
        .env_remove("FABRIKAM_LAB_CLIENT_SECRET")
        .env("OFFER_LINT_NOW", "2026-11-24T00:00:00Z")
        .env("COLUMNS", "100")
        .env("TERM", "xterm")
        .args(["check", "fixtures/demo"])
        .args(args);
    for (k, v) in env {
        c.env(k, v);
    }
    let out = c.output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "the demo has errors: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn demo_human() {
    insta::assert_snapshot!("demo_human", demo(&["--color", "never"], &[]));
}

#[test]
fn demo_narrated() {
    insta::assert_snapshot!(
        "demo_narrated",
        demo(&["--color", "never"], &[("NO_GRAPHICS", "1")])
    );
}

#[test]
fn demo_json() {
    insta::assert_snapshot!("demo_json", demo(&["--format", "json"], &[]));
}

#[test]
fn color_always_colours_and_never_does_not() {
    let plain = demo(&["--color", "never"], &[]);
    assert!(!plain.contains('\u{1b}'), "escape codes with --color never");
    let coloured = demo(&["--color", "always"], &[]);
    assert!(
        coloured.contains("\u{1b}["),
        "no escape codes with --color always"
    );
    // NO_COLOR only affects `auto`, and output to a pipe is never coloured in `auto`.
    let auto = demo(&[], &[("NO_COLOR", "1")]);
    assert!(!auto.contains('\u{1b}'));
}
