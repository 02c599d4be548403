//! `${env:NAME}` references: resolved from the environment before any check runs.

use std::collections::BTreeMap;

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

/// What substitution found in one document.
#[derive(Debug, Default)]
pub struct Resolution {
    /// Pointers whose value names an unset variable, with the first such name.
    pub unset: Vec<(String, String)>,
    /// Every value that came from the environment; never to be printed.
    pub secrets: Vec<String>,
    /// Every string that held a reference, by pointer, as written before substitution.
    pub written: Vec<(String, String)>,
}

impl Resolution {
    /// True when `pointer` is, or lies under, a value that could not be resolved.
    pub fn is_unresolved(&self, pointer: &str) -> bool {
        self.unset.iter().any(|(p, _)| {
            pointer == p
                || (pointer.starts_with(p.as_str())
                    && pointer.as_bytes().get(p.len()) == Some(&b'/'))
        })
    }

    /// The string at `pointer` as written in the manifest, when it held a `${env:..}`
    /// reference; `None` for every other value (which is then as written already).
    pub fn written(&self, pointer: &str) -> Option<&str> {
        self.written
            .iter()
            .find(|(p, _)| p == pointer)
            .map(|(_, s)| s.as_str())
    }

    /// Replaces every resolved secret in `text` with a mask.
    pub fn redact(&self, text: &str) -> String {
        let mut out = text.to_string();
        for s in &self.secrets {
            if !s.is_empty() && out.contains(s.as_str()) {
                out = out.replace(s.as_str(), "[redacted]");
            }
        }
        out
    }
}

/// Replaces `${env:NAME}` references in every string of `value`.
pub fn resolve(value: &mut Value, env: &EnvSource) -> Resolution {
    let mut res = Resolution::default();
    walk(value, &mut Vec::new(), env, &mut res);
    res
}

/// Whether a string holds a reference: most hold no `$` at all, found without a search setup.
fn has_reference(s: &str) -> bool {
    memchr::memchr(b'$', s.as_bytes()).is_some() && s.contains("${env:")
}

/// `path` is the node's path, grown and cut back as the walk goes: only the strings holding
/// a reference get a pointer made.
fn walk<'v>(v: &'v mut Value, path: &mut Vec<Step<'v>>, env: &EnvSource, res: &mut Resolution) {
    match v {
        Value::String(s) if has_reference(s) => {
            let pointer = pointer_of(path);
            res.written.push((pointer.clone(), s.clone()));
            let (out, unset) = substitute(s, env, &mut res.secrets);
            match unset {
                Some(name) => res.unset.push((pointer, name)),
                None => *s = out,
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter_mut().enumerate() {
                path.push(Step::Index(i));
                walk(x, path, env, res);
                path.pop();
            }
        }
        Value::Object(m) => {
            for (k, x) in m.iter_mut() {
                path.push(Step::Key(k));
                walk(x, path, env, res);
                path.pop();
            }
        }
        _ => {}
    }
}

/// Substitutes each reference; returns the first unset name, if any.
fn substitute(s: &str, env: &EnvSource, secrets: &mut Vec<String>) -> (String, Option<String>) {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find("${env:") {
        out.push_str(&rest[..i]);
        let after = &rest[i + 6..];
        let Some(end) = after.find('}') else {
            out.push_str(&rest[i..]);
            return (out, None);
        };
        let name = &after[..end];
        match env.get(name) {
            Some(val) => {
                secrets.push(val.clone());
                out.push_str(&val);
            }
            None => return (s.to_string(), Some(name.to_string())),
        }
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    (out, None)
}

/// True when the whole string is one `${env:NAME}` reference.
pub fn is_reference(s: &str) -> bool {
    s.starts_with("${env:")
        && s.ends_with('}')
        && s[6..s.len() - 1]
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_')
}
