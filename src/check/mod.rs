//! Check: run the loader, the schema rules and the code rules over one file, then apply
//! suppressions and severity overrides in one sink as the findings come out.

pub mod baseline;
pub mod schema;
pub mod settings;
pub mod suppress;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use jiff::Timestamp;
use serde_json::Value;

use crate::finding::{Finding, Position, Severity, Span};
use crate::load::env::{self, EnvPolicy, EnvSource, Resolution, Unresolved};
use crate::load::ingestion::DocumentKind;
use crate::load::{self, Limits, ReadError, SourceFile, SpanIndex, Unit};
use crate::rules::ctx::RawFinding;
use crate::rules::{self, At, Ctx, Kind, Rule};

pub use settings::RuleSettings;

/// Everything that is the same for every file of a run.
#[derive(Debug, Clone)]
pub struct RunContext {
    /// The moment of the run (fixed in tests).
    pub now: Timestamp,
    pub limits: Limits,
    pub env: EnvSource,
    /// The variables `${env:NAME}` may name (`--allow-env`); none by default.
    pub env_allow: EnvPolicy,
    pub rules: RuleSettings,
    pub inline_suppressions: bool,
    /// `--start`: the planned submission when a manifest gives none.
    pub start: Option<Timestamp>,
    /// The publishing timeline's stage model and display time zone.
    pub timeline: crate::timeline::Settings,
    /// `--baseline`: the published state that the `change-*` rules compare with.
    pub baseline: Option<baseline::Baseline>,
    /// `--baseline-tree`: the published state as Partner Center returns it.
    pub baseline_tree: Option<std::sync::Arc<baseline::TreeBaseline>>,
}

impl Default for RunContext {
    fn default() -> Self {
        RunContext {
            now: Timestamp::now(),
            limits: Limits::default(),
            env: EnvSource::Process,
            env_allow: EnvPolicy::default(),
            rules: RuleSettings::default(),
            inline_suppressions: true,
            start: None,
            timeline: crate::timeline::Settings::default(),
            baseline: None,
            baseline_tree: None,
        }
    }
}

/// One file to lint.
pub struct FileInput {
    /// The path as shown (relative, forward slashes).
    pub display: String,
    /// The manifest's folder: asset paths are relative to it.
    pub dir: PathBuf,
    /// The repository root: assets may not lie outside it.
    pub root: PathBuf,
    pub bytes: Result<Vec<u8>, ReadError>,
}

impl FileInput {
    /// Reads `path` under the size limit.
    pub fn read(path: &Path, display: String, root: PathBuf, limits: &Limits) -> FileInput {
        let dir = path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."));
        let bytes = load::read_file(path, &root, limits.max_file_bytes);
        FileInput {
            display,
            dir,
            root,
            bytes,
        }
    }
}

/// What an offer contributes beyond its findings: the id and the facts the timeline needs.
#[derive(Debug, Clone)]
pub struct OfferSummary {
    pub id: String,
    /// Where the id is written, for cross-file findings.
    pub id_site: (Span, Position, Position),
    pub test_drive: bool,
    /// `publish.plannedSubmission`, `targetGoLive`, `signOffDays` as written.
    pub publish: Option<Value>,
    /// Where `publish.targetGoLive` is written, for `timeline-deadline`.
    pub target_site: Option<crate::timeline::Site>,
    /// The expiry of every SAS URI, for `sas-expiry-covers-certification`.
    pub sas_expiries: Vec<crate::timeline::SasExpiry>,
    /// The projected publishing timeline, set after the cross-file stage.
    pub timeline: Option<crate::timeline::Projection>,
}

/// The result of linting one file.
#[derive(Debug, Clone)]
pub struct FileReport {
    pub display: String,
    /// The text, kept only when there is something to show from it.
    pub source: Option<Arc<SourceFile>>,
    pub findings: Vec<Finding>,
    pub offer: Option<OfferSummary>,
    /// The file's inline suppressions; late findings (cross-file, timeline) pass through them
    /// too, and what stayed unused is reported once every stage has run.
    pub suppressions: suppress::Suppressions,
}

