//! The subcommands.

use std::io::{IsTerminal, Read, Write};
use std::process::ExitCode;

use clap::Parser;

use crate::args::{
    CheckArgs, Cli, ColorChoice, Command, ConfigArgs, RulesArgs, SchemaArgs, TimelineArgs,
    TimelineFormat,
};
use crate::check::RunContext;
use crate::config::{self, Config, FailOn, Origin};
use crate::discover::{self, Selection};
use crate::lint::{self, Input};
use crate::report::{self, Format, Style};
use crate::rules;

/// Exit codes: 0 clean, 1 findings at the fail level, 2 usage or internal error.
pub const EXIT_FINDINGS: u8 = 1;
pub const EXIT_USAGE: u8 = 2;

pub fn main() -> ExitCode {
    crate::panic::install_quiet_hook();
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(EXIT_USAGE)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    let result = match cli.command {
        Command::Check(a) => check(a, cli.color),
        Command::Rules(a) => rules_cmd(a),
        Command::Explain { rule } => explain(&rule),
        Command::Schema(a) => schema(a),
        Command::Config(a) => config_cmd(a),
        Command::Timeline(a) => timeline_cmd(a),
        Command::Init(a) => crate::init::run(&a),
        Command::Export(a) => crate::bridge::run::export_cmd(a, cli.color),
        Command::Import(a) => crate::bridge::run::import_cmd(a),
        Command::ImageFacts(a) => crate::image_facts::run(a.root.as_deref()),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(msg) => {
            say(report::github::detected(), &msg);
            ExitCode::from(EXIT_USAGE)
        }
    }
}

/// Prints one message on standard error. Messages name files of the checkout: control
/// characters are shown escaped, and in GitHub mode no line can start a workflow command.
pub fn say(github: bool, message: &str) {
    let line = if github {
        crate::escape::runner_line(message)
    } else {
        crate::escape::one_line(message).into_owned()
    };
    eprintln!("offer-lint: {line}");
}

pub(crate) fn style(color: ColorChoice) -> Style {
    let tty = std::io::stdout().is_terminal();
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let color = match color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => tty && !no_color,
    };
    let term = std::env::var("TERM").unwrap_or_default();
    let narrated = std::env::var_os("NO_GRAPHICS").is_some() || term == "dumb";
    let width = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(100);
    Style {
        color,
        unicode: !narrated,
        width,
        narrated,
    }
}

pub(crate) fn parse_time(s: &str) -> Result<jiff::Timestamp, String> {
    if let Ok(t) = s.parse::<jiff::Timestamp>() {
        return Ok(t);
    }
    s.parse::<jiff::civil::Date>()
        .map_err(|e| format!("`{s}` is not a date or RFC 3339 date-time: {e}"))
        .and_then(|d| {
            d.to_zoned_datetime(jiff::tz::TimeZone::UTC)
                .map(|z| z.timestamp())
                .map_err(|e| e.to_string())
        })
}

/// The variables `--allow-env` lets references read.
pub(crate) fn allow_env(patterns: &[String]) -> Result<crate::load::env::EnvPolicy, String> {
    crate::load::env::EnvPolicy::new(patterns).map_err(|e| format!("--allow-env: {e}"))
}

/// Loads the configuration named with --config, or the nearest one above `start`.
pub(crate) fn configuration(
    explicit: Option<&std::path::Path>,
    start: &std::path::Path,
) -> Result<Config, String> {
    match explicit {
        Some(p) if std::fs::symlink_metadata(p).is_err() => Err(format!(
            "the configuration file {} does not exist",
            p.display()
        )),
        Some(p) => Ok(config::load(p)),
        None => Ok(config::find(start)
            .map(|p| config::load(&p))
            .unwrap_or_default()),
    }
}

