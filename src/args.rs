//! The command line.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::config::FailOn;
use crate::report::Format;

#[derive(Debug, Parser)]
#[command(
    name = "offer-lint",
    version,
    about = "Lints Azure Marketplace VM offer manifests before Partner Center rejects them",
    after_help = "Examples:\n  offer-lint check                       lint every offer manifest under the current folder\n  offer-lint check fixtures/demo --format json\n  offer-lint check - --stdin-filename offers/x/offer.yaml < offer.yaml\n  offer-lint rules                       list every rule\n  offer-lint explain listing-summary-length\n  offer-lint schema --output offer.schema.json"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,

    /// When to use colour: auto honours NO_COLOR and whether stdout is a terminal.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Lint offer manifests and Partner Center documents (the default names are offer.yaml,
    /// offer.yml, *.offer.yaml, *.offer.yml, configure.json, *.configure.json,
    /// resource-tree.json, *.resource-tree.json).
    Check(CheckArgs),
    /// List every rule: id, area, default severity and what it checks.
    Rules(RulesArgs),
    /// Print the full documentation of a rule.
    Explain {
        /// A rule id, e.g. listing-summary-length.
        rule: String,
    },
    /// Print the manifest JSON Schema as one self-contained 2020-12 document.
    Schema(SchemaArgs),
    /// Print the effective configuration and where each value came from.
    Config(ConfigArgs),
    /// Project each offer's publishing timeline: every step's dates, the go-live or the
    /// step that would reject it, and the target go-live.
    #[command(
        after_help = "Each step takes the longest time Microsoft expects (about 16 days in all), from\npublish.plannedSubmission, else --start, else now. The steps come from the `timeline`\nsection of .offer-lint.yaml, else the built-in table.\n\nExamples:\n  offer-lint timeline offers/\n  offer-lint timeline --start 2026-12-01 --timezone Europe/Paris\n  offer-lint timeline --format markdown >> \"$GITHUB_STEP_SUMMARY\""
    )]
    Timeline(TimelineArgs),
    /// Write a new offer folder to start from: offer.yaml (the values to choose left empty,
    /// each reported by `check` with what to put there), its schema for editors, placeholder
    /// assets and a .offer-lint.yaml when none applies. Never replaces a file.
    Init(InitArgs),
    /// Write the Product Ingestion configure payload that creates or updates each offer in
    /// Partner Center (offer-lint never sends it: post it with `az rest` or curl).
    #[command(
        after_help = "Examples:\n  offer-lint export offers/my-offer --output my-offer.configure.json\n  offer-lint export offers/ --output payloads/ --submit preview\n  offer-lint export offers/my-offer --asset-base-url https://contoso.blob.core.windows.net/assets"
    )]
    Export(ExportArgs),
    /// Write an offer folder (offer.yaml) from a resource tree, as
    /// `GET /resource-tree/<product>` returns it.
    Import(ImportArgs),
    /// Measure an image's certification facts: print a POSIX sh script to run in a VM booted
    /// from the image, or, with --root, read an image root mounted at DIR. Either prints the
    /// `certification:` block to paste under the image in the manifest.
    #[command(
        name = "image-facts",
        after_help = "Examples:\n  offer-lint image-facts > image-facts.sh     then, in the VM: sudo sh image-facts.sh\n  offer-lint image-facts --root /mnt/image    a mounted image (read only, nothing of it is run)"
    )]
    ImageFacts(ImageFactsArgs),
}

#[derive(Debug, Args)]
pub struct ImageFactsArgs {
    /// Read the files of the image root mounted at this folder instead of printing the
    /// script. Links are resolved inside it; nothing of the image is run.
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Manifests, or folders to find them in.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,

    /// Write the payload to this file (one offer), or one `<offer id>.configure.json` per
    /// offer into this folder. Default: standard output (one offer).
    #[arg(long, short, value_name = "FILE|DIR")]
    pub output: Option<PathBuf>,

    /// Add a submission resource that publishes the offer to preview or live.
    #[arg(long, value_enum)]
    pub submit: Option<crate::bridge::Target>,

    /// Export an offer that has errors (by default the findings are printed and nothing is
    /// written).
    #[arg(long)]
    pub allow_errors: bool,

    /// Replace `${env:NAME}` references by their values (the names --allow-env allows); the
    /// payload then holds secrets, and its file is created readable by its owner only.
    #[arg(long)]
    pub resolve_env: bool,

    /// Let `${env:NAME}` references read this variable, for the checks and --resolve-env
    /// (repeatable; `PREFIX_*` allows every name with that prefix).
    #[arg(long = "allow-env", value_name = "NAME|PREFIX_*")]
    pub allow_env: Vec<String>,

    /// Where the listing images were uploaded: each asset's `url` is this URL, a slash and
    /// its file name. Without it the assets are named by `fileName` only.
    #[arg(long, value_name = "URL")]
    pub asset_base_url: Option<String>,

    /// Use this configuration file instead of looking for .offer-lint.yaml.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// The moment of the run, for reproducible output (RFC 3339).
    #[arg(long, value_name = "DATE", hide = true, env = "OFFER_LINT_NOW")]
    pub now: Option<String>,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The resource tree (JSON), as `GET /resource-tree/<product>` returns it.
    pub tree: PathBuf,

    /// The folder to write offer.yaml into (created if missing). Default: a folder named
    /// after the offer id, in the current folder.
    #[arg(long, short, value_name = "DIR")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder to write the offer into (created if missing).
    #[arg(default_value = ".")]
    pub dir: PathBuf,

    /// The image's operating system.
    #[arg(long, value_enum, default_value_t = InitOs::Linux)]
    pub os: InitOs,

