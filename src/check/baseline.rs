//! `--baseline <git ref>`: each manifest as it stood at a ref, read through git, taken as the
//! published state for the `change-*` rules.
//!
//! The checkout belongs to whoever opened the pull request, and git reads configuration from
//! the repository it runs in: a committed folder that looks like a bare repository (`HEAD`,
//! `config`, `objects/`, `refs/`) would be such a repository for `git -C <that folder>`, and
//! its `config` can run commands (`core.fsmonitor`, a promisor remote's `uploadpack` on a
//! lazy fetch, ...). So git runs only against the git directory of the repository root that
//! offer-lint found itself ([`Baseline::open`]), named with `GIT_DIR`, from inside it, in a
//! fixed environment with no system or global configuration, no discovery of bare
//! repositories, no lazy fetches, no hooks and no fsmonitor ([`Git`]). Three processes in
//! all: the ref is resolved, the commit's tree listed once (`ls-tree -r`), and every
//! manifest's blob read in one `cat-file --batch` ([`Baseline::prefetch`]).

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::{Arc, Mutex};

/// The published state to compare with.
#[derive(Debug, Clone)]
pub struct Baseline {
    /// The ref as given (for messages), e.g. `origin/main`.
    pub name: String,
    /// The commit it resolved to.
    pub commit: String,
    git: Git,
    /// The repository's work tree: manifest paths are made relative to it.
    root: PathBuf,
    /// Every blob of the commit's tree by path (relative to the root, `/`-separated).
    tree: HashMap<String, String>,
    /// The blobs read by [`Baseline::prefetch`], by path.
    blobs: HashMap<String, Vec<u8>>,
    /// Paths whose blob was too large to read: the change rules skip them.
    skipped: std::collections::HashSet<String>,
    /// What went wrong while reading files, reported once the run is over: `(fatal, message)`.
    problems: Arc<Mutex<Vec<(bool, String)>>>,
}

/// How git is run: always against one git directory, never a repository git discovers.
#[derive(Debug, Clone)]
pub struct Git {
    git_dir: PathBuf,
}

impl Git {
    pub fn new(git_dir: PathBuf) -> Git {
        Git { git_dir }
    }

    /// A git command with nothing of the checkout's choosing in its environment.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut c = Command::new("git");
        c.env_clear();
        // Only what git needs to start: where programs are, and nothing that selects a
        // configuration, a repository or a helper.
        if let Some(path) = std::env::var_os("PATH") {
            c.env("PATH", path);
        }
        c.env("GIT_DIR", &self.git_dir)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CONFIG_GLOBAL", null_device())
            .env("GIT_NO_LAZY_FETCH", "1")
            .env("GIT_NO_REPLACE_OBJECTS", "1")
            .env("GIT_TERMINAL_PROMPT", "0")
            .env("GIT_OPTIONAL_LOCKS", "0")
            .env("GIT_ATTR_NOSYSTEM", "1")
            .env("LC_ALL", "C")
            .env("HOME", &self.git_dir)
            .args([
                "-c",
                "safe.bareRepository=explicit",
                "-c",
                "core.fsmonitor=false",
                "-c",
                &format!("core.hooksPath={}", null_device()),
                "-c",
                "protocol.allow=never",
                "-c",
                "core.untrackedCache=false",
                "--no-pager",
            ])
            .args(args)
            .current_dir(&self.git_dir)
            .stdin(Stdio::null());
        c
    }

    fn output(&self, args: &[&str]) -> std::io::Result<Output> {
        self.command(args).output()
    }
}

fn null_device() -> &'static str {
    if cfg!(windows) {
        "NUL"
    } else {
        "/dev/null"
    }
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

/// The repository root above `dir`: the nearest folder holding `.git`. A `.git` cannot be
/// committed (git refuses the path), so the one found is the checkout's own.
pub fn repository_root(dir: &Path) -> Option<(PathBuf, PathBuf)> {
    let abs = std::path::absolute(dir).ok()?;
    let mut cur = Some(abs.as_path());
    while let Some(d) = cur {
        let git = d.join(".git");
        if std::fs::symlink_metadata(&git).is_ok_and(|m| !m.file_type().is_symlink()) {
            return Some((d.to_path_buf(), git));
        }
        cur = d.parent();
    }
    None
}

