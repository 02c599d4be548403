//! `${env:NAME}` references: resolved before the checks run, for the checks only.
//!
//! The manifest is written by whoever opened the pull request, so it cannot decide which
//! variables are read: whoever runs offer-lint names them with `--allow-env` (an [`EnvPolicy`]).
//! A reference to any other variable is left unresolved, as an unset one is, and the checks on
//! its value are skipped. A resolved value is seen by the checks and by nothing that prints:
//! the document as written is kept beside the resolved one ([`Resolution::written_doc`]), and
//! everything shown to the user (offer ids, quoted values, the timeline) comes from it.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde_json::Value;

use super::yaml::{pointer_of, Step};

/// Where environment values come from: the process, or a fixed map in tests.
#[derive(Debug, Clone, Default)]
pub enum EnvSource {
    #[default]
    Process,
    Fixed(BTreeMap<String, String>),
}

impl EnvSource {
    pub fn get(&self, name: &str) -> Option<String> {
        match self {
            EnvSource::Process => std::env::var(name).ok(),
            EnvSource::Fixed(m) => m.get(name).cloned(),
        }
    }
}

/// The variables a run may resolve: names and `PREFIX_*` patterns from `--allow-env`.
/// The default allows none.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EnvPolicy {
    names: HashSet<String>,
    prefixes: Vec<String>,
}

impl EnvPolicy {
    /// A policy from `--allow-env` values: `NAME`, or `PREFIX*` for every name starting so.
    pub fn new<S: AsRef<str>>(patterns: &[S]) -> Result<EnvPolicy, String> {
        let mut p = EnvPolicy::default();
        for pat in patterns {
            p.add(pat.as_ref())?;
        }
        Ok(p)
    }

    /// Every variable: for tests and for callers that own the whole environment.
    pub fn everything() -> EnvPolicy {
        EnvPolicy {
            names: HashSet::new(),
            prefixes: vec![String::new()],
        }
    }

    pub fn add(&mut self, pattern: &str) -> Result<(), String> {
        let (stem, wildcard) = match pattern.strip_suffix('*') {
            Some(s) => (s, true),
            None => (pattern, false),
        };
        if (!wildcard && stem.is_empty()) || !stem.bytes().all(is_name_byte) {
            return Err(format!(
                "`{pattern}` is not a variable name or a `PREFIX_*` pattern (letters, digits and `_`, at most one `*` at the end)"
            ));
        }
        if wildcard && stem.is_empty() {
            return Err("`*` would allow every variable of the environment, secrets of other tools included; name the variables, or a prefix such as `OFFER_*`".into());
        }
        if wildcard {
            self.prefixes.push(stem.to_string());
        } else {
            self.names.insert(stem.to_string());
        }
        Ok(())
    }

    pub fn allows(&self, name: &str) -> bool {
        self.names.contains(name) || self.prefixes.iter().any(|p| name.starts_with(p.as_str()))
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty() && self.prefixes.is_empty()
    }
}

fn is_name_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Why a reference was not resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unresolved {
    /// The variable is allowed but not set.
    Unset,
    /// `--allow-env` does not allow the variable.
    Denied,
}

/// What substitution found in one document.
#[derive(Debug, Default)]
pub struct Resolution {
    /// Values that could not be resolved: pointer, the first variable name, and why.
    pub unresolved: Vec<(String, String, Unresolved)>,
    unresolved_set: HashSet<String>,
    /// Strings that held a reference and were resolved, by pointer.
    resolved: HashSet<String>,
    /// Every string that held a reference, by pointer, as written.
    written: HashMap<String, String>,
    /// The document as written, when any reference was resolved (else the resolved document
    /// is the written one).
    written_doc: Option<Value>,
}

