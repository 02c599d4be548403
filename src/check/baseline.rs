//! `--baseline <git ref>`: each manifest as it stood at a ref, read through git, taken as the
//! published state for the `change-*` rules.
//!
//! The ref is resolved to a commit once, up front ([`Baseline::open`]); problems there (no
//! git, not a repository, unknown ref) are usage errors. Each file is then read from that
//! commit in the parallel stage ([`Baseline::read`]); a file that is not in the commit is a
//! new manifest, to which no change rule applies.

use std::path::Path;
use std::process::{Command, Output};
use std::sync::{Arc, Mutex};

/// The published state to compare with.
#[derive(Debug, Clone)]
pub struct Baseline {
    /// The ref as given (for messages), e.g. `origin/main`.
    pub name: String,
    /// The commit it resolved to.
    pub commit: String,
    /// What went wrong while reading files, reported once the run is over: `(fatal, message)`.
    problems: Arc<Mutex<Vec<(bool, String)>>>,
}

fn git(dir: &Path, args: &[&str]) -> std::io::Result<Output> {
    Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        // Messages are quoted to the user; keep them in one language and free of pagers.
        .env("LC_ALL", "C")
        .env("GIT_PAGER", "cat")
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .stdin(std::process::Stdio::null())
        .output()
}

fn first_line(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    let line = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    line.strip_prefix("fatal: ").unwrap_or(line).to_string()
}

impl Baseline {
    /// Resolves `name` to a commit in the repository that holds `dir`.
    pub fn open(name: &str, dir: &Path) -> Result<Baseline, String> {
        if name.is_empty() || name.starts_with('-') || name.contains(['\0', '\n']) {
            return Err(format!("--baseline: `{name}` is not a git ref"));
        }
        let shown = crate::paths::display(dir);
        let shown = if shown.is_empty() {
            ".".to_string()
        } else {
            shown
        };
        let inside = git(dir, &["rev-parse", "--is-inside-work-tree"]).map_err(|e| {
            if e.kind() == std::io::ErrorKind::NotFound {
                "--baseline reads manifests through git, and git was not found on PATH".to_string()
            } else {
                format!("--baseline: cannot run git: {e}")
            }
        })?;
        if !inside.status.success() {
            return Err(format!(
                "--baseline: {shown} is not inside a git repository ({}); run offer-lint from a clone, or leave out --baseline",
                first_line(&inside.stderr)
            ));
        }
        let spec = format!("{name}^{{commit}}");
        let out = git(dir, &["rev-parse", "--verify", "--quiet", &spec])
            .map_err(|e| format!("--baseline: cannot run git: {e}"))?;
        let commit = String::from_utf8_lossy(&out.stdout).trim().to_string();
        if !out.status.success() || commit.is_empty() {
            let shallow = git(dir, &["rev-parse", "--is-shallow-repository"])
                .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "true")
                .unwrap_or(false);
            let hint = if shallow {
                " This clone is shallow: fetch the ref first, e.g. `git fetch --depth=1 origin main`."
            } else {
                " Check the spelling, or fetch it first (e.g. `git fetch origin main` for `origin/main`)."
            };
            return Err(format!("--baseline: unknown git ref `{name}`: no commit of that name in the repository at {shown}.{hint}"));
        }
        Ok(Baseline {
            name: name.to_string(),
            commit,
            problems: Arc::default(),
        })
    }

    /// The bytes of the manifest at `path` (as shown: relative to the working directory) in
    /// the baseline commit; `None` when it did not exist there (a new manifest).
    pub fn read(&self, path: &Path) -> Result<Option<Vec<u8>>, String> {
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            return Ok(None);
        };
        if !dir.is_dir() {
            // A name given with --stdin-filename in a folder that does not exist.
            return Ok(None);
        }
        // `ls-tree` takes paths relative to the folder it runs in and prints nothing for a
        // path that the commit does not have: no error text to interpret.
        let out = git(dir, &["ls-tree", "-z", &self.commit, "--", name])
            .map_err(|e| format!("cannot run git: {e}"))?;
        if !out.status.success() {
            return Err(first_line(&out.stderr));
        }
        let listing = String::from_utf8_lossy(&out.stdout);
        let Some(entry) = listing.split('\0').find(|e| !e.is_empty()) else {
            return Ok(None);
        };
        // "<mode> SP <type> SP <object> TAB <path>"
        let meta = entry.split('\t').next().unwrap_or("");
        let mut fields = meta.split(' ');
        let (_mode, kind, object) = (fields.next(), fields.next(), fields.next());
        let (Some("blob"), Some(object)) = (kind, object) else {
            return Ok(None);
        };
        let out =
            git(dir, &["cat-file", "blob", object]).map_err(|e| format!("cannot run git: {e}"))?;
        if !out.status.success() {
            return Err(first_line(&out.stderr));
        }
        Ok(Some(out.stdout))
    }

    /// Records that git could not read one file's baseline: the run ends as a usage error.
    pub fn problem(&self, message: String) {
        if let Ok(mut p) = self.problems.lock() {
            p.push((true, message));
        }
    }

    /// Records a warning about one file's baseline (the change rules were skipped for it).
    pub fn note(&self, message: String) {
        if let Ok(mut p) = self.problems.lock() {
            p.push((false, message));
        }
    }

    /// Everything recorded so far, `(fatal, message)`, sorted so that output is stable.
    pub fn problems(&self) -> Vec<(bool, String)> {
        let mut p = self.problems.lock().map(|p| p.clone()).unwrap_or_default();
        p.sort_by(|a, b| a.1.cmp(&b.1));
        p
    }
}
