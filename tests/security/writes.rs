//! Writes never follow a link planted in the repository.

use std::os::unix::fs::symlink;

fn demo_repo() -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    let offer = d.path().join("offers/a");
    std::fs::create_dir_all(&offer).unwrap();
    std::fs::write(
        offer.join("offer.yaml"),
        "apiVersion: offer-lint/v1\nkind: VirtualMachineOffer\n",
    )
    .unwrap();
    d
}

/// Before: `--report sarif=offer-lint.sarif` wrote through the committed link, over the file
/// it points at (here a file outside the repository).
#[test]
fn a_report_is_not_written_through_a_planted_link() {
    let outside = tempfile::tempdir().unwrap();
    let victim = outside.path().join("victim");
    std::fs::write(&victim, "precious").unwrap();
    let d = demo_repo();
    symlink(&victim, d.path().join("offer-lint.sarif")).unwrap();
    let out = crate::bin()
        .current_dir(d.path())
        .args(["check", "--report", "sarif=offer-lint.sarif", "."])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("symbolic link"));
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
}

/// A folder of the repository that is a link out of it is not written into either.
#[test]
fn a_report_is_not_written_into_a_linked_folder() {
    let outside = tempfile::tempdir().unwrap();
    let d = demo_repo();
    symlink(outside.path(), d.path().join("reports")).unwrap();
    let out = crate::bin()
        .current_dir(d.path())
        .args(["check", "--report", "json=reports/out.json", "."])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert_eq!(std::fs::read_dir(outside.path()).unwrap().count(), 0);
}

/// `schema --output` too.
#[test]
fn the_schema_is_not_written_through_a_planted_link() {
    let outside = tempfile::tempdir().unwrap();
    let victim = outside.path().join("victim");
    std::fs::write(&victim, "precious").unwrap();
    let d = demo_repo();
    symlink(&victim, d.path().join("offer.schema.json")).unwrap();
    let out = crate::bin()
        .current_dir(d.path())
        .args(["schema", "--output", "offer.schema.json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
}

/// A report replaces a regular file whole, and a path the user gives outside the working
/// directory is theirs to choose.
#[test]
fn reports_replace_regular_files_and_go_where_named() {
    let d = demo_repo();
    std::fs::write(d.path().join("old.json"), "stale").unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let far = elsewhere.path().join("deep/report.sarif");
    let out = crate::bin()
        .current_dir(d.path())
        .args(["check", "--report", "json=old.json", "--report"])
        .arg(format!("sarif={}", far.display()))
        .arg(".")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let json = std::fs::read_to_string(d.path().join("old.json")).unwrap();
    assert!(json.starts_with('{'), "{json}");
    assert!(far.is_file());
    let leftovers: Vec<_> = std::fs::read_dir(d.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}