impl Resolution {
    /// True when `pointer` is, or lies under, a value that could not be resolved.
    pub fn is_unresolved(&self, pointer: &str) -> bool {
        if self.unresolved_set.is_empty() {
            return false;
        }
        // The pointer itself and each ancestor: as many lookups as the pointer is deep.
        let mut p = pointer;
        loop {
            if self.unresolved_set.contains(p) {
                return true;
            }
            match p.rfind('/') {
                Some(i) => p = &p[..i],
                None => return false,
            }
        }
    }

    /// True when the value at `pointer` was expanded from the environment: it is for the
    /// checks, and is never shown.
    pub fn is_from_env(&self, pointer: &str) -> bool {
        !self.resolved.is_empty() && self.resolved.contains(pointer)
    }

    /// True when a value from the environment lies at or under `pointer`.
    pub fn holds_env(&self, pointer: &str) -> bool {
        if self.resolved.is_empty() {
            return false;
        }
        self.resolved.iter().any(|p| {
            p == pointer
                || (p.starts_with(pointer) && p.as_bytes().get(pointer.len()) == Some(&b'/'))
        })
    }

    /// The string at `pointer` as written in the manifest, when it held a `${env:..}`
    /// reference; `None` for every other value (which is then as written already).
    pub fn written(&self, pointer: &str) -> Option<&str> {
        if self.written.is_empty() {
            return None;
        }
        self.written.get(pointer).map(String::as_str)
    }

    /// Whether any string held a reference.
    pub fn has_references(&self) -> bool {
        !self.written.is_empty()
    }

    /// The document as written, given the resolved one.
    pub fn written_doc<'a>(&'a self, resolved: &'a Value) -> &'a Value {
        self.written_doc.as_ref().unwrap_or(resolved)
    }

    /// The first unresolved reference of each variable, in document order.
    pub fn first_per_name(&self) -> Vec<&(String, String, Unresolved)> {
        let mut seen = HashSet::new();
        self.unresolved
            .iter()
            .filter(|(_, name, _)| seen.insert(name.as_str()))
            .collect()
    }
}

/// Replaces the `${env:NAME}` references that `policy` allows in every string of `value`.
pub fn resolve(value: &mut Value, env: &EnvSource, policy: &EnvPolicy) -> Resolution {
    let mut res = Resolution::default();
    if !any_reference(value) {
        return res;
    }
    walk(value, &mut Vec::new(), env, policy, &mut res);
    // Only a document in which a reference was resolved pays for a copy of itself: the
    // resolved document with each resolved string put back as written.
    if !res.resolved.is_empty() {
        let mut written = value.clone();
        for pointer in &res.resolved {
            if let (Some(slot), Some(text)) =
                (written.pointer_mut(pointer), res.written.get(pointer))
            {
                *slot = Value::String(text.clone());
            }
        }
        res.written_doc = Some(written);
    }
    res.unresolved_set = res.unresolved.iter().map(|(p, _, _)| p.clone()).collect();
    res
}

/// Whether a string holds a reference: most hold no `$` at all, found without a search setup.
fn has_reference(s: &str) -> bool {
    memchr::memchr(b'$', s.as_bytes()).is_some() && s.contains("${env:")
}

fn any_reference(v: &Value) -> bool {
    match v {
        Value::String(s) => has_reference(s),
        Value::Array(a) => a.iter().any(any_reference),
        Value::Object(m) => m.values().any(any_reference),
        _ => false,
    }
}