fn check(a: CheckArgs, color: ColorChoice) -> Result<u8, String> {
    let first = a.paths.first().cloned().unwrap_or_else(|| ".".into());
    let start_dir = if first.as_os_str() == "-" {
        a.stdin_filename
            .as_ref()
            .map(std::path::PathBuf::from)
            .unwrap_or_else(|| ".".into())
    } else {
        first
    };
    let cfg = configuration(a.config.as_deref(), &start_dir)?;
    let sel = selection(&cfg, &a.include, &a.exclude)?;
    let mut run = RunContext {
        limits: cfg.limits,
        rules: cfg.rules.clone(),
        inline_suppressions: !a.no_inline_suppressions,
        env_allow: allow_env(&a.allow_env)?,
        ..RunContext::default()
    };
    if let Some(n) = &a.now {
        run.now = parse_time(n)?;
    }
    if let Some(s) = &a.start {
        run.start = Some(parse_time(s)?);
    }
    run.timeline = timeline_settings(&cfg, a.timezone.as_deref(), false)?;
    if let Some(name) = &a.baseline {
        // The ref is resolved once, in the repository of the first path.
        let dir = if start_dir.is_dir() {
            start_dir.clone()
        } else {
            start_dir
                .parent()
                .filter(|d| d.is_dir())
                .map(|d| d.to_path_buf())
                .unwrap_or_else(|| ".".into())
        };
        run.baseline = Some(crate::check::baseline::Baseline::open(name, &dir)?);
    }
    if let Some(tree) = &a.baseline_tree {
        let tree = crate::check::baseline::TreeBaseline::open(tree, &run.limits)?;
        run.baseline_tree = Some(std::sync::Arc::new(tree));
    }
    let mut inputs = Vec::new();
    let mut paths = Vec::new();
    for p in &a.paths {
        if p.as_os_str() == "-" {
            let mut bytes = Vec::new();
            std::io::stdin()
                .take(run.limits.max_file_bytes + 1)
                .read_to_end(&mut bytes)
                .map_err(|e| format!("cannot read standard input: {e}"))?;
            let name = a.stdin_filename.clone().unwrap_or_else(|| "<stdin>".into());
            inputs.push(Input::Stdin { name, bytes });
        } else if !p.exists() && p.symlink_metadata().is_err() {
            return Err(format!("{}: no such file or folder", p.display()));
        } else {
            paths.push(p.clone());
        }
    }
    let found = discover::find(&paths, &sel, a.force_exclude);
    let github = a.github || report::github::detected();
    for dir in &found.empty {
        say(
            github,
            &format!("warning: {}", nothing_found(dir, &cfg, &a.include)),
        );
    }
    inputs.extend(found.manifests.into_iter().map(Input::Path));
    if let Some(b) = run.baseline.as_mut() {
        let named: Vec<std::path::PathBuf> = inputs
            .iter()
            .map(|i| match i {
                Input::Path(p) => p.clone(),
                Input::Stdin { name, .. } => name.into(),
            })
            .collect();
        b.prefetch(&named, run.limits.max_file_bytes)?;
    }
    let mut outcome = lint::lint(inputs, &run);
    if let Some(r) = cfg.report.clone() {
        outcome.files.insert(0, r);
    }
    let fail_on = a.fail_on.unwrap_or(cfg.fail_on.0);
    let ctx = report_context(&run, fail_on, github);
    let style = style(color);
    let mut stdout = std::io::stdout().lock();
    if github {
        let text = report::render_with(a.format, &outcome, &style, &ctx);
        // The runner reads every line of the log for workflow commands, and the output holds
        // text from the checkout: the human report is printed with command processing
        // stopped (by a token no file can know), documents are spelled so that no line can
        // be a command, and only offer-lint's own annotations are commands.
        use crate::escape::{runner_document, DocumentKind};
        let text = match a.format {
            Format::Human => {
                let token = crate::escape::random_token();
                format!("::stop-commands::{token}\n{text}::{token}::\n")
            }
            Format::Github => text,
            Format::Json | Format::Sarif | Format::Gitlab => {
                runner_document(DocumentKind::Json, &text).into_owned()
            }
            Format::Junit | Format::Markdown => {
                runner_document(DocumentKind::Markup, &text).into_owned()
            }
        };
        let _ = stdout.write_all(text.as_bytes());
    } else {
        let _ = report::write(a.format, &outcome, &style, &ctx, &mut stdout);
    }
    if github && a.format != Format::Github {
        // Annotations share stdout with the human report only: a document on stdout (JSON,
        // SARIF, Markdown redirected to a file, ...) stays whole, and the runner reads
        // workflow commands on stderr too.
        let annotations = report::github::render(&outcome);
        if a.format == Format::Human {
            let _ = stdout.write_all(annotations.as_bytes());
        } else {
            let _ = stdout.flush();
            eprint!("{annotations}");
        }
    }
    let _ = stdout.flush();
    drop(stdout);
    write_reports(&a.report, &outcome, &style, &ctx)?;
    if github {
        github_mode(&outcome, &a.report, &style, &ctx)?;
    }
    if let Some(b) = &run.baseline {
        let problems = b.problems();
        for (fatal, message) in &problems {
            let kind = if *fatal { "error" } else { "warning" };
            say(github, &format!("{kind}: --baseline: {message}"));
        }
        if problems.iter().any(|(fatal, _)| *fatal) {
            return Ok(EXIT_USAGE);
        }
    }
    if !outcome.internal_errors.is_empty() {
        for e in &outcome.internal_errors {
            say(github, &format!("internal error while checking {e}"));
        }
        say(github, crate::panic::HOW_TO_REPORT);
        return Ok(EXIT_USAGE);
    }
    let failed = outcome.findings().any(|f| fail_on.fails(f.severity));
    let empty = a.fail_on_empty && !found.empty.is_empty();
    Ok(if failed || empty { EXIT_FINDINGS } else { 0 })
}

