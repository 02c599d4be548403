//! Discover: walk the given paths and find offer manifests.

use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};
use ignore::WalkBuilder;

/// File names that are linted by default: manifests, and Product Ingestion API documents
/// (configure payloads and resource trees, recognised by their content once read).
pub const DEFAULT_NAMES: &[&str] = &[
    "offer.yaml",
    "offer.yml",
    "*.offer.yaml",
    "*.offer.yml",
    "configure.json",
    "*.configure.json",
    "resource-tree.json",
    "*.resource-tree.json",
];

/// Which files are manifests, beyond the default names.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    include: Option<GlobSet>,
    exclude: Option<GlobSet>,
    default_names: Option<GlobSet>,
}

/// A glob that does not compile.
#[derive(Debug)]
pub struct BadGlob(pub String);

fn build(globs: &[String]) -> Result<Option<GlobSet>, BadGlob> {
    if globs.is_empty() {
        return Ok(None);
    }
    let mut b = GlobSetBuilder::new();
    for g in globs {
        // A pattern without a slash matches a name anywhere, as in .gitignore.
        let pat = if g.contains('/') {
            g.trim_start_matches("./").to_string()
        } else {
            format!("**/{g}")
        };
        b.add(Glob::new(&pat).map_err(|e| BadGlob(format!("{g}: {e}")))?);
        if !g.contains('/') {
            b.add(Glob::new(g).map_err(|e| BadGlob(format!("{g}: {e}")))?);
        }
    }
    b.build().map(Some).map_err(|e| BadGlob(e.to_string()))
}

impl Selection {
    pub fn new(include: &[String], exclude: &[String]) -> Result<Selection, BadGlob> {
        let names: Vec<String> = DEFAULT_NAMES.iter().map(|s| s.to_string()).collect();
        Ok(Selection {
            include: build(include)?,
            exclude: build(exclude)?,
            default_names: build(&names)?,
        })
    }

    fn rel(path: &Path) -> String {
        crate::paths::display(path)
    }

    /// True when a walked file is a manifest.
    pub fn is_manifest(&self, path: &Path) -> bool {
        let rel = Self::rel(path);
        if self.exclude.as_ref().is_some_and(|g| g.is_match(&rel)) {
            return false;
        }
        self.default_names
            .as_ref()
            .is_some_and(|g| g.is_match(&rel))
            || self.include.as_ref().is_some_and(|g| g.is_match(&rel))
    }

    /// False when a file of this name cannot be a manifest: without include globs, only the
    /// default names can match, and a name matches one only if it ends with the text after
    /// the pattern's last `*`. Saves making the display form of every asset of a walk.
    fn may_be_manifest(&self, name: &std::ffi::OsStr) -> bool {
        if self.include.is_some() {
            return true;
        }
        let name = name.as_encoded_bytes();
        DEFAULT_NAMES
            .iter()
            .any(|pat| name.ends_with(pat.rsplit('*').next().unwrap_or_default().as_bytes()))
    }

    pub fn is_excluded(&self, path: &Path) -> bool {
        // Without exclude globs, no path is excluded: skip making its display form.
        let Some(exclude) = &self.exclude else {
            return false;
        };
        exclude.is_match(Self::rel(path))
    }
}

/// What discovery found: the manifests, and the folders given that hold none.
#[derive(Debug, Default)]
pub struct Found {
    pub manifests: Vec<PathBuf>,
    /// Folders named on the command line under which no manifest was found.
    pub empty: Vec<PathBuf>,
}

/// Finds manifests under `paths`; explicit files are always kept unless `force_exclude`.
/// The result is sorted by path and has no duplicates.
pub fn discover(paths: &[PathBuf], sel: &Selection, force_exclude: bool) -> Vec<PathBuf> {
    find(paths, sel, force_exclude).manifests
}