impl FileReport {
    /// A report of one file-level finding (at line 1) for a file that could not be read.
    pub fn file_level(
        display: &str,
        rule: &'static Rule,
        message: &str,
        help: Option<&str>,
        run: &RunContext,
    ) -> FileReport {
        let source = SourceFile::new(display, String::new());
        let mut sink = Sink::new(&source, run, suppress::Suppressions::default());
        sink.push_span(rule, None, Span::new(0, 0), "", message, help);
        let findings = sink.finish();
        FileReport {
            display: display.to_string(),
            source: Some(Arc::new(source)),
            findings,
            offer: None,
            suppressions: Default::default(),
        }
    }

    /// Adds a finding made after the per-file stage, through the same settings and
    /// suppressions as the others. Returns whether it was kept.
    pub fn add_late(&mut self, mut f: Finding, run: &RunContext) -> bool {
        let Some(rule) = rules::by_id(f.rule) else {
            return false;
        };
        if !run.rules.enabled(rule) || self.suppressions.suppresses(&f) {
            return false;
        }
        if let Some(sev) = run.rules.severity_override(rule) {
            f.severity = sev;
        }
        self.findings.push(f);
        self.findings
            .sort_by(|a, b| (a.span.start, a.rule).cmp(&(b.span.start, b.rule)));
        if self.source.is_none() {
            self.source = std::fs::read_to_string(&self.display)
                .ok()
                .map(|t| Arc::new(SourceFile::new(self.display.clone(), t)));
        }
        true
    }

    /// Reports the suppressions that were unused, reason-less or unreadable.
    pub fn finish_suppressions(&mut self, run: &RunContext) {
        for f in self.suppressions.leftovers(&self.display) {
            let Some(rule) = rules::by_id(f.rule) else {
                continue;
            };
            if !run.rules.enabled(rule) {
                continue;
            }
            let mut f = f;
            if let Some(sev) = run.rules.severity_override(rule) {
                f.severity = sev;
            }
            self.findings.push(f);
        }
        self.findings
            .sort_by(|a, b| (a.span.start, a.rule).cmp(&(b.span.start, b.rule)));
    }
}

/// Code rules that judge a whole offer: they do not run on a configure payload, which may
/// leave out what they look for (`cert-remote-connection` reads a missing `openPorts` as
/// "no port open"; the API keeps the ports a payload does not send).
pub const WHOLE_OFFER_RULES: &[&str] = &["plans-count", "cert-remote-connection"];

/// Which rules apply to a unit depends on its kind only (the README's table).
trait Applies {
    fn runs(&self, rule: &Rule) -> bool;
    fn asks_for(&self, conditional: bool) -> bool;
}

impl Applies for Unit {
    /// Whether a code rule applies: a configure payload is not checked by the rules that
    /// need the whole offer (see the README's table of which rules apply where).
    fn runs(&self, rule: &Rule) -> bool {
        self.kind != DocumentKind::ConfigurePayload || !WHOLE_OFFER_RULES.contains(&rule.id)
    }

    /// Whether a schema finding "this is missing a required key" applies to this document. A
    /// configure payload is a change and the API keeps what it leaves out, so only what a
    /// value in the payload itself demands is asked of it ("`perCore` pricing needs
    /// `pricePerCore`", a conditional requirement), never a part it does not carry: working
    /// clients send technical configurations without `friendlyName` or `operatingSystem`.
    /// What the API keeps apart from the model (listing assets, the test drive's details) is
    /// not in the schema a JSON document meets (`Schemas::for_kind`).
    fn asks_for(&self, conditional: bool) -> bool {
        match self.kind {
            DocumentKind::Manifest | DocumentKind::ResourceTree => true,
            DocumentKind::ConfigurePayload => conditional,
        }
    }
}

