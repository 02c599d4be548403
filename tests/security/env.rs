//! `${env:NAME}`: a manifest cannot read out the environment. Only the variables that the
//! command line allows are read, and a value read is used for the checks only: no output
//! holds it or a part of it, in any format.

use std::path::Path;

use assert_cmd::Command;
use clap::ValueEnum;
use offer_lint::check::RunContext;
use offer_lint::lint::{self, Input};
use offer_lint::load::env::{EnvPolicy, EnvSource};
use offer_lint::report::{self, Format, Style};

/// No HTTP client, TLS stack or async runtime is compiled in, by construction.
#[test]
fn no_network_crates_in_the_lockfile() {
    let lock = std::fs::read_to_string("Cargo.lock").unwrap();
    let banned = [
        "reqwest",
        "hyper",
        "ureq",
        "isahc",
        "curl",
        "attohttpc",
        "surf",
        "rustls",
        "native-tls",
        "openssl",
        "tokio",
        "async-std",
        "h2",
    ];
    for line in lock.lines() {
        if let Some(name) = line.strip_prefix("name = ") {
            let name = name.trim_matches('"');
            assert!(
                !banned.contains(&name),
                "`{name}` is in Cargo.lock: offer-lint must not reach the network"
            );
        }
    }
}

const SAS: &str = "https://leaky.blob.core.windows.net/vhds/os.vhd?sv=2021-08-06&sr=b&sp=rwdl&st=2026-11-20T00:00:00Z&se=2026-11-25T00:00:00Z&sig=TOPSECRETsignature0123456789";
const CONN: &str =
    "DefaultEndpointsProtocol=http;AccountName=Leaky;AccountKey=TOPSECRETaccountkey==";
const CLIENT: &str = "TOPSECRETclient-secret-value";

fn manifest() -> String {
    let base = std::fs::read_to_string("tests/rules/base.yaml").unwrap();
    base.replacen("${env:HARDENED_2204_OS_VHD_SAS}", "${env:LEAKY_SAS}", 1)
        .replacen(
            "  customerLeads:\n",
            "  customerLeads:\n    leadDestination: table\n    tableLeadConfiguration:\n      storageAccountConnectionString: ${env:LEAKY_CONN}\n    x-unused: ${env:LEAKY_CLIENT}\n",
            1,
        )
}

#[test]
fn secrets_from_the_environment_never_appear_in_any_format() {
    let d = tempfile::tempdir().unwrap();
    let offer = d.path().join("offers/a");
    std::fs::create_dir_all(offer.join("assets")).unwrap();
    for e in std::fs::read_dir("tests/rules/assets").unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), offer.join("assets").join(e.file_name())).unwrap();
    }
    std::fs::write(offer.join("offer.yaml"), manifest()).unwrap();
    let before = std::fs::read(offer.join("offer.yaml")).unwrap();
    let mut formats = 0;
    for format in Format::value_variants() {
        let name = format.to_possible_value().unwrap().get_name().to_string();
        let out = Command::cargo_bin("offer-lint")
            .unwrap()
            .current_dir(d.path())
            .env("OFFER_LINT_NOW", "2026-11-24T00:00:00Z")
            .env("LEAKY_SAS", SAS)
            .env("LEAKY_CONN", CONN)
            .env("LEAKY_CLIENT", CLIENT)
            .env_remove("GITHUB_ACTIONS")
            .args(["check", "--format", &name, "--color", "never"])
            .args(["--allow-env", "LEAKY_*"])
            .output()
            .unwrap();
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(
            out.status.code(),
            Some(1),
            "{name}: the leaky manifest must fail: {text}"
        );
        for secret in ["TOPSECRET", "sig=TOP"] {
            assert!(
                !text.contains(secret),
                "{name} output leaks a secret:\n{text}"
            );
        }
        formats += 1;
    }
    assert!(formats >= 2);
    assert_eq!(
        std::fs::read(offer.join("offer.yaml")).unwrap(),
        before,
        "the manifest was modified"
    );
}

/// A repository with the rule fixtures' assets and one manifest per `(folder, text)`.
fn repo(manifests: &[(&str, String)]) -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    for (folder, text) in manifests {
        let offer = d.path().join(folder);
        std::fs::create_dir_all(offer.join("assets")).unwrap();
        for e in std::fs::read_dir("tests/rules/assets").unwrap() {
            let e = e.unwrap();
            std::fs::copy(e.path(), offer.join("assets").join(e.file_name())).unwrap();
        }
        std::fs::write(offer.join("offer.yaml"), text).unwrap();
    }
    d
}

/// Everything `check` prints in every format, and `timeline` in its formats.
fn every_output(dir: &Path, envs: &[(&str, &str)], args: &[&str]) -> String {
    let mut all = String::new();
    let mut run = |cmd: &[&str]| {
        let mut c = crate::bin();
        c.current_dir(dir).args(cmd).args(args);
        for (k, v) in envs {
            c.env(k, v);
        }
        let out = c.output().unwrap();
        all.push_str(&String::from_utf8_lossy(&out.stdout));
        all.push_str(&String::from_utf8_lossy(&out.stderr));
    };
    for format in Format::value_variants() {
        run(&["check", "--format", format.name()]);
    }
    for format in ["human", "json", "markdown"] {
        run(&["timeline", "--format", format]);
    }
    all
}