/// [`discover`], with the folders that held no manifest.
///
/// The walk honours `.gitignore` as git does: inside a git work tree only, and never for a
/// file git tracks. A pull request can add a `.gitignore`, so a tracked manifest that it
/// would hide is still found (`git ls-files --cached --ignored`, run as
/// [`crate::check::baseline::Git`] runs git). The walker's own `.ignore` files are not read.
pub fn find(paths: &[PathBuf], sel: &Selection, force_exclude: bool) -> Found {
    // Each path with the index of the argument it came from: a path shown the same way from
    // two arguments keeps the order of the arguments, as a one-by-one walk would give.
    let found: std::sync::Mutex<Vec<(usize, PathBuf)>> = Default::default();
    let ignores = std::sync::atomic::AtomicBool::new(false);
    let push = |i: usize, p: PathBuf| found.lock().unwrap_or_else(|e| e.into_inner()).push((i, p));
    for (i, p) in paths.iter().enumerate() {
        if !p.is_dir() {
            // With --force-exclude, a file is also excluded when a folder above it is, as a
            // walk would not have entered that folder (ruff's --force-exclude does the same).
            let excluded = || {
                sel.is_excluded(p)
                    || p.ancestors()
                        .skip(1)
                        .any(|a| !a.as_os_str().is_empty() && sel.is_excluded(a))
            };
            if !(force_exclude && excluded()) {
                push(i, p.clone());
            }
            continue;
        }
        let walker = WalkBuilder::new(p)
            .hidden(true)
            .ignore(false)
            .git_ignore(true)
            .git_exclude(true)
            .git_global(false)
            .require_git(true)
            .follow_links(false)
            .filter_entry({
                let sel = sel.clone();
                move |e| {
                    let is_dir = e.file_type().is_some_and(|t| t.is_dir());
                    if is_dir && e.depth() > 0 {
                        let name = e.file_name().to_string_lossy();
                        if name == "target" || name == ".git" || name == "node_modules" {
                            return false;
                        }
                        return !sel.is_excluded(e.path());
                    }
                    true
                }
            })
            .build_parallel();
        // The walk runs on all cores; the order is restored by the sort below.
        walker.run(|| {
            Box::new(|entry| {
                let Ok(entry) = entry else {
                    return ignore::WalkState::Continue;
                };
                // A folder named like a manifest is walked into, never taken for one. Anything
                // else so named is kept: a regular file is read, and a link, FIFO or device
                // is reported by the reader without being read.
                let not_dir = entry.file_type().is_some_and(|t| !t.is_dir());
                if !not_dir && !ignores.load(std::sync::atomic::Ordering::Relaxed) {
                    // Whether a .gitignore could have hidden a tracked file (see `find`).
                    if entry.path().join(".gitignore").exists() {
                        ignores.store(true, std::sync::atomic::Ordering::Relaxed);
                    }
                }
                if not_dir
                    && sel.may_be_manifest(entry.file_name())
                    && sel.is_manifest(entry.path())
                {
                    push(i, entry.into_path());
                }
                ignore::WalkState::Continue
            })
        });
    }
    for (i, p) in paths.iter().enumerate() {
        // Asking git costs a process: only when some ignore file could have hidden a file.
        if p.is_dir() && (ignores.load(std::sync::atomic::Ordering::Relaxed) || ignore_above(p)) {
            for t in tracked_but_ignored(p) {
                if !sel.is_excluded(&t)
                    && !t
                        .ancestors()
                        .skip(1)
                        .any(|a| a.starts_with(p) && a != p.as_path() && excluded_dir(sel, a))
                    && sel.is_manifest(&t)
                {
                    push(i, t);
                }
            }
        }
    }
    let mut out = found.into_inner().unwrap_or_else(|e| e.into_inner());
    let empty = paths
        .iter()
        .enumerate()
        .filter(|(i, p)| p.is_dir() && !out.iter().any(|(j, _)| j == i))
        .map(|(_, p)| p.clone())
        .collect();
    // The display form once per path, not once per comparison.
    out.sort_by_cached_key(|(i, p)| (crate::paths::display(p), *i));
    let mut manifests: Vec<PathBuf> = out.into_iter().map(|(_, p)| p).collect();
    manifests.dedup();
    Found { manifests, empty }
}

/// Whether an ignore file above `dir` (up to the repository root) or the repository's
/// `info/exclude` could apply to it.
fn ignore_above(dir: &Path) -> bool {
    let Some((root, git_dir)) = crate::check::baseline::repository_root(dir) else {
        return false;
    };
    let exclude = std::fs::read_to_string(git_dir.join("info/exclude")).unwrap_or_default();
    if exclude
        .lines()
        .any(|l| !l.trim().is_empty() && !l.starts_with('#'))
    {
        return true;
    }
    let Ok(abs) = std::path::absolute(dir) else {
        return false;
    };
    abs.ancestors()
        .take_while(|a| a.starts_with(&root))
        .any(|a| a.join(".gitignore").exists())
}

/// A folder the walk would not enter: excluded, hidden, or one of the build folders.
fn excluded_dir(sel: &Selection, dir: &Path) -> bool {
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    name.starts_with('.') || name == "target" || name == "node_modules" || sel.is_excluded(dir)
}

/// The files under `dir` that git tracks although a `.gitignore` matches them, as paths
/// under `dir`. Empty outside a git work tree or when git cannot tell.
fn tracked_but_ignored(dir: &Path) -> Vec<PathBuf> {
    let Some((root, git_dir)) = crate::check::baseline::repository_root(dir) else {
        return Vec::new();
    };
    let Ok(abs) = std::path::absolute(dir) else {
        return Vec::new();
    };
    let Ok(rel) = abs.strip_prefix(&root) else {
        return Vec::new();
    };
    let rel = rel.to_string_lossy().replace('\\', "/");
    let scope = if rel.is_empty() { ".".to_string() } else { rel };
    let git = crate::check::baseline::Git::new(git_dir);
    let out = git
        .command(&[
            "ls-files",
            "-z",
            "--cached",
            "--ignored",
            "--exclude-standard",
            "--full-name",
            "--",
            &scope,
        ])
        .env("GIT_WORK_TREE", &root)
        .current_dir(&root)
        .output();
    let Ok(out) = out else { return Vec::new() };
    if !out.status.success() {
        return Vec::new();
    }
    out.stdout
        .split(|b| *b == 0)
        .filter(|e| !e.is_empty())
        .filter_map(|e| std::str::from_utf8(e).ok())
        .filter_map(|f| root.join(f).strip_prefix(&abs).ok().map(|r| dir.join(r)))
        .filter(|p| std::fs::symlink_metadata(p).is_ok_and(|m| !m.is_dir()))
        .collect()
}
