//! `.offer-lint.yaml`: found by walking up from the linted paths, or named with `--config`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde_json::Value;

use crate::check::settings::{Level, RuleSettings};
use crate::check::{FileReport, RunContext, Sink};
use crate::finding::Severity;
use crate::load::{self, Limits};
use crate::rules::{self, Area, At};

pub const FILE_NAME: &str = ".offer-lint.yaml";

/// Where an effective setting came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    Default,
    File(String),
    Cli,
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Origin::Default => f.write_str("default"),
            Origin::File(p) => f.write_str(p),
            Origin::Cli => f.write_str("command line"),
        }
    }
}

/// The fail level: findings at or above it make the exit code 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

impl FailOn {
    pub fn parse(s: &str) -> Option<FailOn> {
        match s {
            "error" => Some(FailOn::Error),
            "warning" => Some(FailOn::Warning),
            "info" => Some(FailOn::Info),
            "never" => Some(FailOn::Never),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            FailOn::Error => "error",
            FailOn::Warning => "warning",
            FailOn::Info => "info",
            FailOn::Never => "never",
        }
    }

    pub fn fails(self, s: Severity) -> bool {
        match self {
            FailOn::Never => false,
            FailOn::Error => s >= Severity::Error,
            FailOn::Warning => s >= Severity::Warning,
            FailOn::Info => true,
        }
    }
}

/// The configuration as read, with origins.
#[derive(Debug, Clone)]
pub struct Config {
    pub path: Option<PathBuf>,
    pub include: Vec<String>,
    pub exclude: Vec<String>,
    pub rules: RuleSettings,
    pub rule_origins: BTreeMap<String, String>,
    pub fail_on: (FailOn, Origin),
    pub limits: Limits,
    pub limit_origins: BTreeMap<String, Origin>,
    /// The `timeline` section, interpreted by the timeline.
    pub timeline: Option<Value>,
    /// Findings about the configuration file itself.
    pub report: Option<FileReport>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            path: None,
            include: Vec::new(),
            exclude: Vec::new(),
            rules: RuleSettings::default(),
            rule_origins: BTreeMap::new(),
            fail_on: (FailOn::Error, Origin::Default),
            limits: Limits::default(),
            limit_origins: BTreeMap::new(),
            timeline: None,
            report: None,
        }
    }
}

/// Finds `.offer-lint.yaml` in `start` or the nearest ancestor, up to the repository root
/// (the folder holding `.git`, else the working directory) and no further: a file above the
/// repository is nobody's configuration for it. `--config` names one elsewhere.
pub fn find(start: &Path) -> Option<PathBuf> {
    let abs = std::path::absolute(start).ok()?;
    let mut dir = if abs.is_dir() {
        Some(abs.as_path())
    } else {
        abs.parent()
    };
    let root = crate::paths::repo_root(&abs.join("x"));
    while let Some(d) = dir {
        let c = d.join(FILE_NAME);
        // A link or a FIFO is found too, and reported by the reader without being read.
        if std::fs::symlink_metadata(&c).is_ok_and(|m| !m.is_dir()) {
            return Some(c);
        }
        if d == root || !d.starts_with(&root) {
            return None;
        }
        dir = d.parent();
    }
    None
}

/// Loads a configuration file; problems in it become `config-invalid` findings.
pub fn load(path: &Path) -> Config {
    let display = crate::paths::display(path);
    let mut cfg = Config {
        path: Some(path.to_path_buf()),
        ..Config::default()
    };
    let limits = Limits::default();
    let root = crate::paths::repo_root(path);
    let bytes = match load::read_file(path, &root, limits.max_file_bytes) {
        Ok(b) => b,
        Err(e) => {
            let why = match e {
                load::ReadError::Refused(why) => format!("the configuration file {why}"),
                load::ReadError::TooLarge(n) => {
                    format!(
                        "the configuration file is {n} bytes, more than the limit of {}",
                        limits.max_file_bytes
                    )
                }
                load::ReadError::Io(e) => format!("the configuration file cannot be read: {e}"),
            };
            cfg.report = Some(FileReport::file_level(
                &display,
                &rules::config::config_invalid::RULE,
                &why,
                None,
                &RunContext::default(),
            ));
            return cfg;
        }
    };
    from_bytes(cfg, display, bytes)
}

/// Every name a `rules:` entry may use: the rule ids and the area names.
fn rule_names() -> Vec<String> {
    rules::ALL
        .iter()
        .map(|r| r.id.to_string())
        .chain(Area::ALL.iter().map(|a| a.name().to_string()))
        .collect()
}

