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

/// [`repo_root`] for the many manifests of one run: the working directory is read once, and
/// each folder is checked for `.git` once however many manifests lie under it.
#[derive(Debug)]
pub struct RootFinder {
    cwd: PathBuf,
    has_git: std::sync::Mutex<std::collections::HashMap<PathBuf, bool>>,
}

impl Default for RootFinder {
    fn default() -> Self {
        RootFinder {
            cwd: std::env::current_dir().unwrap_or_default(),
            has_git: Default::default(),
        }
    }
}

impl RootFinder {
    /// The same folder as [`repo_root`].
    pub fn root(&self, manifest: &Path) -> PathBuf {
        let abs = std::path::absolute(manifest).unwrap_or_else(|_| manifest.to_path_buf());
        let mut dir = abs.parent();
        while let Some(d) = dir {
            if self.has_git(d) {
                return d.to_path_buf();
            }
            dir = d.parent();
        }
        if abs.starts_with(&self.cwd) {
            return self.cwd.clone();
        }
        abs.parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| self.cwd.clone())
    }

    fn has_git(&self, dir: &Path) -> bool {
        let known = self
            .has_git
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(dir)
            .copied();
        if let Some(k) = known {
            return k;
        }
        let found = dir.join(".git").exists();
        self.has_git
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(dir.to_path_buf(), found);
        found
    }
}
