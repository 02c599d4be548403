//! Manifests and configuration files are read as assets are: a link out of the repository,
//! a FIFO or a device is a located finding, and nothing of it is read or printed.

use std::os::unix::fs::symlink;
use std::path::Path;

const SECRET: &str = "OUTSIDE-THE-REPOSITORY-9f3a";

fn outside_file() -> (tempfile::TempDir, std::path::PathBuf) {
    let d = tempfile::tempdir().unwrap();
    let f = d.path().join("secret.yaml");
    std::fs::write(&f, format!("apiVersion: {SECRET}\nkind: {SECRET}\n")).unwrap();
    (d, f)
}

fn mkfifo(path: &Path) {
    let c = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
}

fn check(dir: &Path, args: &[&str]) -> (i32, String) {
    let out = crate::bin()
        .current_dir(dir)
        .args(["check", "--format", "json"])
        .args(args)
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code().unwrap_or(-1), text)
}

/// Before: `offer.yaml -> /etc/passwd` was read, and its lines shown in the findings.
#[test]
fn a_manifest_linking_out_of_the_repository_is_not_read() {
    let (_o, secret) = outside_file();
    let d = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(d.path().join(".git")).unwrap();
    std::fs::create_dir_all(d.path().join("offers/a")).unwrap();
    symlink(&secret, d.path().join("offers/a/offer.yaml")).unwrap();
    // Found by the walk, and named on the command line (as pre-commit names staged files).
    for args in [&["."][..], &["offers/a/offer.yaml"][..]] {
        let (code, text) = check(d.path(), args);
        assert_eq!(code, 1, "{text}");
        assert!(text.contains("outside the repository"), "{text}");
        assert!(!text.contains(SECRET), "{text}");
    }
}

/// A link to a manifest inside the repository is read as the manifest.
#[test]
fn a_link_inside_the_repository_is_followed() {
    let d = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(d.path().join(".git")).unwrap();
    std::fs::create_dir_all(d.path().join("offers/a")).unwrap();
    std::fs::write(
        d.path().join("common.yaml"),
        "apiVersion: offer-lint/v1\nkind: VirtualMachineOffer\n",
    )
    .unwrap();
    symlink("../../common.yaml", d.path().join("offers/a/offer.yaml")).unwrap();
    let (_, text) = check(d.path(), &["."]);
    assert!(text.contains("manifest-schema"), "{text}");
    assert!(!text.contains("not read"), "{text}");
}

/// Before: a FIFO named like a manifest hung the run, waiting for a writer.
#[test]
fn a_fifo_is_a_finding_not_a_hang() {
    let d = tempfile::tempdir().unwrap();
    mkfifo(&d.path().join("offer.yaml"));
    for args in [&["."][..], &["offer.yaml"][..]] {
        let (code, text) = check(d.path(), args);
        assert_eq!(code, 1, "{text}");
        assert!(text.contains("FIFO"), "{text}");
    }
}

/// A device linked into the repository, and a file of /proc.
#[test]
fn devices_and_proc_files_are_not_read() {
    let d = tempfile::tempdir().unwrap();
    symlink("/dev/zero", d.path().join("zero.offer.yaml")).unwrap();
    symlink("/proc/self/environ", d.path().join("environ.offer.yaml")).unwrap();
    let (code, text) = check(d.path(), &["."]);
    assert_eq!(code, 1, "{text}");
    assert_eq!(text.matches("manifest-syntax").count(), 2, "{text}");
    let (_, text) = check(d.path(), &["/proc/self/environ"]);
    assert!(text.contains("not read"), "{text}");
}

/// Before: `.offer-lint.yaml -> /etc/passwd` printed the lines of the target in
/// config-invalid findings.
#[test]
fn a_configuration_linking_out_of_the_repository_is_not_read() {
    let (_o, secret) = outside_file();
    let d = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(d.path().join(".git")).unwrap();
    symlink(&secret, d.path().join(".offer-lint.yaml")).unwrap();
    std::fs::write(
        d.path().join("offer.yaml"),
        "apiVersion: offer-lint/v1\nkind: VirtualMachineOffer\n",
    )
    .unwrap();
    let (_, text) = check(d.path(), &["."]);
    assert!(text.contains("config-invalid"), "{text}");
    assert!(!text.contains(SECRET), "{text}");
    let fifo = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(fifo.path().join(".git")).unwrap();
    mkfifo(&fifo.path().join(".offer-lint.yaml"));
    let (_, text) = check(fifo.path(), &["."]);
    assert!(text.contains("config-invalid"), "{text}");
}