/// What the renderers need to know about the run beyond its findings.
pub(crate) fn report_context(run: &RunContext, fail_on: FailOn, github: bool) -> report::Context {
    report::Context {
        rules: rules::ALL
            .iter()
            .copied()
            .filter(|r| run.rules.enabled(r))
            .filter(|r| match r.kind {
                rules::Kind::Change => run.baseline.is_some(),
                rules::Kind::Config => false,
                _ => true,
            })
            .collect(),
        fail_on,
        github,
        link_base: if github {
            report::github::link_base()
        } else {
            None
        },
        baseline: run.baseline.as_ref().map(|b| b.name.clone()),
    }
}

/// `--report FORMAT=FILE`: every extra format of the run, each to its file.
fn write_reports(
    targets: &[crate::args::ReportTarget],
    outcome: &lint::Outcome,
    style: &Style,
    ctx: &report::Context,
) -> Result<(), String> {
    let plain = Style {
        color: false,
        ..*style
    };
    for t in targets {
        crate::write::replace_file_with(&t.path, crate::write::Access::Shared, |w| {
            report::write(t.format, outcome, &plain, ctx, w)
        })
        .map_err(|e| format!("--report: {e}"))?;
    }
    Ok(())
}

/// GitHub mode: the Markdown summary appended to `$GITHUB_STEP_SUMMARY` and the step outputs
/// appended to `$GITHUB_OUTPUT` (each skipped when its variable is unset).
fn github_mode(
    outcome: &lint::Outcome,
    targets: &[crate::args::ReportTarget],
    style: &Style,
    ctx: &report::Context,
) -> Result<(), String> {
    let file = |name: &str| {
        std::env::var_os(name)
            .filter(|v| !v.is_empty())
            .map(std::path::PathBuf::from)
    };
    if let Some(path) = file("GITHUB_STEP_SUMMARY") {
        let text = report::render_with(Format::Markdown, outcome, style, ctx);
        report::github::append_summary(&path, &text).map_err(|e| {
            format!(
                "cannot append to $GITHUB_STEP_SUMMARY ({}): {e}",
                path.display()
            )
        })?;
    }
    if let Some(path) = file("GITHUB_OUTPUT") {
        let t = outcome.totals();
        let sarif = targets
            .iter()
            .rev()
            .find(|t| t.format == Format::Sarif)
            .map(|t| t.path.to_string_lossy().into_owned())
            .unwrap_or_default();
        let outputs = [
            ("errors", t.errors.to_string()),
            ("warnings", t.warnings.to_string()),
            ("infos", t.infos.to_string()),
            ("offers", outcome.offers().to_string()),
            ("sarif-file", sarif),
        ];
        report::github::append_outputs(&path, &outputs)
            .map_err(|e| format!("cannot append to $GITHUB_OUTPUT ({}): {e}", path.display()))?;
    }
    Ok(())
}

