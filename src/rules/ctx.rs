//! What a code rule sees of one manifest, and how it reports.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::check::RunContext;
use crate::finding::Severity;
use crate::load::env::Resolution;
use crate::load::{Document, SourceFile};
use crate::rules::Rule;

/// Which part of a node a finding points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum At {
    /// The value (trimmed to its first line for a block).
    Value,
    /// The key of a mapping entry (or the value when it has no key, e.g. a list item).
    Key,
    /// An explicit range of the source text, e.g. one tag inside a block scalar; the pointer
    /// still names the value the finding is about.
    Span(crate::finding::Span),
}

/// A finding as a rule reports it, before positions and overrides are applied.
#[derive(Debug, Clone)]
pub struct RawFinding {
    pub rule: &'static Rule,
    pub severity: Severity,
    pub pointer: String,
    pub at: At,
    pub message: String,
    pub help: Option<String>,
    pub label: String,
}

impl RawFinding {
    /// A finding at the rule's own severity, with no label.
    pub fn new(
        rule: &'static Rule,
        pointer: String,
        at: At,
        message: String,
        help: Option<String>,
    ) -> RawFinding {
        RawFinding {
            rule,
            severity: rule.severity,
            pointer,
            at,
            message,
            help,
            label: String::new(),
        }
    }
}

/// The context of one code rule run over one document.
pub struct Ctx<'a> {
    pub doc: &'a Document,
    pub source: &'a SourceFile,
    /// The folder of the manifest: asset paths are relative to it.
    pub manifest_dir: &'a Path,
    /// The repository root: assets may not lie outside it.
    pub root: &'a Path,
    pub run: &'a RunContext,
    pub env: &'a Resolution,
    pub(crate) rule: &'static Rule,
    pub(crate) findings: Vec<RawFinding>,
    pub(crate) missing_reported: HashSet<String>,
}

impl<'a> Ctx<'a> {
    /// The manifest as a JSON value (environment references resolved).
    pub fn value(&self) -> &'a Value {
        &self.doc.value
    }

    /// The value at a JSON pointer.
    pub fn get(&self, pointer: &str) -> Option<&'a Value> {
        pointer_get(&self.doc.value, pointer)
    }

    /// The string at a JSON pointer, unless it names an unset environment variable.
    pub fn str(&self, pointer: &str) -> Option<&'a str> {
        if self.env.is_unresolved(pointer) {
            return None;
        }
        self.get(pointer).and_then(Value::as_str)
    }

    /// The manifest as written: `${env:..}` references as they stand in the file. What a
    /// finding quotes comes from here, never from [`Ctx::value`].
    pub fn written(&self) -> &'a Value {
        self.env.written_doc(&self.doc.value)
    }

    /// The string at `pointer` as written, for quoting in a message: `${env:NAME}` for a
    /// value that came from the environment.
    pub fn shown(&self, pointer: &str) -> Option<&'a str> {
        pointer_get(self.written(), pointer).and_then(Value::as_str)
    }

    /// True when the value at `pointer` was read from the environment: a rule may say what
    /// is wrong with it, but must not quote it or any part of it.
    pub fn from_env(&self, pointer: &str) -> bool {
        self.env.is_from_env(pointer)
    }

    /// `text` (a value or a piece of the value at `pointer`) for a message, unless the value
    /// came from the environment: then the reference as written, never the value.
    pub fn quote(&self, pointer: &str, text: &str) -> String {
        if self.from_env(pointer) {
            self.shown(pointer).unwrap_or("${env:..}").to_string()
        } else {
            text.to_string()
        }
    }

    /// The items of the sequence at `pointer` with their pointers.
    pub fn items(&self, pointer: &str) -> Vec<(String, &'a Value)> {
        match self.get(pointer) {
            Some(Value::Array(a)) => a
                .iter()
                .enumerate()
                .map(|(i, v)| (format!("{pointer}/{i}"), v))
                .collect(),
            _ => Vec::new(),
        }
    }

    /// True when the value at `pointer` could not be resolved from the environment.
    pub fn is_unresolved(&self, pointer: &str) -> bool {
        self.env.is_unresolved(pointer)
    }

    /// Reports under the running rule at its default severity, on the value.
    pub fn report(&mut self, pointer: &str, message: impl Into<String>, help: impl Into<String>) {
        let sev = self.rule.severity;
        self.report_with(sev, At::Value, pointer, message, help);
    }

    /// Reports with an explicit severity and target.
    pub fn report_with(
        &mut self,
        severity: Severity,
        at: At,
        pointer: &str,
        message: impl Into<String>,
        help: impl Into<String>,
    ) {
        let rule = self.rule;
        self.report_as(rule, severity, at, pointer, message, help);
    }

    /// Reports under another rule (for shared helpers such as asset resolution).
    pub fn report_as(
        &mut self,
        rule: &'static Rule,
        severity: Severity,
        at: At,
        pointer: &str,
        message: impl Into<String>,
        help: impl Into<String>,
    ) {
        let help = help.into();
        self.findings.push(RawFinding {
            rule,
            severity,
            pointer: pointer.to_string(),
            at,
            message: message.into(),
            help: (!help.is_empty()).then_some(help),
            label: String::new(),
        });
    }

    /// Resolves the asset path stored at `pointer` to a file inside the repository.
    ///
    /// A path that is missing, not a file or outside the repository is reported once as
    /// `media-file-missing`, and `None` is returned so that the caller skips its own checks.
    pub fn asset(&mut self, pointer: &str) -> Option<PathBuf> {
        let rel = self.str(pointer)?.to_string();
        match resolve_asset(self.manifest_dir, self.root, &rel) {
            Ok(p) => Some(p),
            Err(why) => {
                let rel = self.shown(pointer).unwrap_or_default().to_string();
                if self.missing_reported.insert(pointer.to_string()) {
                    let rule = &crate::rules::media::media_file_missing::RULE;
                    self.report_as(
                        rule,
                        rule.severity,
                        At::Value,
                        pointer,
                        format!("`{rel}` {why}"),
                        "asset paths are relative to the manifest's folder and must name a file inside the repository",
                    );
                }
                None
            }
        }
    }
}

