//! CLI cases as data files (trycmd): `tests/cmd/*.toml`, each with its arguments, the
//! expected stdout/stderr and exit code, and an optional `<case>.in/` working folder.
//! Regenerate expectations with `TRYCMD=overwrite cargo test --test cmd`.

#[test]
fn cli_cases() {
    trycmd::TestCases::new()
        .env("OFFER_LINT_NOW", "2026-11-24T00:00:00Z")
        .env("COLUMNS", "100")
        .case("tests/cmd/*.toml");
}
