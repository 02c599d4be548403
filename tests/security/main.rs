//! Attacks that must fail: offer-lint runs on pull requests from forks, so every file in the
//! checkout is written by a stranger (SECURITY.md). One module per promise.

mod baseline;
mod env;
mod fail_open;
mod injection;
mod output;
mod reads;
mod writes;

/// The offer-lint binary, with the variables a CI runner sets removed.
pub fn bin() -> assert_cmd::Command {
    let mut c = assert_cmd::Command::cargo_bin("offer-lint").unwrap();
    c.env("OFFER_LINT_NOW", "2026-11-24T00:00:00Z")
        .env_remove("GITHUB_ACTIONS")
        .env_remove("GITHUB_STEP_SUMMARY")
        .env_remove("GITHUB_OUTPUT")
        .env("NO_COLOR", "1");
    c
}
