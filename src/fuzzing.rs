//! Entry points shared by the fuzz targets (fuzz/) and the regression tests of what they found.

use clap::ValueEnum;

use crate::check::{self, FileInput, RunContext};
use crate::lint::Outcome;
use crate::report::{self, Format, Style};

/// Runs bytes through load, schemas, code rules and every output format.
pub fn pipeline(data: &[u8]) {
    let run = RunContext {
        now: "2026-11-24T00:00:00Z".parse().expect("fixed date"),
        env: crate::load::env::EnvSource::Fixed(Default::default()),
        env_allow: crate::load::env::EnvPolicy::everything(),
        ..RunContext::default()
    };
    let dir = std::env::temp_dir();
    let report = check::check_file(
        FileInput {
            display: "fuzz/offer.yaml".into(),
            dir: dir.clone(),
            root: dir,
            bytes: Ok(data.to_vec()),
        },
        &run,
    );
    let outcome = Outcome {
        files: vec![report],
        ..Default::default()
    };
    for format in Format::value_variants() {
        let _ = report::render(*format, &outcome, &Style::default());
    }
}

/// Runs bytes through the configuration loader.
pub fn config(data: &[u8]) {
    let _ = crate::config::from_bytes(Default::default(), ".offer-lint.yaml".into(), data.to_vec());
}

/// The YAML fast path against saphyr: whenever the fast path reads a text, both readers must
/// give the same value, span index, block scalars and errors.
pub fn yaml_fast(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let limits = crate::load::ParseLimits::default();
    if let Some(fast) = crate::load::yaml::parse_fast(text, 0, limits) {
        let saphyr = crate::load::yaml::parse_with_saphyr(text, 0, limits);
        assert_eq!(fast, saphyr, "the fast path and saphyr differ on {text:?}");
    }
}