/// Lints one file: load, schema rules, code rules, through the sink.
pub fn check_file(mut input: FileInput, run: &RunContext) -> FileReport {
    let bytes = match std::mem::replace(&mut input.bytes, Ok(Vec::new())) {
        Ok(b) => b,
        Err(e) => return unreadable(&input.display, e, run),
    };
    let loaded = load::load_bytes(&input.display, bytes, &run.limits);
    let source = loaded.source;
    // What the checks run on, declared before the sink, which borrows their span indexes.
    let raw = loaded.document;
    let front = load::front(raw);
    let mut ingestion_findings = Vec::new();
    if let Some(what) = front.response {
        let rule = &rules::ingestion::ingestion_schema_version::RULE;
        if run.rules.enabled(rule) {
            ingestion_findings.push(RawFinding::new(
                rule,
                String::new(),
                At::Value,
                format!("this is {what} of the Product Ingestion API, not a document sent to it; nothing in it is checked"),
                Some("lint the configure payloads you send and the resource trees you fetch".into()),
            ));
        }
    }
    if let Some(idoc) = front.ingestion() {
        ingestion_findings.extend(rules::ingestion::run(&idoc, |r| run.rules.enabled(r)));
    }
    let mut units = front.units;
    let raw_index = front.raw.map(|d| d.index);
    let resolutions: Vec<Resolution> = units
        .iter_mut()
        .map(|u| env::resolve(&mut u.doc.value, &run.env, &run.env_allow))
        .collect();
    let suppressions = if run.inline_suppressions {
        suppress::Suppressions::parse(&source)
    } else {
        suppress::Suppressions::default()
    };
    let mut sink = Sink::new(&source, run, suppressions);
    for e in &loaded.errors {
        sink.push_span(
            &rules::manifest::manifest_syntax::RULE,
            None,
            e.span,
            "",
            &e.message,
            e.help.as_deref(),
        );
    }
    sink.index = raw_index.as_ref();
    // Microsoft's schema findings wait for the model's rules: where one of those reports the
    // same place, it says more, and the place is reported once.
    let (microsoft, ingestion_findings): (Vec<_>, Vec<_>) = ingestion_findings
        .into_iter()
        .partition(|f| f.rule.id == rules::ingestion::ingestion_schema::RULE.id);
    for f in ingestion_findings {
        sink.push(f);
    }
    let mut offer = None;
    for (unit, resolution) in units.iter().zip(resolutions) {
        let first = sink.out.len();
        let summary = check_unit(unit, resolution, &mut sink, &source, &input, run);
        if offer.is_none() {
            offer = summary;
        }
        // Messages name the JSON paths the user wrote, not the model's.
        if let (Some(o), true) = (&unit.offer, sink.out.len() > first) {
            let shown = unit.display_paths();
            let paths: HashMap<&str, &str> = shown
                .iter()
                .map(|(m, j)| (m.as_str(), j.as_str()))
                .collect();
            for f in &mut sink.out[first..] {
                f.message =
                    rename_paths(&f.message, &paths).replace("the manifest", "the document");
                if let Some(jp) = o.json_pointer(&f.pointer) {
                    f.pointer = jp;
                }
            }
        }
    }
    sink.index = raw_index.as_ref();
    let reported: HashSet<String> = sink.out.iter().map(|o| o.pointer.clone()).collect();
    for f in microsoft {
        if !reported.contains(&f.pointer) {
            sink.push(f);
        }
    }
    let (findings, suppressions) = sink.into_parts();
    let keep = !findings.is_empty() || !suppressions.is_empty();
    let source = keep.then(|| Arc::new(source));
    FileReport {
        display: input.display,
        source,
        findings,
        offer,
        suppressions,
    }
}

