//! Writing the files a user names (`--report FORMAT=FILE`, `schema --output`, `export`):
//! whole or not at all, and never through a link that the checkout planted.
//!
//! The checkout is a stranger's: `offer-lint.sarif -> ~/.bashrc` committed in a pull request
//! would turn a report into an overwrite of the runner's files. So a target that is a
//! symbolic link is refused, as is a target whose folder is reached through a link that
//! leaves the working directory when the path as written stays inside it. The contents go to
//! a new temporary file beside the target, created exclusively (it cannot be a link either),
//! which is then renamed over the target.

use std::io::Write;
use std::path::{Component, Path, PathBuf};

/// How the new file may be read: by everyone (reports), or by its owner only (files that
/// may hold secrets).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    Shared,
    OwnerOnly,
}

/// Writes `contents` to `target`, replacing it as one step.
pub fn replace_file(target: &Path, contents: &[u8], access: Access) -> Result<(), String> {
    replace_file_with(target, access, |w| w.write_all(contents))
}

/// [`replace_file`] with the contents written by `fill` as they are made.
pub fn replace_file_with(
    target: &Path,
    access: Access,
    fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), String> {
    let shown = target.display();
    let dir = prepare(target)?;
    let name = target
        .file_name()
        .ok_or_else(|| format!("{shown} names no file"))?;
    let mut n = 0u32;
    let (tmp, mut file) = loop {
        let tmp = dir.join(format!(
            ".{}.offer-lint-{}-{n}.tmp",
            name.to_string_lossy(),
            std::process::id()
        ));
        match create_new(&tmp, access) {
            Ok(f) => break (tmp, f),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && n < 100 => n += 1,
            Err(e) => return Err(format!("cannot create a file beside {shown}: {e}")),
        }
    };
    let written = fill(&mut file).and_then(|_| file.flush());
    drop(file);
    if let Err(e) = written.and_then(|_| std::fs::rename(&tmp, target)) {
        let _ = std::fs::remove_file(&tmp);
        return Err(format!("cannot write {shown}: {e}"));
    }
    Ok(())
}

#[cfg(unix)]
fn create_new(path: &Path, access: Access) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    let mode = match access {
        Access::Shared => 0o644,
        Access::OwnerOnly => 0o600,
    };
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(mode)
        .open(path)
}

#[cfg(not(unix))]
fn create_new(path: &Path, _access: Access) -> std::io::Result<std::fs::File> {
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
}

/// Checks the target and creates its folder; returns the folder.
fn prepare(target: &Path) -> Result<PathBuf, String> {
    let shown = target.display();
    match std::fs::symlink_metadata(target) {
        Ok(m) if m.file_type().is_symlink() => {
            return Err(format!(
                "{shown} is a symbolic link; offer-lint does not write through links (remove it, or name another file)"
            ))
        }
        Ok(m) if !m.is_file() => return Err(format!("{shown} exists and is not a regular file")),
        _ => {}
    }
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let cwd = std::env::current_dir().map_err(|e| format!("no working directory: {e}"))?;
    let lexical = lexical(&cwd.join(&dir));
    if lexical.starts_with(&cwd) {
        // The path as written stays in the working directory: so must the folder it reaches.
        let real_cwd = cwd.canonicalize().unwrap_or_else(|_| cwd.clone());
        let existing = lexical
            .ancestors()
            .find(|a| a.exists())
            .map(Path::to_path_buf)
            .unwrap_or_else(|| cwd.clone());
        let real = existing.canonicalize().unwrap_or(existing);
        if !real.starts_with(&real_cwd) {
            return Err(format!(
                "{shown}: its folder leads out of the working directory through a symbolic link; offer-lint does not write through links"
            ));
        }
    }
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    Ok(dir)
}

/// `.` and `..` resolved as written.
fn lexical(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}