const OFFER_SECRET: &str = "s3cr3t-offer-id-from-env";

/// Before: the offer id line, JSON `offers[]`, JUnit class names and Markdown printed the
/// resolved value of an offer id written as a reference.
#[test]
fn an_offer_id_from_the_environment_is_never_printed() {
    let base = std::fs::read_to_string("tests/rules/base.yaml").unwrap();
    let text = base.replacen(
        "id: contoso-hardened-ubuntu",
        "id: ${env:OFFER_LINT_LEAK_ID}",
        1,
    );
    assert_ne!(text, base, "the fixture names its offer id");
    let d = repo(&[("offers/a", text)]);
    let out = every_output(
        d.path(),
        &[("OFFER_LINT_LEAK_ID", OFFER_SECRET)],
        &["--allow-env", "OFFER_LINT_LEAK_ID"],
    );
    assert!(out.contains("${env:OFFER_LINT_LEAK_ID}"), "{out}");
    assert!(!out.contains(OFFER_SECRET), "the value was printed:\n{out}");
}

/// Before: any variable could be named, and its value ended up in the report.
#[test]
fn a_variable_that_is_not_allowed_is_not_read() {
    let base = std::fs::read_to_string("tests/rules/base.yaml").unwrap();
    let text = base.replacen("title: ", "title: ${env:OFFER_LINT_CANARY}\n  x-title: ", 1);
    let d = repo(&[("offers/a", text)]);
    let canary = "canary-value-that-must-stay-in-the-environment";
    let out = every_output(d.path(), &[("OFFER_LINT_CANARY", canary)], &[]);
    assert!(out.contains("manifest-env-denied"), "{out}");
    assert!(!out.contains(canary), "{out}");
    // Allowing another variable does not allow this one.
    let out = every_output(
        d.path(),
        &[("OFFER_LINT_CANARY", canary)],
        &["--allow-env", "OFFER_LINT_CANARX", "--allow-env", "OTHER_*"],
    );
    assert!(!out.contains(canary), "{out}");
}

/// Before: schema messages quoted a value cut to 79 characters, and redaction, which
/// searched for the whole value, missed the cut one.
#[test]
fn a_long_value_is_not_leaked_by_a_cut_quote() {
    let secret = format!("NOT-AN-ID-{}", "SECRETPREFIX".repeat(12));
    let base = std::fs::read_to_string("tests/rules/base.yaml").unwrap();
    let text = base.replacen(
        "id: contoso-hardened-ubuntu",
        "id: ${env:OFFER_LINT_LONG}",
        1,
    );
    let d = repo(&[("offers/a", text)]);
    let out = every_output(
        d.path(),
        &[("OFFER_LINT_LONG", &secret)],
        &["--allow-env", "OFFER_LINT_LONG"],
    );
    assert!(out.contains("offer-id-format"), "the id is checked: {out}");
    assert!(!out.contains("SECRETPREFIX"), "{out}");
}

/// Before: cross-file findings (offer-id-unique) were not redacted at all.
#[test]
fn cross_file_findings_do_not_print_values_either() {
    let base = std::fs::read_to_string("tests/rules/base.yaml").unwrap();
    let text = base.replacen(
        "id: contoso-hardened-ubuntu",
        "id: ${env:OFFER_LINT_LEAK_ID}",
        1,
    );
    let d = repo(&[("offers/a", text.clone()), ("offers/b", text)]);
    let out = every_output(
        d.path(),
        &[("OFFER_LINT_LEAK_ID", OFFER_SECRET)],
        &["--allow-env", "OFFER_LINT_*"],
    );
    assert!(out.contains("offer-id-unique"), "{out}");
    assert!(!out.contains(OFFER_SECRET), "{out}");
}