impl Baseline {
    /// Resolves `name` to a commit in the repository that holds `dir`, and lists its tree.
    pub fn open(name: &str, dir: &Path) -> Result<Baseline, String> {
        if name.is_empty() || name.starts_with('-') || name.contains(['\0', '\n']) {
            return Err(format!("--baseline: `{name}` is not a git ref"));
        }
        let shown = crate::paths::display(dir);
        let shown = if shown.is_empty() { ".".into() } else { shown };
        let Some((root, git_dir)) = repository_root(dir) else {
            return Err(format!(
                "--baseline: {shown} is not inside a git repository (no .git above it); run offer-lint from a clone, or leave out --baseline"
            ));
        };
        let git = Git::new(git_dir);
        let spec = format!("{name}^{{commit}}");
        let out = git
            .output(&["rev-parse", "--verify", "--quiet", &spec])
            .map_err(|e| {
                if e.kind() == std::io::ErrorKind::NotFound {
                    "--baseline reads manifests through git, and git was not found on PATH"
                        .to_string()
                } else {
                    format!("--baseline: cannot run git: {e}")
                }
            })?;
        let commit = String::from_utf8_lossy(&out.stdout).trim().to_string();
        if !out.status.success() || commit.is_empty() {
            let probe = git.output(&["rev-parse", "--is-shallow-repository"]);
            if let Ok(p) = &probe {
                if !p.status.success() {
                    return Err(format!(
                        "--baseline: {} is not a git repository git can read ({})",
                        crate::paths::display(&root),
                        first_line(&p.stderr)
                    ));
                }
            }
            let shallow = probe
                .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "true")
                .unwrap_or(false);
            let hint = if shallow {
                " This clone is shallow: fetch the ref first, e.g. `git fetch --depth=1 origin main`."
            } else {
                " Check the spelling, or fetch it first (e.g. `git fetch origin main` for `origin/main`)."
            };
            return Err(format!("--baseline: unknown git ref `{name}`: no commit of that name in the repository at {shown}.{hint}"));
        }
        let out = git
            .output(&["ls-tree", "-r", "-z", "--full-tree", &commit])
            .map_err(|e| format!("--baseline: cannot run git: {e}"))?;
        if !out.status.success() {
            return Err(format!(
                "--baseline: cannot list `{name}`: {}",
                first_line(&out.stderr)
            ));
        }
        let mut tree = HashMap::new();
        for entry in out.stdout.split(|b| *b == 0).filter(|e| !e.is_empty()) {
            // "<mode> SP <type> SP <object> TAB <path>"; links (120000) and submodules are
            // not manifests.
            let Some(tab) = entry.iter().position(|b| *b == b'\t') else {
                continue;
            };
            let meta = String::from_utf8_lossy(&entry[..tab]);
            let mut fields = meta.split(' ');
            let (mode, kind, object) = (fields.next(), fields.next(), fields.next());
            if kind != Some("blob") || !matches!(mode, Some("100644" | "100755")) {
                continue;
            }
            let (Some(object), Ok(path)) = (object, std::str::from_utf8(&entry[tab + 1..])) else {
                continue;
            };
            tree.insert(path.to_string(), object.to_string());
        }
        Ok(Baseline {
            name: name.to_string(),
            commit,
            git,
            root,
            tree,
            blobs: HashMap::new(),
            skipped: Default::default(),
            problems: Arc::default(),
        })
    }

    /// The path of a manifest (as shown: relative to the working directory) in the tree.
    fn tree_path(&self, path: &Path) -> Option<String> {
        let abs = std::path::absolute(path).ok()?;
        let abs = normalize(&abs);
        let rel = abs.strip_prefix(&self.root).ok()?;
        let parts: Vec<&str> = rel
            .components()
            .map(|c| c.as_os_str().to_str())
            .collect::<Option<_>>()?;
        Some(parts.join("/"))
    }

    /// Reads the baseline of every manifest of the run, in one `git cat-file --batch`.
    /// `max` caps each blob (`limits.max-file-bytes`): a larger one is left unread.
    pub fn prefetch(&mut self, paths: &[PathBuf], max: u64) -> Result<(), String> {
        let mut wanted: Vec<(String, String)> = paths
            .iter()
            .filter_map(|p| self.tree_path(p))
            .filter_map(|rel| self.tree.get(&rel).map(|o| (rel, o.clone())))
            .collect();
        wanted.sort();
        wanted.dedup();
        if wanted.is_empty() {
            return Ok(());
        }
        let mut child = self
            .git
            .command(&["cat-file", "--batch"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| format!("--baseline: cannot run git: {e}"))?;
        let mut stdin = child.stdin.take().ok_or("--baseline: no pipe to git")?;
        let request: String = wanted.iter().map(|(_, o)| format!("{o}\n")).collect();
        // Written from another thread: git answers while it reads, and a full pipe each
        // way would stop both.
        let writer = std::thread::spawn(move || stdin.write_all(request.as_bytes()));
        let stdout = child.stdout.take().ok_or("--baseline: no pipe from git")?;
        let mut reader = BufReader::new(stdout);
        let mut header = String::new();
        for (rel, object) in &wanted {
            header.clear();
            if reader.read_line(&mut header).unwrap_or(0) == 0 {
                break;
            }
            // "<object> SP <type> SP <size> LF <contents> LF", or "<object> SP missing LF".
            let mut fields = header.split_whitespace();
            let (Some(got), Some(kind), Some(size)) = (fields.next(), fields.next(), fields.next())
            else {
                continue;
            };
            let Ok(size) = size.parse::<u64>() else {
                continue;
            };
            let mut body = Vec::new();
            (&mut reader)
                .take(size + 1)
                .read_to_end(&mut body)
                .map_err(|e| format!("--baseline: reading from git: {e}"))?;
            body.truncate(size as usize);
            if got != object || kind != "blob" {
                continue;
            }
            if size > max {
                self.note(format!(
                    "{rel}: the manifest at `{}` is {size} bytes, over limits.max-file-bytes, so the change rules were skipped for it",
                    self.name
                ));
                self.skipped.insert(rel.clone());
                continue;
            }
            self.blobs.insert(rel.clone(), body);
        }
        let _ = writer.join();
        let out = child
            .wait_with_output()
            .map_err(|e| format!("--baseline: git: {e}"))?;
        if !out.status.success() {
            return Err(format!(
                "--baseline: git cannot read the manifests at `{}`: {}",
                self.name,
                first_line(&out.stderr)
            ));
        }
        Ok(())
    }

    /// The bytes of the manifest at `path` (as shown: relative to the working directory) in
    /// the baseline commit; `None` when it did not exist there (a new manifest).
    pub fn read(&self, path: &Path) -> Result<Option<Vec<u8>>, String> {
        let Some(rel) = self.tree_path(path) else {
            return Ok(None);
        };
        if !self.tree.contains_key(&rel) || self.skipped.contains(&rel) {
            return Ok(None);
        }
        match self.blobs.get(&rel) {
            Some(b) => Ok(Some(b.clone())),
            None => Err("it was not read from git (see the notes above)".into()),
        }
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

/// `..` and `.` resolved lexically, as the path was given (no link is followed).
fn normalize(p: &Path) -> PathBuf {
    use std::path::Component;
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

/// `--baseline-tree FILE`: a resource tree (`GET /resource-tree/<product>`) as the published
/// state, translated into the manifest model by the same front end as `check`.
#[derive(Debug)]
pub struct TreeBaseline {
    /// The file as given, for messages.
    pub name: String,
    /// The tree's offer id (the product's `externalId`), when it has one.
    offer_id: Option<String>,
    /// The keys its product is known by (root, durable id, external id).
    product_keys: Vec<String>,
    /// Plan keys (durable ids, external ids) → the plan's id in the tree.
    plan_ids: Vec<(String, String)>,
    offer: serde_json::Value,
}

impl TreeBaseline {
    pub fn open(path: &Path, limits: &crate::load::Limits) -> Result<TreeBaseline, String> {
        let name = path.display().to_string();
        let doc = crate::bridge::import::read_tree(path, limits)
            .map_err(|e| format!("--baseline-tree {e}"))?;
        let front = crate::load::front::front(Some(doc));
        let unit = front
            .units
            .into_iter()
            .next()
            .ok_or_else(|| format!("--baseline-tree {name}: the tree holds no offer"))?;
        let product_keys = unit
            .offer
            .as_ref()
            .map(|o| o.product_keys.clone())
            .unwrap_or_default();
        let offer = unit.doc.value;
        let plan_ids = unit
            .offer
            .as_ref()
            .map(|o| {
                o.plan_keys
                    .iter()
                    .filter_map(|(key, i)| {
                        let id = offer.pointer(&format!("/plans/{i}/id"))?.as_str()?;
                        Some((key.clone(), id.to_string()))
                    })
                    .collect()
            })
            .unwrap_or_default();
        let offer_id = offer
            .pointer("/offer/id")
            .and_then(serde_json::Value::as_str)
            .map(str::to_string);
        Ok(TreeBaseline {
            name,
            offer_id,
            product_keys,
            plan_ids,
            offer,
        })
    }

    /// The published offer for a document: a manifest with the tree's offer id, or a
    /// configure payload whose product reference names the tree's product (by external id or
    /// durable id). Any other document is not compared.
    pub fn offer(
        &self,
        id: Option<&str>,
        kind: crate::load::ingestion::DocumentKind,
        product_keys: &[String],
    ) -> Option<&serde_json::Value> {
        use crate::load::ingestion::DocumentKind;
        let same = match kind {
            DocumentKind::Manifest => id.is_some() && id == self.offer_id.as_deref(),
            DocumentKind::ConfigurePayload => {
                product_keys.iter().any(|k| self.product_keys.contains(k))
            }
            DocumentKind::ResourceTree => false,
        };
        same.then_some(&self.offer)
    }

    /// Gives each plan of a payload that has no id (named by durable id only) the id of the
    /// tree's plan it names, so that the change rules can pair them.
    pub fn name_plans(&self, now: &mut serde_json::Value, plan_keys: &[(String, usize)]) {
        for (key, i) in plan_keys {
            let Some(plan) = now.pointer_mut(&format!("/plans/{i}")) else {
                continue;
            };
            let Some(plan) = plan.as_object_mut() else {
                continue;
            };
            if plan.contains_key("id") {
                continue;
            }
            if let Some((_, id)) = self.plan_ids.iter().find(|(k, _)| k == key) {
                plan.insert("id".into(), id.clone().into());
            }
        }
    }
}