fn rules_cmd(a: RulesArgs) -> Result<u8, String> {
    if a.json {
        let list: Vec<_> = rules::ALL
            .iter()
            .map(|r| {
                serde_json::json!({
                    "id": r.id, "area": r.area.name(), "severity": r.severity.as_str(), "summary": r.summary
                })
            })
            .collect();
        println!(
            "{}",
            serde_json::to_string_pretty(&list).unwrap_or_default()
        );
        return Ok(0);
    }
    let w = rules::ALL.iter().map(|r| r.id.len()).max().unwrap_or(0);
    println!("{:w$}  {:11}  {:8}  CHECK", "RULE", "AREA", "SEVERITY");
    for r in rules::ALL {
        println!(
            "{:w$}  {:11}  {:8}  {}",
            r.id,
            r.area.name(),
            r.severity.as_str(),
            r.summary
        );
    }
    Ok(0)
}

fn explain(id: &str) -> Result<u8, String> {
    let Some(r) = rules::by_id(id) else {
        let ids: Vec<String> = rules::ALL.iter().map(|r| r.id.to_string()).collect();
        let hint = crate::message::closest(id, &ids)
            .map(|c| format!("did you mean `{c}`? "))
            .unwrap_or_default();
        return Err(format!(
            "unknown rule `{id}`; {hint}`offer-lint rules` lists them"
        ));
    };
    println!("# {}\n", r.id);
    println!(
        "area: {} · default severity: {}\n",
        r.area.name(),
        r.severity.as_str()
    );
    println!("{}", rules::documentation(r));
    Ok(0)
}

fn schema(a: SchemaArgs) -> Result<u8, String> {
    let s = crate::check::schema::schemas().map_err(str::to_string)?;
    let name = if a.config {
        crate::check::schema::CONFIG
    } else {
        crate::check::schema::ROOT
    };
    let doc = s.bundled(name)?;
    let mut text = serde_json::to_string_pretty(&doc).map_err(|e| e.to_string())?;
    text.push('\n');
    match a.output {
        Some(p) => crate::write::replace_file(&p, text.as_bytes(), crate::write::Access::Shared)
            .map_err(|e| format!("--output: {e}"))?,
        None => print!("{text}"),
    }
    Ok(0)
}

fn config_cmd(a: ConfigArgs) -> Result<u8, String> {
    let cfg = configuration(a.config.as_deref(), &a.path)?;
    let file = cfg
        .path
        .as_ref()
        .map(|p| crate::paths::display(p))
        .unwrap_or_else(|| "(none found)".into());
    println!("configuration file: {file}");
    let origin = |o: &Origin| o.to_string();
    println!(
        "fail-on: {} ({})",
        cfg.fail_on.0.name(),
        origin(&cfg.fail_on.1)
    );
    println!("include: {:?}", cfg.include);
    println!("exclude: {:?}", cfg.exclude);
    let l = cfg.limits;
    let lo = |k: &str| {
        cfg.limit_origins
            .get(k)
            .map(origin)
            .unwrap_or_else(|| "default".into())
    };
    println!("limits:");
    println!(
        "  max-file-bytes: {} ({})",
        l.max_file_bytes,
        lo("max-file-bytes")
    );
    println!("  max-depth: {} ({})", l.max_depth, lo("max-depth"));
    println!(
        "  max-aliases: {} ({})",
        l.max_alias_nodes,
        lo("max-aliases")
    );
    println!(
        "  max-asset-bytes: {} ({})",
        l.max_asset_bytes,
        lo("max-asset-bytes")
    );
    println!(
        "  max-archive-bytes: {} ({})",
        l.max_archive_bytes,
        lo("max-archive-bytes")
    );
    println!("rules:");
    for r in rules::ALL {
        let eff = cfg.rules.effective(r).map(|s| s.as_str()).unwrap_or("off");
        let from = cfg
            .rule_origins
            .get(r.id)
            .or_else(|| cfg.rule_origins.get(r.area.name()))
            .cloned()
            .unwrap_or_else(|| "default".into());
        println!("  {}: {} ({})", r.id, eff, from);
    }
    if let Some(rep) = &cfg.report {
        let outcome = lint::Outcome {
            files: vec![rep.clone()],
            ..Default::default()
        };
        print!(
            "{}",
            report::render(Format::Human, &outcome, &style(ColorChoice::Auto))
        );
        return Ok(1);
    }
    let _ = FailOn::Error;
    Ok(0)
}