/// Reads a configuration from its bytes (the file's display name for findings).
pub fn from_bytes(mut cfg: Config, display: String, bytes: Vec<u8>) -> Config {
    let limits = Limits::default();
    let loaded = load::load_bytes(&display, bytes, &limits);
    let source = loaded.source;
    // Declared before the sink, which borrows its span index.
    let document = loaded.document;
    let run = RunContext::default();
    let mut sink = Sink::new(&source, &run, Default::default());
    let rule = &rules::config::config_invalid::RULE;
    for e in &loaded.errors {
        sink.push_span(rule, None, e.span, "", &e.message, e.help.as_deref());
    }
    if let Some(doc) = &document {
        sink.index = Some(&doc.index);
        let mut flagged: Vec<String> = Vec::new();
        if let Ok(s) = crate::check::schema::schemas() {
            for mut f in crate::check::schema::check(
                s.config(),
                s,
                crate::check::schema::Target::Config,
                &doc.value,
                None,
            ) {
                f.rule = rule;
                f.severity = rule.severity;
                flagged.push(f.pointer.clone());
                sink.push(f);
            }
        }
        let origin = display.clone();
        let v = &doc.value;
        let strings = |key: &str| -> Vec<String> {
            v.get(key)
                .and_then(Value::as_array)
                .map(|a| {
                    a.iter()
                        .filter_map(Value::as_str)
                        .map(str::to_string)
                        .collect()
                })
                .unwrap_or_default()
        };
        cfg.include = strings("include");
        cfg.exclude = strings("exclude");
        if let Some(Value::Object(m)) = v.get("rules") {
            for (k, lv) in m {
                let Some(level) = lv.as_str().and_then(Level::parse) else {
                    continue;
                };
                if rules::by_id(k).is_some() {
                    cfg.rules.by_rule.insert(k.clone(), level);
                    cfg.rule_origins.insert(k.clone(), origin.clone());
                } else if let Some(area) = Area::parse(k) {
                    cfg.rules.by_area.insert(area, level);
                    cfg.rule_origins.insert(k.clone(), origin.clone());
                } else {
                    sink.push(crate::rules::ctx::RawFinding {
                        rule,
                        severity: rule.severity,
                        pointer: format!("/rules/{}", load::yaml::escape_token(k)),
                        at: At::Key,
                        message: format!("`{k}` is neither a rule id nor a rule area"),
                        help: Some(match crate::message::closest(k, &rule_names()) {
                            Some(near) => format!(
                                "did you mean `{near}`? `offer-lint rules` lists the rule ids and areas"
                            ),
                            None => "`offer-lint rules` lists the rule ids and areas".into(),
                        }),
                        label: String::new(),
                    });
                }
            }
        }
        if let Some(f) = v
            .get("fail-on")
            .and_then(Value::as_str)
            .and_then(FailOn::parse)
        {
            cfg.fail_on = (f, Origin::File(origin.clone()));
        }
        if let Some(Value::Object(m)) = v.get("limits") {
            let mut set = |key: &str, target: &mut u64| {
                if let Some(n) = m.get(key).and_then(Value::as_u64) {
                    *target = n;
                    cfg.limit_origins
                        .insert(key.to_string(), Origin::File(origin.clone()));
                }
            };
            let mut depth = cfg.limits.max_depth as u64;
            let mut aliases = cfg.limits.max_alias_nodes as u64;
            set("max-file-bytes", &mut cfg.limits.max_file_bytes);
            set("max-depth", &mut depth);
            set("max-aliases", &mut aliases);
            set("max-asset-bytes", &mut cfg.limits.max_asset_bytes);
            set("max-archive-bytes", &mut cfg.limits.max_archive_bytes);
            cfg.limits.max_depth = depth.clamp(2, 4096) as usize;
            cfg.limits.max_alias_nodes = aliases.min(10_000_000) as usize;
        }
        cfg.timeline = v.get("timeline").cloned();
        // What the schema cannot say about the timeline (durations, area names, time zone),
        // where the schema has not already reported.
        for p in crate::timeline::model::problems(cfg.timeline.as_ref()) {
            let under =
                |a: &str, b: &str| a == b || a.strip_prefix(b).is_some_and(|r| r.starts_with('/'));
            let known = flagged
                .iter()
                .filter(|f| under(f, "/timeline"))
                .any(|f| under(&p.pointer, f) || under(f, &p.pointer));
            if !known {
                sink.push(crate::rules::ctx::RawFinding {
                    rule,
                    severity: rule.severity,
                    pointer: p.pointer,
                    at: At::Value,
                    message: p.message,
                    help: Some("the `timeline` section: `timezone`, and `steps` of {name, duration, manual, when, areas}; see `offer-lint timeline --help`".into()),
                    label: String::new(),
                });
            }
        }
    }
    let findings = sink.finish();
    if !findings.is_empty() {
        cfg.report = Some(FileReport {
            display,
            source: Some(Arc::new(source)),
            findings,
            offer: None,
            suppressions: Default::default(),
        });
    }
    cfg
}
