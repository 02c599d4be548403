//! Report: one small renderer per output format over the neutral finding model.

pub mod github;
pub mod gitlab;
pub mod human;
pub mod json;
pub mod junit;
pub mod markdown;
pub mod sarif;

use std::collections::HashMap;

use crate::config::FailOn;
use crate::finding::Finding;
use crate::lint::Outcome;
use crate::rules::{self, Kind, Rule};

/// The output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Snippets with labels and help, for people (miette).
    Human,
    /// A stable JSON document for tools.
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// GitHub Actions workflow commands (annotations on the pull request).
    Github,
    /// JUnit XML: a test suite per file, a test case per offer and rule.
    Junit,
    /// GitLab Code Quality JSON.
    Gitlab,
    /// A Markdown job summary: totals, every finding by offer, each offer's timeline.
    Markdown,
}

impl Format {
    /// The name used on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Format::Human => "human",
            Format::Json => "json",
            Format::Sarif => "sarif",
            Format::Github => "github",
            Format::Junit => "junit",
            Format::Gitlab => "gitlab",
            Format::Markdown => "markdown",
        }
    }
}

/// What a run adds beyond its findings, for the renderers that show it.
#[derive(Debug, Clone)]
pub struct Context {
    /// The rules that ran, in catalog order (JUnit lists a passing test case for each).
    pub rules: Vec<&'static Rule>,
    /// The fail level: JUnit reports findings at or above it as failures.
    pub fail_on: FailOn,
    /// GitHub mode: annotations were printed, so the summary says what GitHub hides.
    pub github: bool,
    /// `https://github.com/OWNER/REPO/blob/SHA/`, to link findings in the Markdown summary.
    pub link_base: Option<String>,
    /// The git ref given with `--baseline`.
    pub baseline: Option<String>,
}

impl Default for Context {
    fn default() -> Self {
        Context {
            rules: rules::ALL
                .iter()
                .copied()
                .filter(|r| r.kind != Kind::Change && r.kind != Kind::Config)
                .collect(),
            fail_on: FailOn::Error,
            github: false,
            link_base: None,
            baseline: None,
        }
    }
}

/// How the human renderer draws.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub color: bool,
    pub unicode: bool,
    pub width: usize,
    /// Plain sentences instead of drawings (screen readers, dumb terminals).
    pub narrated: bool,
}

impl Default for Style {
    fn default() -> Self {
        Style {
            color: false,
            unicode: true,
            width: 100,
            narrated: false,
        }
    }
}

/// Renders an outcome in a format.
pub fn render(format: Format, outcome: &Outcome, style: &Style) -> String {
    render_with(format, outcome, style, &Context::default())
}

/// Renders an outcome in a format, with what the run knows beyond its findings.
pub fn render_with(format: Format, outcome: &Outcome, style: &Style, ctx: &Context) -> String {
    let mut out = Vec::new();
    // Writing to memory does not fail, and every renderer writes UTF-8.
    let _ = write(format, outcome, style, ctx, &mut out);
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// Writes an outcome in a format to `w`. JSON and SARIF are written as they are serialised,
/// finding by finding: the document is never held whole in memory.
pub fn write(
    format: Format,
    outcome: &Outcome,
    style: &Style,
    ctx: &Context,
    w: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    use std::io::Write as _;
    // The one buffer between the renderers' many small writes and the file or stdout.
    let mut w = std::io::BufWriter::new(w);
    match format {
        Format::Json => json::write(outcome, &mut w)?,
        Format::Sarif => sarif::write(outcome, ctx, &mut w)?,
        Format::Human => human::write(outcome, style, &mut w)?,
        Format::Junit => junit::write(outcome, ctx, &mut w)?,
        Format::Github => w.write_all(github::render(outcome).as_bytes())?,
        Format::Gitlab => w.write_all(gitlab::render(outcome).as_bytes())?,
        Format::Markdown => w.write_all(markdown::render(outcome, ctx).as_bytes())?,
    }
    w.flush()
}

/// A sequence serialised from an iterator as it goes, without collecting it first.
pub struct Seq<I>(std::cell::Cell<Option<I>>);

impl<I> Seq<I> {
    pub fn new(items: I) -> Self {
        Seq(std::cell::Cell::new(Some(items)))
    }
}

impl<I, T> serde::Serialize for Seq<I>
where
    I: Iterator<Item = T>,
    T: serde::Serialize,
{
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0.take() {
            Some(items) => s.collect_seq(items),
            None => s.collect_seq(std::iter::empty::<T>()),
        }
    }
}

/// FNV-1a, 64 bits: a hash that is the same on every platform, build and run, for
/// fingerprints that must survive across runs (unlike `std`'s randomly seeded hasher).
#[derive(Debug, Clone, Copy)]
pub struct Fnv1a(u64);

impl Default for Fnv1a {
    fn default() -> Self {
        Fnv1a(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv1a {
    pub fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }

    /// Writes a field followed by a separator, so that ("ab", "c") and ("a", "bc") differ.
    pub fn field(&mut self, s: &str) -> &mut Self {
        self.write(s.as_bytes());
        self.write(&[0]);
        self
    }

    pub fn finish(&self) -> u64 {
        self.0
    }
}

/// A finding's identity across runs: rule, repository-relative path, JSON pointer and
/// message, never its line, so it survives lines added above it.
pub fn fingerprint(f: &Finding, path: &str) -> u64 {
    Fnv1a::default()
        .field(f.rule)
        .field(path)
        .field(&f.pointer)
        .field(&f.message)
        .finish()
}

/// Paths relative to the repository root (the nearest folder with `.git` above the file,
/// else the working directory), which is what GitHub, GitLab and SARIF consumers resolve
/// against. Remembers each file's answer, as a run has few files and many findings.
#[derive(Debug, Default)]
pub struct RepoPaths(HashMap<String, String>);

impl RepoPaths {
    pub fn get(&mut self, display: &str) -> String {
        if let Some(p) = self.0.get(display) {
            return p.clone();
        }
        let p = repo_relative(display);
        self.0.insert(display.to_string(), p.clone());
        p
    }
}

/// `display` (relative to the working directory) made relative to its repository root.
pub fn repo_relative(display: &str) -> String {
    let path = std::path::Path::new(display);
    let Ok(abs) = std::path::absolute(path) else {
        return display.to_string();
    };
    let root = crate::paths::repo_root(path);
    let root = std::path::absolute(&root).unwrap_or(root);
    // Normalise `..` so that a path such as `../repo/x.yaml` still strips.
    let abs = normalize(&abs);
    match abs.strip_prefix(normalize(&root)) {
        Ok(rel) if !rel.as_os_str().is_empty() => rel.to_string_lossy().replace('\\', "/"),
        _ => display.to_string(),
    }
}

fn normalize(p: &std::path::Path) -> std::path::PathBuf {
    use std::path::Component;
    let mut out = std::path::PathBuf::new();
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

/// The findings of a run grouped by offer, in file order: one group per file, named by
/// its offer id when the file declares one.
pub fn by_offer(outcome: &Outcome) -> Vec<(Option<&str>, &str, Vec<&Finding>)> {
    outcome
        .files
        .iter()
        .map(|f| {
            (
                f.offer.as_ref().map(|o| o.id.as_str()),
                f.display.as_str(),
                f.findings.iter().collect(),
            )
        })
        .collect()
}
