//! Micro-benchmarks of the per-file pipeline on the clean base manifest (tests/rules/base.yaml,
//! the complete example of docs/manifest.md): parse, validate, every rule, and render.
//!
//! `cargo bench --bench pipeline`. The whole-repository comparison with other tools is
//! scripts/bench.sh (see BENCHMARKS.md).

use offer_lint::testing::fixture_run as run;
use std::path::{Path, PathBuf};

use divan::{black_box, Bencher};
use offer_lint::check::{self, schema, FileInput};
use offer_lint::config::FailOn;
use offer_lint::lint::Outcome;
use offer_lint::load::{self, Limits};
use offer_lint::report::{self, Context, Format, Style};

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/rules");

fn main() {
    divan::main();
}

fn base() -> Vec<u8> {
    std::fs::read(Path::new(DIR).join("base.yaml")).expect("tests/rules/base.yaml")
}

fn input(bytes: Vec<u8>) -> FileInput {
    FileInput {
        display: "tests/rules/base.yaml".into(),
        dir: PathBuf::from(DIR),
        root: PathBuf::from(DIR),
        bytes: Ok(bytes),
    }
}

/// YAML text → value and span index.
#[divan::bench]
fn parse(b: Bencher) {
    let bytes = base();
    let limits = Limits::default();
    b.with_inputs(|| bytes.clone())
        .bench_values(|bytes| load::load_bytes("base.yaml", bytes, &limits));
}

/// The compiled manifest schema over a parsed manifest (the validator is compiled once).
#[divan::bench]
fn validate(b: Bencher) {
    let loaded = load::load_bytes("base.yaml", base(), &Limits::default());
    let value = loaded.document.expect("the base parses").value;
    let schemas = schema::schemas().expect("the schemas compile");
    b.bench(|| {
        schema::check(
            schemas.manifest(),
            schemas,
            schema::Target::Manifest,
            black_box(&value),
            None,
        )
    });
}

/// One file through everything: parse, environment, schema, every code rule (assets read).
#[divan::bench]
fn check_file(b: Bencher) {
    let bytes = base();
    let run = run();
    let _ = schema::schemas();
    b.with_inputs(|| input(bytes.clone()))
        .bench_values(|i| check::check_file(i, &run));
}

fn outcome(files: usize) -> Outcome {
    let run = run();
    // A manifest with findings, so that the renderers have snippets to draw.
    let text = String::from_utf8(base())
        .expect("UTF-8")
        .replacen("sizeGb: 30", "sizeGb: 20", 1)
        .replacen(
            "searchResultSummary: CIS-hardened Ubuntu image",
            &format!("searchResultSummary: {}", "S".repeat(120)),
            1,
        );
    let mut out = Outcome::default();
    for _ in 0..files {
        out.files
            .push(check::check_file(input(text.clone().into_bytes()), &run));
    }
    out
}

fn context() -> Context {
    Context {
        rules: offer_lint::rules::ALL.to_vec(),
        fail_on: FailOn::Error,
        github: false,
        link_base: None,
        baseline: None,
    }
}

/// Rendering the findings of 100 files.
#[divan::bench(args = [Format::Human, Format::Json, Format::Sarif])]
fn render(b: Bencher, format: Format) {
    let outcome = outcome(100);
    assert!(outcome.findings().count() >= 100);
    let style = Style::default();
    let ctx = context();
    b.bench(|| report::render_with(format, &outcome, &style, &ctx));
}