/// The schema rules and code rules over one document.
fn check_unit<'a>(
    unit: &'a Unit,
    resolution: Resolution,
    sink: &mut Sink<'a>,
    source: &SourceFile,
    input: &FileInput,
    run: &RunContext,
) -> Option<OfferSummary> {
    let doc = &unit.doc;
    sink.index = Some(&doc.index);
    for (pointer, name, why) in resolution.first_per_name() {
        let (rule, message, help) = match why {
            Unresolved::Unset => (
                &rules::manifest::manifest_env_unset::RULE,
                format!("the environment variable `{name}` is not set; checks on this value are skipped"),
                format!("set `{name}` in the environment (in CI, from the pipeline's secrets)"),
            ),
            Unresolved::Denied => (
                &rules::manifest::manifest_env_denied::RULE,
                format!("`{name}` is not an allowed variable, so it is not read; checks on this value are skipped"),
                format!("allow it on the command line: `--allow-env {name}` (the action's `allow-env` input); the files being checked cannot allow variables"),
            ),
        };
        sink.push(RawFinding {
            rule,
            severity: rule.severity,
            pointer: pointer.clone(),
            at: At::Value,
            message,
            help: Some(help),
            label: String::new(),
        });
    }
    sink.resolution = Some(resolution);
    let schemas = schema::schemas().and_then(|s| Ok((s, s.for_kind(unit.kind)?)));
    match schemas {
        Ok((schemas, validator)) => {
            let written = sink.resolution.as_ref().map(|r| r.written_doc(&doc.value));
            let findings = schema::check_with(
                validator,
                schemas,
                schema::Target::Manifest,
                &doc.value,
                written,
                &|conditional| unit.asks_for(conditional),
            );
            for f in findings {
                sink.push(f);
            }
        }
        Err(e) => {
            sink.push_span(
                &rules::manifest::manifest_schema::RULE,
                Some(Severity::Error),
                Span::new(0, 0),
                "",
                &format!("internal: the embedded schemas do not compile: {e}"),
                None,
            );
        }
    }
    let resolution = sink.resolution.take().unwrap_or_default();
    let root = input.root.clone();
    let mut ctx = Ctx {
        doc,
        source,
        manifest_dir: &input.dir,
        root: &root,
        run,
        env: &resolution,
        rule: &rules::manifest::manifest_schema::RULE,
        findings: Vec::new(),
        missing_reported: HashSet::new(),
    };
    for rule in rules::ALL {
        if let (Kind::Document, Some(check)) = (rule.kind, rule.check) {
            if run.rules.enabled(rule) && unit.runs(rule) {
                ctx.rule = rule;
                check(&mut ctx);
            }
        }
    }
    if let (Some(b), DocumentKind::Manifest) = (&run.baseline, unit.kind) {
        change_stage(&mut ctx, b, &input.display);
    }
    if let Some(tree) = &run.baseline_tree {
        let id = doc.value.pointer("/offer/id").and_then(Value::as_str);
        let keys = unit.offer.as_ref().map_or(&[][..], |o| &o.product_keys[..]);
        if let Some(before) = tree.offer(id, unit.kind, keys) {
            let partial = unit.kind == DocumentKind::ConfigurePayload;
            let plans = unit.offer.as_ref().map_or(&[][..], |o| &o.plan_keys[..]);
            rules::change::run_with(&mut ctx, before, &tree.name, partial, |now| {
                tree.name_plans(now, plans)
            });
        }
    }
    let raw = std::mem::take(&mut ctx.findings);
    sink.resolution = Some(resolution);
    for f in raw {
        sink.push(f);
    }
    let resolution = sink.resolution.take();
    // A configure payload is a change, not an offer: it has no timeline of its own.
    let whole = unit.kind != DocumentKind::ConfigurePayload && unit.has_product;
    whole
        .then(|| {
            summarize(
                resolution
                    .as_ref()
                    .map_or(&doc.value, |r| r.written_doc(&doc.value)),
                &doc.value,
                &doc.index,
                source,
            )
        })
        .flatten()
}