/// The timeline's settings: the configuration's model and time zone, `--timezone` winning.
/// With `strict`, a broken `timeline` section is a usage error; otherwise it has been reported
/// as `config-invalid` and the default model is used.
fn timeline_settings(
    cfg: &Config,
    timezone: Option<&str>,
    strict: bool,
) -> Result<crate::timeline::Settings, String> {
    use crate::timeline::{model, Settings};
    if let Some(tz) = timezone {
        model::parse_timezone(tz).map_err(|e| format!("--timezone: {e}"))?;
    }
    match Settings::from_config(cfg.timeline.as_ref(), timezone) {
        Ok(s) => Ok(s),
        Err(e) if strict => {
            let file = cfg
                .path
                .as_ref()
                .map(|p| crate::paths::display(p))
                .unwrap_or_default();
            Err(format!("{file}: the `timeline` section is invalid: {e}"))
        }
        Err(_) => Settings::from_config(None, timezone),
    }
}

/// The warning for a folder given that holds no manifest: what was looked for, and how to
/// name other files.
pub(crate) fn nothing_found(dir: &std::path::Path, cfg: &Config, include: &[String]) -> String {
    let shown = crate::paths::display(dir);
    let shown = if shown.is_empty() { ".".into() } else { shown };
    let mut names: Vec<String> = discover::DEFAULT_NAMES
        .iter()
        .map(|n| n.to_string())
        .collect();
    names.extend(cfg.include.iter().chain(include).cloned());
    format!(
        "no offer manifest under {shown}: looked for files named {} (hidden folders, target/, node_modules/ and files .gitignore ignores are skipped); to lint files of other names, add globs to `include` in {} or pass --include",
        names.join(", "),
        crate::config::FILE_NAME
    )
}

/// The files to lint: the configuration's globs, then the command line's.
pub(crate) fn selection(
    cfg: &Config,
    include: &[String],
    exclude: &[String],
) -> Result<Selection, String> {
    let include: Vec<String> = cfg.include.iter().chain(include).cloned().collect();
    let exclude: Vec<String> = cfg.exclude.iter().chain(exclude).cloned().collect();
    Selection::new(&include, &exclude).map_err(|e| format!("invalid glob {}", e.0))
}

fn timeline_cmd(a: TimelineArgs) -> Result<u8, String> {
    let first = a.paths.first().cloned().unwrap_or_else(|| ".".into());
    let cfg = configuration(a.config.as_deref(), &first)?;
    let sel = selection(&cfg, &a.include, &a.exclude)?;
    let mut run = RunContext {
        limits: cfg.limits,
        rules: cfg.rules.clone(),
        timeline: timeline_settings(&cfg, a.timezone.as_deref(), true)?,
        env_allow: allow_env(&a.allow_env)?,
        ..RunContext::default()
    };
    if let Some(n) = &a.now {
        run.now = parse_time(n)?;
    }
    if let Some(s) = &a.start {
        run.start = Some(parse_time(s)?);
    }
    for p in &a.paths {
        if !p.exists() && p.symlink_metadata().is_err() {
            return Err(format!("{}: no such file or folder", p.display()));
        }
    }
    let found = discover::find(&a.paths, &sel, false);
    for dir in &found.empty {
        say(
            report::github::detected(),
            &format!("warning: {}", nothing_found(dir, &cfg, &a.include)),
        );
    }
    let inputs = found.manifests.into_iter().map(Input::Path).collect();
    let outcome = lint::lint(inputs, &run);
    let mut entries = Vec::new();
    for f in &outcome.files {
        match f
            .offer
            .as_ref()
            .and_then(|o| o.timeline.as_ref().map(|p| (o, p)))
        {
            Some((o, p)) => entries.push(crate::timeline::render::Entry {
                id: &o.id,
                path: &f.display,
                projection: p,
            }),
            None => say(
                report::github::detected(),
                &format!(
                    "{}: not projected: no readable offer id (`offer-lint check` says why)",
                    f.display
                ),
            ),
        }
    }
    let text = match a.format {
        TimelineFormat::Human => crate::timeline::render::table::render(&entries),
        TimelineFormat::Json => crate::timeline::render::json::document(&entries),
        TimelineFormat::Markdown => crate::timeline::render::markdown::render(&entries),
    };
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(text.as_bytes());
    let _ = stdout.flush();
    if !outcome.internal_errors.is_empty() {
        for e in &outcome.internal_errors {
            say(
                report::github::detected(),
                &format!("internal error while checking {e}"),
            );
        }
        say(report::github::detected(), crate::panic::HOW_TO_REPORT);
        return Ok(EXIT_USAGE);
    }
    Ok(0)
}