/// `path` is the node's path, grown and cut back as the walk goes: only the strings holding
/// a reference get a pointer made.
fn walk<'v>(
    v: &'v mut Value,
    path: &mut Vec<Step<'v>>,
    env: &EnvSource,
    policy: &EnvPolicy,
    res: &mut Resolution,
) {
    match v {
        Value::String(s) if has_reference(s) => {
            let pointer = pointer_of(path);
            res.written.insert(pointer.clone(), s.clone());
            match substitute(s, env, policy) {
                Ok(out) => {
                    if out != *s {
                        res.resolved.insert(pointer);
                        *s = out;
                    }
                }
                Err((name, why)) => res.unresolved.push((pointer, name, why)),
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter_mut().enumerate() {
                path.push(Step::Index(i));
                walk(x, path, env, policy, res);
                path.pop();
            }
        }
        Value::Object(m) => {
            for (k, x) in m.iter_mut() {
                path.push(Step::Key(k));
                walk(x, path, env, policy, res);
                path.pop();
            }
        }
        _ => {}
    }
}

/// Substitutes each reference; the first one that cannot be resolved stops it.
fn substitute(
    s: &str,
    env: &EnvSource,
    policy: &EnvPolicy,
) -> Result<String, (String, Unresolved)> {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find("${env:") {
        out.push_str(&rest[..i]);
        let after = &rest[i + 6..];
        let Some(end) = after.find('}') else {
            out.push_str(&rest[i..]);
            return Ok(out);
        };
        let name = &after[..end];
        if !policy.allows(name) || name.is_empty() || !name.bytes().all(is_name_byte) {
            return Err((name.to_string(), Unresolved::Denied));
        }
        match env.get(name) {
            Some(val) => out.push_str(&val),
            None => return Err((name.to_string(), Unresolved::Unset)),
        }
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

/// True when the whole string is one `${env:NAME}` reference.
pub fn is_reference(s: &str) -> bool {
    s.starts_with("${env:")
        && s.ends_with('}')
        && s[6..s.len() - 1]
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env() -> EnvSource {
        let mut m = BTreeMap::new();
        m.insert("OFFER_SAS".to_string(), "https://x/y.vhd?sig=S".to_string());
        m.insert("OTHER".to_string(), "secret".to_string());
        EnvSource::Fixed(m)
    }

    #[test]
    fn only_allowed_variables_are_resolved() {
        let mut v = serde_json::json!({"a": "${env:OFFER_SAS}", "b": "${env:OTHER}", "c": "${env:OFFER_MISSING}"});
        let res = resolve(&mut v, &env(), &EnvPolicy::new(&["OFFER_*"]).unwrap());
        assert_eq!(v["a"], "https://x/y.vhd?sig=S");
        assert_eq!(v["b"], "${env:OTHER}");
        assert!(res.is_from_env("/a") && !res.is_from_env("/b"));
        assert!(res.is_unresolved("/b") && res.is_unresolved("/c") && !res.is_unresolved("/a"));
        let why: Vec<Unresolved> = res.unresolved.iter().map(|u| u.2).collect();
        assert_eq!(why, [Unresolved::Denied, Unresolved::Unset]);
        assert_eq!(res.written_doc(&v)["a"], "${env:OFFER_SAS}");
    }

    #[test]
    fn nothing_is_resolved_by_default() {
        let mut v = serde_json::json!({"a": "${env:OTHER}"});
        let res = resolve(&mut v, &env(), &EnvPolicy::default());
        assert_eq!(v["a"], "${env:OTHER}");
        assert_eq!(res.unresolved[0].2, Unresolved::Denied);
    }

    #[test]
    fn patterns_are_names_or_prefixes() {
        assert!(EnvPolicy::new(&["*"]).is_err());
        assert!(EnvPolicy::new(&["A-B"]).is_err());
        assert!(EnvPolicy::new(&["A*B"]).is_err());
        let p = EnvPolicy::new(&["EXACT", "PRE_*"]).unwrap();
        assert!(p.allows("EXACT") && p.allows("PRE_X") && !p.allows("EXACTLY"));
    }

    #[test]
    fn unresolved_lookups_cover_descendants_only() {
        let mut v = serde_json::json!({"a": {"b": "${env:X}"}, "ab": 1});
        let res = resolve(&mut v, &env(), &EnvPolicy::default());
        assert!(res.is_unresolved("/a/b") && res.is_unresolved("/a/b/c"));
        assert!(!res.is_unresolved("/a") && !res.is_unresolved("/ab"));
    }
}