    /// Also write a test drive (its block, package and user manual).
    #[arg(long)]
    pub test_drive: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InitOs {
    Linux,
    Windows,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files or folders to lint; `-` reads one manifest from standard input.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,

    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,

    /// The lowest severity that makes the exit code 1.
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,

    /// Also lint files matching this glob (repeatable).
    #[arg(long, value_name = "GLOB")]
    pub include: Vec<String>,

    /// Skip files and folders matching this glob (repeatable).
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,

    /// Apply excludes to files named on the command line too (for pre-commit).
    #[arg(long)]
    pub force_exclude: bool,

    /// The name that a manifest read from standard input is reported under.
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<String>,

    /// Use this configuration file instead of looking for .offer-lint.yaml.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Ignore `# offer-lint:` comments (for CI that must see everything).
    #[arg(long)]
    pub no_inline_suppressions: bool,

    /// Exit 1 when a folder given holds no manifest (on in the action): a run that lints
    /// nothing must not pass, e.g. when a pull request moves the offers out of reach.
    #[arg(long)]
    pub fail_on_empty: bool,

    /// Let `${env:NAME}` references read this variable (repeatable; `PREFIX_*` allows every
    /// name with that prefix). None is read by default, and the checked files cannot allow
    /// one: a pull request could otherwise read any secret of the CI job into the report.
    #[arg(long = "allow-env", value_name = "NAME|PREFIX_*")]
    pub allow_env: Vec<String>,

    /// Also write the findings in FORMAT to FILE (repeatable), e.g. `--report sarif=out.sarif`.
    #[arg(long, value_name = "FORMAT=FILE", value_parser = parse_report)]
    pub report: Vec<ReportTarget>,

    /// GitHub mode (the default when GITHUB_ACTIONS=true): also print annotations, append
    /// the Markdown summary to $GITHUB_STEP_SUMMARY and write step outputs to $GITHUB_OUTPUT.
    #[arg(long)]
    pub github: bool,

    /// Compare each manifest with its state at this git ref (the published state) and run the
    /// `change-*` rules; a manifest that did not exist there is new.
    #[arg(long, value_name = "GIT_REF", conflicts_with = "baseline_tree")]
    pub baseline: Option<String>,

    /// Take this resource tree (`GET /resource-tree/<product>`, as Partner Center returns it)
    /// as the published state for the `change-*` rules, instead of a git ref. They run on the
    /// manifests of the tree's offer (matched by offer id) and on configure payloads.
    #[arg(long, value_name = "FILE")]
    pub baseline_tree: Option<PathBuf>,

    /// The planned submission when a manifest gives none (RFC 3339 or YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub start: Option<String>,

    /// The moment of the run, for reproducible output (RFC 3339).
    #[arg(long, value_name = "DATE", hide = true, env = "OFFER_LINT_NOW")]
    pub now: Option<String>,

    /// Show timeline dates in this time zone (IANA name or +HH:MM; JSON stays UTC).
    #[arg(long, value_name = "TZ")]
    pub timezone: Option<String>,
}

/// The output formats of `offer-lint timeline`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TimelineFormat {
    /// A table per offer.
    Human,
    /// The `timeline` objects of `check --format json`.
    Json,
    /// A table and a Mermaid gantt chart per offer, for a CI job summary.
    Markdown,
}

#[derive(Debug, Args)]
pub struct TimelineArgs {
    /// Files or folders with offer manifests.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,

    #[arg(long, value_enum, default_value_t = TimelineFormat::Human)]
    pub format: TimelineFormat,

    /// The planned submission when a manifest gives none (RFC 3339 or YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub start: Option<String>,

    /// Show dates in this time zone (IANA name or +HH:MM; JSON stays UTC).
    #[arg(long, value_name = "TZ")]
    pub timezone: Option<String>,

    /// Use this configuration file instead of looking for .offer-lint.yaml.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Let `${env:NAME}` references read this variable (repeatable; `PREFIX_*` allows every
    /// name with that prefix); none by default.
    #[arg(long = "allow-env", value_name = "NAME|PREFIX_*")]
    pub allow_env: Vec<String>,

    /// Also include files matching this glob (repeatable).
    #[arg(long, value_name = "GLOB")]
    pub include: Vec<String>,

    /// Skip files and folders matching this glob (repeatable).
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,

    /// The moment of the run, for reproducible output (RFC 3339).
    #[arg(long, value_name = "DATE", hide = true, env = "OFFER_LINT_NOW")]
    pub now: Option<String>,
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    /// Output as JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Print the schema of .offer-lint.yaml instead.
    #[arg(long)]
    pub config: bool,
    /// Write to this file instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ConfigArgs {
    /// Where to start looking for .offer-lint.yaml.
    #[arg(default_value = ".")]
    pub path: PathBuf,
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

/// `--report FORMAT=FILE`: one more output of the same run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportTarget {
    pub format: Format,
    pub path: PathBuf,
}

/// Parses `FORMAT=FILE`.
pub fn parse_report(s: &str) -> Result<ReportTarget, String> {
    let names = || {
        Format::value_variants()
            .iter()
            .map(|f| f.name())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let Some((format, path)) = s.split_once('=') else {
        return Err(format!(
            "expected FORMAT=FILE, e.g. sarif=offer-lint.sarif (formats: {})",
            names()
        ));
    };
    let format = Format::from_str(format.trim(), true)
        .map_err(|_| format!("unknown format `{format}` (formats: {})", names()))?;
    if path.is_empty() {
        return Err("the file name after `=` is empty".into());
    }
    Ok(ReportTarget {
        format,
        path: PathBuf::from(path),
    })
}
