//! The run every rule fixture sees, shared by the tests, the benchmarks and the fuzz
//! regressions: a fixed moment, and the environment the example manifest's
//! `${env:..}` references name (a fake SAS URI and a fake client secret).

use std::collections::BTreeMap;

use crate::check::RunContext;
use crate::load::env::{EnvPolicy, EnvSource};

/// The moment of every fixture run.
pub const FIXTURE_NOW: &str = "2026-11-24T00:00:00Z";

/// The environment every fixture sees.
pub fn fixture_env() -> EnvSource {
    let mut m = BTreeMap::new();
    m.insert(
        "HARDENED_2204_OS_VHD_SAS".to_string(),
        "https://contosoimages.blob.core.windows.net/vhds/hardened-2204.vhd?sv=2021-08-06&sr=b&sp=rl&st=2026-11-20T00:00:00Z&se=2027-03-01T00:00:00Z&sig=abc123FAKEsig%3D".to_string(),
    );
    m.insert(
        "TEST_DRIVE_CLIENT_SECRET".to_string(),
        "not-a-real-secret".to_string(),
    );
    EnvSource::Fixed(m)
}

/// The variables the fixtures may resolve: the two of [`fixture_env`], and `OFFER_LINT_TEST_*`
/// (unset, for the fixtures of `manifest-env-unset`).
pub fn fixture_allow() -> EnvPolicy {
    EnvPolicy::new(&[
        "HARDENED_2204_OS_VHD_SAS",
        "TEST_DRIVE_CLIENT_SECRET",
        "OFFER_LINT_TEST_*",
    ])
    .expect("valid patterns")
}

/// A run at [`FIXTURE_NOW`] in [`fixture_env`], with the default settings.
pub fn fixture_run() -> RunContext {
    RunContext {
        now: FIXTURE_NOW.parse().expect("a fixed timestamp"),
        env: fixture_env(),
        env_allow: fixture_allow(),
        ..RunContext::default()
    }
}
