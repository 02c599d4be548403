//! `offer-lint init`: a new offer folder to start from.
//!
//! It writes `offer.yaml` (every value the publisher must choose left `""`, so that
//! `offer-lint check` reports each with what to put there, and nothing else), the schema it
//! names for editors, placeholder assets of the sizes Partner Center wants, and a
//! `.offer-lint.yaml` when none applies yet. It never replaces a file: when any of them
//! exists, it writes nothing.

use crate::args::{InitArgs, InitOs};
use std::path::{Path, PathBuf};

const OFFER: &str = include_str!("init/offer.yaml");
const TEST_DRIVE: &str = include_str!("init/test-drive.yaml");
const CONFIG: &str =
    "# offer-lint configuration (written by `offer-lint init`); every key is optional.\n\
# https://github.com/offer-lint/offer-lint/blob/main/docs/configuration.md\n\
fail-on: error\n\
rules: {}\n";

/// The placeholder assets: a 216x216 logo (large: 216-350 px), 90x90 and 48x48 logos, a
/// 1280x720 screenshot, and for a test drive its package and user manual. They are the
/// assets of the documented example, which a test lints clean.
const ASSETS: &[(&str, &[u8], bool)] = &[
    (
        "logo-large.png",
        include_bytes!("../fixtures/example/assets/logo-large.png"),
        false,
    ),
    (
        "logo-90.png",
        include_bytes!("../fixtures/example/assets/logo-90.png"),
        false,
    ),
    (
        "logo-48.png",
        include_bytes!("../fixtures/example/assets/logo-48.png"),
        false,
    ),
    (
        "screenshot-1.png",
        include_bytes!("../fixtures/example/assets/screenshot-1.png"),
        false,
    ),
    (
        "test-drive.zip",
        include_bytes!("../fixtures/example/assets/test-drive.zip"),
        true,
    ),
    (
        "user-manual.pdf",
        include_bytes!("../fixtures/example/assets/user-manual.pdf"),
        true,
    ),
];

/// The manifest for the chosen operating system and test drive.
pub fn manifest(os: InitOs, test_drive: bool) -> String {
    let mut text = OFFER.to_string();
    if os == InitOs::Windows {
        for (linux, windows) in [
            (
                "operatingSystem: { family: linux, type: ubuntu, friendlyName: \"\" }",
                "operatingSystem: { family: windows, type: windowsServer2022, friendlyName: \"\" }",
            ),
            (
                "        - { label: ssh, portRange: \"22\", protocol: tcp }\n",
                "        - { label: rdp, portRange: \"3389\", protocol: tcp }\n",
            ),
            (
                "        supportsCloudInit: true\n",
                "        supportsCloudInit: false\n",
            ),
            (
                "                  sizeGb: 30\n",
                "                  sizeGb: 128\n",
            ),
            (
                "vhd: { format: vhd, diskType: fixed, virtualSizeBytes: 32212254720 }",
                "vhd: { format: vhd, diskType: fixed, virtualSizeBytes: 137438953472 }",
            ),
        ] {
            text = text.replacen(linux, windows, 1);
        }
        // The certification facts of a Windows image instead of a Linux one.
        if let (Some(start), Some(end)) = (
            text.find("                linux:\n"),
            text.find("                # windows: "),
        ) {
            let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i + 1);
            text.replace_range(
                start..line_end,
                "                windows: { approvedBase: true, sysprepGeneralized: true, rdpEnabled: true, bitlockerOnOsDisk: false }\n",
            );
        }
    }
    if test_drive {
        text = text.replacen(
            "    enabled: false                     # when true",
            "    enabled: true                      # when true",
            1,
        );
        let at = text.find("publish:").unwrap_or(text.len());
        text.insert_str(at, TEST_DRIVE);
    }
    text
}

pub fn run(a: &InitArgs) -> Result<u8, String> {
    let dir = &a.dir;
    let schema = crate::check::schema::schemas()
        .map_err(str::to_string)?
        .bundled(crate::check::schema::ROOT)?;
    let mut schema = serde_json::to_string_pretty(&schema).map_err(|e| e.to_string())?;
    schema.push('\n');
    let mut files: Vec<(PathBuf, Vec<u8>)> = vec![
        (
            dir.join("offer.yaml"),
            manifest(a.os, a.test_drive).into_bytes(),
        ),
        (dir.join("offer.schema.json"), schema.into_bytes()),
    ];
    for (name, bytes, for_test_drive) in ASSETS {
        if !for_test_drive || a.test_drive {
            files.push((dir.join("assets").join(name), bytes.to_vec()));
        }
    }
    if crate::config::find(dir).is_none() {
        files.push((
            dir.join(crate::config::FILE_NAME),
            CONFIG.as_bytes().to_vec(),
        ));
    }
    // Nothing is replaced: if any file is there already (or a link by its name), stop first.
    let taken: Vec<String> = files
        .iter()
        .filter(|(p, _)| std::fs::symlink_metadata(p).is_ok())
        .map(|(p, _)| p.display().to_string())
        .collect();
    if !taken.is_empty() {
        return Err(format!(
            "init writes no file over another, and these exist: {}",
            taken.join(", ")
        ));
    }
    for (path, bytes) in &files {
        create_new(path, bytes)?;
    }
    for (path, _) in &files {
        println!(
            "wrote {}",
            crate::escape::one_line(&path.display().to_string())
        );
    }
    let shown = crate::escape::one_line(&dir.display().to_string()).into_owned();
    println!(
        "\nnext: fill in every value left \"\" in {}; `offer-lint check {shown}` lists each with what to put there",
        dir.join("offer.yaml").display()
    );
    Ok(0)
}

/// Creates a file that must not exist yet (no following a link planted by its name).
fn create_new(path: &Path, bytes: &[u8]) -> Result<(), String> {
    use std::io::Write;
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
    }
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| format!("cannot create {}: {e}", path.display()))?;
    f.write_all(bytes)
        .map_err(|e| format!("cannot write {}: {e}", path.display()))
}