/// Every rule, through every output: each fixture's flagged string values are moved into
/// the environment one at a time, and no output of the run may then hold the value or a
/// piece of it ([`pieces`]) that the same run without the variable does not hold.
#[test]
fn no_rule_quotes_a_value_from_the_environment() {
    let mut leaks = Vec::new();
    let mut tried = 0;
    let mut fixtures: Vec<_> = std::fs::read_dir("tests/rules")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    fixtures.sort();
    for path in fixtures {
        let text = std::fs::read_to_string(&path).unwrap();
        let display = path.to_string_lossy().replace('\\', "/");
        let base = run_text(&display, &text, None);
        // The fixtures' own references resolve to the fake SAS URI and client secret.
        let resolved = outputs(&base);
        if let EnvSource::Fixed(env) = offer_lint::testing::fixture_env() {
            let mut denied = offer_lint::testing::fixture_run();
            denied.env_allow = EnvPolicy::default();
            let input = Input::Stdin {
                name: display.clone(),
                bytes: text.as_bytes().to_vec(),
            };
            let control = outputs(&lint::lint(vec![input], &denied));
            for (name, value) in env {
                tried += 1;
                if let Some(piece) = leaked(&value, &resolved, &control) {
                    leaks.push(format!("{display} ${{env:{name}}}: `{piece}`"));
                }
            }
        }
        for (pointer, span, value) in candidates(&text, &base) {
            let moved = format!(
                "{}\"${{env:OFFER_LINT_LEAK}}\"{}",
                &text[..span.0],
                &text[span.1..]
            );
            let resolved = outputs(&run_text(&display, &moved, Some(&value)));
            tried += 1;
            if leaked(&value, &resolved, "").is_none() {
                continue;
            }
            let control = outputs(&run_text(&display, &moved, None));
            if let Some(piece) = leaked(&value, &resolved, &control) {
                leaks.push(format!("{display} {pointer}: `{piece}` of `{value}`"));
            }
        }
    }
    assert!(tried > 500, "only {tried} values tried");
    assert!(
        leaks.is_empty(),
        "{} leak(s):\n{}",
        leaks.len(),
        leaks.join("\n")
    );
}

fn run_text(display: &str, text: &str, leak: Option<&str>) -> lint::Outcome {
    let mut run: RunContext = offer_lint::testing::fixture_run();
    if let (Some(v), EnvSource::Fixed(m)) = (leak, &mut run.env) {
        m.insert("OFFER_LINT_LEAK".into(), v.into());
    }
    run.env_allow.add("OFFER_LINT_LEAK").unwrap();
    let input = Input::Stdin {
        name: display.to_string(),
        bytes: text.as_bytes().to_vec(),
    };
    lint::lint(vec![input], &run)
}

/// Every format's output, without SARIF's rule descriptors: they carry the documentation of
/// each rule that fired, whose examples are not values of the manifest.
fn outputs(outcome: &lint::Outcome) -> String {
    let style = Style::default();
    let ctx = report::Context::default();
    Format::value_variants()
        .iter()
        .map(|f| {
            let text = report::render_with(*f, outcome, &style, &ctx);
            if *f != Format::Sarif {
                return text;
            }
            let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
            v["runs"][0]["tool"]["driver"]["rules"] = serde_json::Value::Null;
            v.to_string()
        })
        .collect()
}

/// The one-line string values at or under a finding's pointer: `(pointer, byte span of the
/// scalar, value)`.
fn candidates(text: &str, outcome: &lint::Outcome) -> Vec<(String, (usize, usize), String)> {
    let loaded = offer_lint::load::load_bytes("x", text.as_bytes().to_vec(), &Default::default());
    let Some(doc) = loaded.document else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let flagged: Vec<&str> = outcome.findings().map(|f| f.pointer.as_str()).collect();
    for pointer in doc.index.pointers() {
        let Some(serde_json::Value::String(v)) = doc.value.pointer(&pointer) else {
            continue;
        };
        let under = flagged
            .iter()
            .any(|f| !f.is_empty() && (pointer == *f || pointer.starts_with(&format!("{f}/"))));
        let Some(spans) = doc.index.exact(&pointer) else {
            continue;
        };
        let (a, b) = (spans.value.start, spans.value.end);
        let token = &text[a..b];
        if !under || v.chars().count() < 6 || v.contains("${env:") || token.contains('\n') {
            continue;
        }
        if token.starts_with('|') || token.starts_with('>') {
            continue;
        }
        out.push((pointer, (a, b), v.clone()));
    }
    out
}

/// The pieces of a value that a message could quote: the whole value, the first 30
/// characters of a long one (a quote cut short), and each word of 6 characters or more.
fn pieces(value: &str) -> Vec<String> {
    let mut out = vec![value.to_string()];
    if value.chars().count() > 40 {
        out.push(value.chars().take(30).collect());
    }
    out.extend(
        value
            .split_whitespace()
            .filter(|w| w.chars().count() >= 6)
            .map(str::to_string),
    );
    out
}

/// Text that offer-lint prints whatever the manifest says: every rule's documentation and
/// the schemas (patterns, enums, examples). A piece found there is not evidence of a leak.
fn fixed_text() -> String {
    let mut t: String = offer_lint::rules::ALL
        .iter()
        .map(|r| format!("{}\n{}\n", r.doc, r.summary))
        .collect();
    for (_, text) in offer_lint::check::schema::FILES {
        t.push_str(text);
    }
    t
}

/// A piece of the value found in `resolved` but neither in `control` nor in [`fixed_text`].
fn leaked(value: &str, resolved: &str, control: &str) -> Option<String> {
    static FIXED: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let fixed = FIXED.get_or_init(fixed_text);
    pieces(value).into_iter().find(|p| {
        resolved.contains(p.as_str())
            && !control.contains(p.as_str())
            && !fixed.contains(p.as_str())
    })
}