/// Replaces the model's display paths in a message by the document's own (the longest that
/// matches; a one-word path only where a `.` or `[` follows, so that prose is left alone).
/// Each word of the message is looked up by its prefixes that end at a `.` or `[`, so the
/// cost is the message's length times its segments, whatever the number of paths.
fn rename_paths(message: &str, paths: &HashMap<&str, &str>) -> String {
    if paths.is_empty() {
        return message.to_string();
    }
    let path_char = |c: char| c.is_alphanumeric() || matches!(c, '.' | '_' | '-' | '[' | ']');
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    let mut boundary = true;
    while let Some(c) = rest.chars().next() {
        if boundary && path_char(c) {
            let word_end = rest.find(|c: char| !path_char(c)).unwrap_or(rest.len());
            let word = &rest[..word_end];
            // Candidate ends, longest first: the whole word (a dotted path only), then each
            // `.` or `[` inside it.
            let whole = std::iter::once(word_end).filter(|_| word.contains(['.', '[']));
            let inner = word
                .char_indices()
                .rev()
                .filter(|&(i, c)| i > 0 && (c == '.' || c == '['))
                .map(|(i, _)| i);
            if let Some((end, json)) = whole
                .chain(inner)
                .find_map(|end| paths.get(&word[..end]).map(|j| (end, *j)))
            {
                out.push_str(json);
                rest = &rest[end..];
                boundary = false;
                continue;
            }
        }
        out.push(c);
        boundary = !path_char(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// The `change-*` rules, when the manifest existed at the baseline and still parses there.
fn change_stage(ctx: &mut Ctx, b: &baseline::Baseline, display: &str) {
    let bytes = match b.read(Path::new(display)) {
        Ok(Some(bytes)) => bytes,
        Ok(None) => return, // new manifest: nothing was published yet
        Err(e) => {
            b.problem(format!(
                "{display}: cannot read it at `{}` through git: {e}",
                b.name
            ));
            return;
        }
    };
    // The same loader, nothing resolved from the environment: both sides compare as written.
    let before = load::load_bytes(display, bytes, &ctx.run.limits);
    match before.document {
        Some(doc) if before.errors.is_empty() => {
            rules::change::run(ctx, &doc.value, &b.name, false)
        }
        _ => b.note(format!(
            "{display}: the manifest at `{}` does not parse, so the change rules were skipped for it",
            b.name
        )),
    }
}

fn unreadable(display: &str, e: ReadError, run: &RunContext) -> FileReport {
    let message = e.describe(run.limits.max_file_bytes);
    FileReport::file_level(
        display,
        &rules::manifest::manifest_syntax::RULE,
        &message,
        Some(
            "offer-lint reads manifests of a few kilobytes; check that this is the file you meant",
        ),
        run,
    )
}

/// What the run keeps of an offer. Everything that is shown (the id, the dates of `publish`)
/// comes from the manifest as written; the SAS expiries, from the values the checks saw.
fn summarize(
    v: &Value,
    resolved: &Value,
    index: &SpanIndex,
    source: &SourceFile,
) -> Option<OfferSummary> {
    let id = v.pointer("/offer/id")?.as_str()?.to_string();
    let span = index.get("/offer/id").map(|s| s.value).unwrap_or_default();
    let span = source.clamp(span);
    Some(OfferSummary {
        id,
        id_site: (span, source.position(span.start), source.position(span.end)),
        test_drive: v.pointer("/setup/testDrive/enabled") == Some(&Value::Bool(true)),
        publish: v.get("publish").cloned(),
        target_site: crate::timeline::site(index, source, "/publish/targetGoLive"),
        sas_expiries: crate::timeline::sas_expiries(resolved, index, source),
        timeline: None,
    })
}

/// The one place findings pass through: positions, suppressions, overrides.
pub struct Sink<'a> {
    source: &'a SourceFile,
    run: &'a RunContext,
    pub(crate) index: Option<&'a SpanIndex>,
    pub(crate) resolution: Option<Resolution>,
    suppressions: suppress::Suppressions,
    out: Vec<Finding>,
}

impl<'a> Sink<'a> {
    pub fn new(
        source: &'a SourceFile,
        run: &'a RunContext,
        suppressions: suppress::Suppressions,
    ) -> Self {
        Sink {
            source,
            run,
            index: None,
            resolution: None,
            suppressions,
            out: Vec::new(),
        }
    }

    /// A finding located by pointer through the span index.
    pub fn push(&mut self, raw: RawFinding) {
        if let Some(res) = &self.resolution {
            // Checks on a value that names an unset or denied variable are skipped, not failed.
            if raw.rule.kind != Kind::Loader && res.is_unresolved(&raw.pointer) {
                return;
            }
        }
        let span = self.locate(&raw.pointer, raw.at);
        let mut f = self.build(
            raw.rule,
            raw.severity,
            span,
            &raw.pointer,
            &raw.message,
            raw.help.as_deref(),
        );
        f.label = raw.label;
        self.emit(f);
    }

    /// A finding at an explicit span (syntax errors, file-level problems).
    pub fn push_span(
        &mut self,
        rule: &'static Rule,
        severity: Option<Severity>,
        span: Span,
        pointer: &str,
        message: &str,
        help: Option<&str>,
    ) {
        let f = self.build(
            rule,
            severity.unwrap_or(rule.severity),
            span,
            pointer,
            message,
            help,
        );
        self.emit(f);
    }

    fn locate(&self, pointer: &str, at: At) -> Span {
        if let At::Span(span) = at {
            return span;
        }
        let Some(index) = &self.index else {
            return Span::default();
        };
        match index.get(pointer) {
            Some(s) => match (at, s.key) {
                (At::Key, Some(k)) => k,
                _ => self.source.first_line(s.value),
            },
            None => Span::default(),
        }
    }

    fn build(
        &self,
        rule: &'static Rule,
        severity: Severity,
        span: Span,
        pointer: &str,
        message: &str,
        help: Option<&str>,
    ) -> Finding {
        let span = self.source.clamp(span);
        Finding {
            rule: rule.id,
            severity,
            path: self.source.name.clone(),
            span,
            start: self.source.position(span.start),
            end: self.source.position(span.end),
            pointer: pointer.to_string(),
            message: message.to_string(),
            help: help.map(str::to_string),
            label: String::new(),
        }
    }

    fn emit(&mut self, mut f: Finding) {
        let Some(rule) = rules::by_id(f.rule) else {
            return;
        };
        if !self.run.rules.enabled(rule) {
            return;
        }
        if self.suppressions.suppresses(&f) {
            return;
        }
        if let Some(sev) = self.run.rules.severity_override(rule) {
            f.severity = sev;
        }
        self.out.push(f);
    }

    /// The findings in file order.
    pub fn finish(self) -> Vec<Finding> {
        self.into_parts().0
    }

    /// The findings in file order, and the suppressions with what they have suppressed.
    pub fn into_parts(self) -> (Vec<Finding>, suppress::Suppressions) {
        let mut out = self.out;
        // Stable sort: for one rule at one place, the first report (the schema's) is kept,
        // so a rule checked by both the schema and code never says the same thing twice.
        out.sort_by(|a, b| (a.span.start, a.rule).cmp(&(b.span.start, b.rule)));
        out.dedup_by(|b, a| a.rule == b.rule && a.span == b.span);
        (out, self.suppressions)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rename_paths_takes_the_longest_path_and_leaves_prose() {
        let paths: HashMap<&str, &str> = [
            ("plans[0]", "resources[1]"),
            ("plans[0].technicalConfiguration", "resources[3]"),
            ("listing", "resources[2]"),
        ]
        .into_iter()
        .collect();
        assert_eq!(
            rename_paths("plans[0].technicalConfiguration.skus is empty", &paths),
            "resources[3].skus is empty"
        );
        assert_eq!(
            rename_paths("plans[0].listing has no name; the listing.summary", &paths),
            "resources[1].listing has no name; the resources[2].summary"
        );
        // A one-word path only where a `.` or `[` follows.
        assert_eq!(
            rename_paths("the listing is long", &paths),
            "the listing is long"
        );
        assert_eq!(
            rename_paths("xplans[0] ünï plans[0]", &paths),
            "xplans[0] ünï resources[1]"
        );
    }
}
