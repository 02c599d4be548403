//! Paths as shown to users: relative to the working directory, with forward slashes.

use std::path::{Component, Path, PathBuf};

/// The display form of a path.
pub fn display(path: &Path) -> String {
    let rel = relative_to_cwd(path);
    let s = rel.to_string_lossy().replace('\\', "/");
    s.strip_prefix("./").map(str::to_string).unwrap_or(s)
}

fn relative_to_cwd(path: &Path) -> PathBuf {
    if path.is_absolute() {
        if let Ok(cwd) = std::env::current_dir() {
            if let Ok(r) = path.strip_prefix(&cwd) {
                return r.to_path_buf();
            }
        }
    }
    path.components()
        .filter(|c| !matches!(c, Component::CurDir))
        .collect()
}

/// The repository root of a manifest: the nearest folder holding `.git`, else the working
/// directory when the file is under it, else the manifest's own folder.
pub fn repo_root(manifest: &Path) -> PathBuf {
    let abs = std::path::absolute(manifest).unwrap_or_else(|_| manifest.to_path_buf());
    let mut dir = abs.parent();
    while let Some(d) = dir {
        if d.join(".git").exists() {
            return d.to_path_buf();
        }
        dir = d.parent();
    }
    let cwd = std::env::current_dir().unwrap_or_default();
    if abs.starts_with(&cwd) {
        return cwd;
    }
    abs.parent().map(Path::to_path_buf).unwrap_or(cwd)
}