/// `Value::pointer` without its two allocations per reference token: rules look up pointers
/// thousands of times per manifest. Same result for every pointer (RFC 6901, no leading `+`
/// or `0` in an array index).
pub fn pointer_get<'v>(root: &'v Value, pointer: &str) -> Option<&'v Value> {
    if pointer.is_empty() {
        return Some(root);
    }
    let mut rest = pointer.strip_prefix('/')?;
    let mut cur = root;
    loop {
        // Split at the next `/` by bytes: `str::split` costs more than these short tokens.
        let (token, next) = match rest.bytes().position(|b| b == b'/') {
            Some(i) => (&rest[..i], Some(&rest[i + 1..])),
            None => (rest, None),
        };
        cur = pointer_get_token(cur, &crate::load::yaml::unescape_token(token))?;
        match next {
            Some(n) => rest = n,
            None => return Some(cur),
        }
    }
}

/// One step of [`pointer_get`]: the child of `cur` named by an unescaped reference token.
pub fn pointer_get_token<'v>(cur: &'v Value, token: &str) -> Option<&'v Value> {
    match cur {
        // A manifest's mappings are small: comparing the keys costs less than hashing the
        // token (SipHash) for the map's index.
        Value::Object(m) if m.len() <= 16 => {
            m.iter().find(|(k, _)| k.as_str() == token).map(|(_, v)| v)
        }
        Value::Object(m) => m.get(token),
        Value::Array(a) => a.get(crate::load::yaml::array_index(token)?),
        _ => None,
    }
}

/// Resolves `rel` against `dir`; the reason when it is not a usable file.
pub fn resolve_asset(dir: &Path, root: &Path, rel: &str) -> Result<PathBuf, String> {
    if rel.trim().is_empty() {
        return Err("is empty".into());
    }
    let p = Path::new(rel);
    if p.is_absolute() {
        return Err("is an absolute path; use a path relative to the manifest".into());
    }
    let (canon, meta) = match fast_canonical(dir, rel) {
        Some((c, m)) => (c, Some(m)),
        None => match dir.join(p).canonicalize() {
            Ok(c) => (c, None),
            Err(_) => return Err("does not exist".into()),
        },
    };
    // A canonical path that starts with `root` as given lies inside it (the prefix then has no
    // symlink or `..`), so the root is only canonicalized, once per asset, when that fails.
    if !canon.starts_with(root) {
        let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
        if !canon.starts_with(&root) {
            return Err("lies outside the repository".into());
        }
    }
    match meta.map_or_else(|| std::fs::metadata(&canon), Ok) {
        Ok(m) if m.is_file() => Ok(canon),
        Ok(_) => Err("is not a file".into()),
        Err(_) => Err("does not exist".into()),
    }
}

thread_local! {
    /// The manifest folder last resolved against on this thread, its canonical form, and the
    /// folders under it already seen to be real folders (not symlinks).
    static CANONICAL_DIR: std::cell::RefCell<Option<(PathBuf, PathBuf, Vec<PathBuf>)>> =
        const { std::cell::RefCell::new(None) };
}

/// The canonical path of `dir/rel` and its metadata, without `canonicalize` (which reads
/// every component of the absolute path as a link) when `rel` is a plain relative path:
/// the manifest folder is canonicalized once for all its assets, and each component of
/// `rel` is checked not to be a symlink. `None` when that does not apply or something is
/// missing; the caller then takes the general way, which gives the same answer.
fn fast_canonical(dir: &Path, rel: &str) -> Option<(PathBuf, std::fs::Metadata)> {
    let parts: Vec<&str> = rel.split('/').collect();
    if parts
        .iter()
        .any(|c| c.is_empty() || *c == "." || *c == "..")
    {
        return None;
    }
    CANONICAL_DIR.with(|cell| {
        let mut cell = cell.borrow_mut();
        if cell.as_ref().is_none_or(|(d, _, _)| d != dir) {
            let canon = dir.canonicalize().ok()?;
            *cell = Some((dir.to_path_buf(), canon, Vec::new()));
        }
        let (_, canon_dir, real_dirs) = cell.as_mut()?;
        let mut cur = canon_dir.clone();
        let last = parts.len() - 1;
        for (i, part) in parts.iter().enumerate() {
            cur.push(part);
            if i < last && real_dirs.contains(&cur) {
                continue;
            }
            let m = std::fs::symlink_metadata(&cur).ok()?;
            if m.file_type().is_symlink() {
                return None;
            }
            if i == last {
                return Some((cur, m));
            }
            if !m.is_dir() {
                return None;
            }
            real_dirs.push(cur.clone());
        }
        None
    })
}
