//! The publishing timeline (docs/timeline.md) through the CLI: `offer-lint timeline` in every
//! format, and what `check` adds (the `timeline` object in JSON, a line per offer, and the
//! `timeline-deadline` and `sas-expiry-covers-certification` findings).
//!
//! Each test writes its manifests into a temporary folder with a `.offer-lint.yaml` that turns
//! every rule area off except the rules under test, so that the projections do not depend on
//! the rest of the catalog. Regenerate snapshots with `INSTA_UPDATE=always cargo test --test timeline`.

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

const NOW: &str = "2026-11-24T00:00:00Z";

/// Every area off; the timeline's own rules and two rules that reject at known steps on.
const CONFIG: &str = "\
rules:
  manifest: off
  offer: off
  leads: off
  properties: off
  listing: off
  media: off
  preview: off
  plans: off
  pricing: off
  tech: off
  cert: off
  sas: off
  test-drive: off
  change: off
  suppression: off
  plan-id-unique: error
  sas-expiry-covers-certification: error
  timeline-deadline: warning
";

const SAS_OK: &str = "https://contoso.blob.core.windows.net/vhds/linux.vhd?sv=2021-08-06&sr=b&sp=rl&st=2026-11-20T00:00:00Z&se=2027-03-01T00:00:00Z&sig=FAKE";

/// A manifest: `test_drive` enables the test drive; `plans` is the YAML of the plan list's
/// items; `publish` the YAML of the publish block (empty for none).
fn manifest(id: &str, test_drive: bool, sas: &str, extra_plan: bool, publish: &str) -> String {
    let mut s = format!(
        "apiVersion: offer-lint/v1\nkind: VirtualMachineOffer\noffer:\n  id: {id}\n  alias: {id}\nsetup:\n  testDrive:\n    enabled: {test_drive}\nplans:\n  - id: gen2\n    technicalConfiguration:\n      vmImageVersions:\n        - versionNumber: 1.0.0\n          vmImages:\n            - imageType: x64Gen2\n              source:\n                sourceType: sasUri\n                osDisk:\n                  uri: {sas}\n"
    );
    if extra_plan {
        s.push_str("  - id: gen2\n");
    }
    if !publish.is_empty() {
        s.push_str("publish:\n");
        for line in publish.lines() {
            s.push_str(&format!("  {line}\n"));
        }
    }
    s
}

/// A repository with a configuration and `offers/<name>/offer.yaml` for each manifest.
fn repo(config: &str, offers: &[(&str, String)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(".offer-lint.yaml"), config).unwrap();
    for (name, text) in offers {
        let d = dir.path().join("offers").join(name);
        std::fs::create_dir_all(&d).unwrap();
        std::fs::write(d.join("offer.yaml"), text).unwrap();
    }
    dir
}

/// Four offers: live with a sign-off day and a target met; with a test drive whose SAS
/// expires during certification; with a duplicate plan id; and one that misses its target.
fn demo() -> tempfile::TempDir {
    repo(
        CONFIG,
        &[
            (
                "a-live",
                manifest(
                    "contoso-linux",
                    false,
                    SAS_OK,
                    false,
                    "plannedSubmission: 2026-12-01\ntargetGoLive: 2026-12-20\nsignOffDays: 1",
                ),
            ),
            (
                "b-sas",
                manifest(
                    "contoso-lab",
                    true,
                    "https://contoso.blob.core.windows.net/vhds/lab.vhd?sv=2021-08-06&sr=b&sp=rl&st=2026-11-20T00:00:00Z&se=2026-12-02T00:00:00Z&sig=FAKE",
                    false,
                    "plannedSubmission: 2026-12-01",
                ),
            ),
            ("c-plans", manifest("contoso-plans", false, SAS_OK, true, "plannedSubmission: 2026-12-01")),
            (
                "d-late",
                manifest(
                    "contoso-late",
                    false,
                    SAS_OK,
                    false,
                    "plannedSubmission: 2026-12-10\ntargetGoLive: 2026-12-20",
                ),
            ),
        ],
    )
}

fn run(dir: &Path, args: &[&str]) -> (String, String, i32) {
    let out = Command::cargo_bin("offer-lint")
        .unwrap()
        .current_dir(dir)
        .env("COLUMNS", "100")
        .env_remove("OFFER_LINT_NOW")
        .env_remove("NO_COLOR")
        .args(["--color", "never"])
        .args(args)
        .output()
        .unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
        out.status.code().unwrap_or(-1),
    )
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}):\n{text}"))
}

fn offer<'a>(doc: &'a Value, id: &str) -> &'a Value {
    doc["offers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["id"] == id)
        .unwrap_or_else(|| panic!("no offer {id} in {doc}"))
}

#[test]
fn timeline_table_in_the_terminal() {
    let dir = demo();
    let (out, err, code) = run(dir.path(), &["timeline", "offers", "--now", NOW]);
    assert_eq!(code, 0, "{err}");
    insta::assert_snapshot!("table", out);
}

#[test]
fn timeline_markdown_with_mermaid_gantt_charts() {
    let dir = demo();
    let (out, err, code) = run(
        dir.path(),
        &["timeline", "offers", "--now", NOW, "--format", "markdown"],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.matches("```mermaid\ngantt\n").count(), 4);
    insta::assert_snapshot!("markdown", out);
}

#[test]
fn timeline_markdown_in_a_time_zone() {
    let dir = repo(
        CONFIG,
        &[(
            "a",
            manifest(
                "contoso-linux",
                false,
                SAS_OK,
                false,
                "plannedSubmission: 2026-12-01T09:30:00Z",
            ),
        )],
    );
    let (out, err, code) = run(
        dir.path(),
        &[
            "timeline",
            "offers",
            "--now",
            NOW,
            "--format",
            "markdown",
            "--timezone",
            "+09:00",
        ],
    );
    assert_eq!(code, 0, "{err}");
    insta::assert_snapshot!("markdown_timezone", out);
}

#[test]
fn timeline_json_is_utc_whatever_the_display_zone() {
    let dir = demo();
    let (out, err, code) = run(
        dir.path(),
        &[
            "timeline",
            "offers",
            "--now",
            NOW,
            "--format",
            "json",
            "--timezone",
            "+09:00",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let doc = json(&out);
    assert_eq!(doc["version"], 1);
    assert_eq!(doc["offers"].as_array().unwrap().len(), 4);
    let live = &offer(&doc, "contoso-linux")["timeline"];
    assert_eq!(live["start"], "2026-12-01T00:00:00Z");
    // 15 d 1 h 15 min, plus one day of sign-off.
    assert_eq!(live["goLive"], "2026-12-17T01:15:00Z");
    assert_eq!(live["steps"].as_array().unwrap().len(), 7);
    assert_eq!(live["rejectedAt"], Value::Null);
    insta::assert_json_snapshot!("json_live", live);
    let lab = &offer(&doc, "contoso-lab")["timeline"];
    assert_eq!(lab["steps"][1]["name"], "Test drive validation");
    assert_eq!(lab["goLive"], Value::Null);
    insta::assert_json_snapshot!("json_rejected", lab);
    for o in doc["offers"].as_array().unwrap() {
        let t = &o["timeline"];
        for s in t["steps"].as_array().unwrap() {
            for k in ["start", "end"] {
                assert!(s[k].as_str().unwrap().ends_with('Z'), "{s}");
            }
        }
    }
}

#[test]
fn check_json_gives_each_offer_its_timeline() {
    let dir = demo();
    let (out, _, code) = run(
        dir.path(),
        &["check", "offers", "--now", NOW, "--format", "json"],
    );
    assert_eq!(code, 1, "errors: the SAS and the plan id");
    let doc = json(&out);

    let live = &offer(&doc, "contoso-linux")["timeline"];
    assert_eq!(live["goLive"], "2026-12-17T01:15:00Z");
    assert_eq!(
        live["deadline"],
        serde_json::json!({
            "target": "2026-12-20T23:59:59Z",
            "met": true,
            "marginHours": 94.75,
            "latestSubmission": "2026-12-04T22:44:59Z"
        })
    );
    let signoff = &live["steps"][4];
    assert_eq!(signoff["name"], "Publisher sign-off");
    assert_eq!(signoff["manual"], true);
    assert_eq!(signoff["start"], "2026-12-08T01:15:00Z");
    assert_eq!(signoff["end"], "2026-12-09T01:15:00Z");

    let lab = &offer(&doc, "contoso-lab")["timeline"];
    assert_eq!(lab["goLive"], Value::Null);
    assert_eq!(
        lab["rejectedAt"],
        serde_json::json!({
            "step": "Certification",
            "date": "2026-12-04T02:15:00Z",
            "rules": ["sas-expiry-covers-certification"],
            // Fixed and resubmitted at the rejection: 15 d 3 h 15 min of steps from then.
            "resubmittedGoLive": "2026-12-19T05:30:00Z",
            "delayHours": 74.25
        })
    );
    assert_eq!(lab["deadline"], Value::Null);

    let plans = &offer(&doc, "contoso-plans")["timeline"];
    assert_eq!(plans["rejectedAt"]["step"], "Prerequisite validation");
    assert_eq!(plans["rejectedAt"]["date"], "2026-12-01T00:15:00Z");
    assert_eq!(
        plans["rejectedAt"]["resubmittedGoLive"],
        "2026-12-16T01:30:00Z"
    );
    assert_eq!(plans["rejectedAt"]["delayHours"], 0.25);
    assert_eq!(
        plans["rejectedAt"]["rules"],
        serde_json::json!(["plan-id-unique"])
    );

    let late = &offer(&doc, "contoso-late")["timeline"];
    assert_eq!(late["goLive"], "2026-12-25T01:15:00Z");
    assert_eq!(late["deadline"]["met"], false);
    assert_eq!(late["deadline"]["marginHours"], -97.25);
    assert_eq!(late["deadline"]["latestSubmission"], "2026-12-05T22:44:59Z");

    // The timeline's findings are ordinary diagnostics.
    let diags = doc["diagnostics"].as_array().unwrap();
    let sas: Vec<&Value> = diags
        .iter()
        .filter(|d| d["rule"] == "sas-expiry-covers-certification")
        .collect();
    assert_eq!(sas.len(), 1);
    assert_eq!(sas[0]["severity"], "error");
    assert_eq!(sas[0]["path"], "offers/b-sas/offer.yaml");
    assert_eq!(sas[0]["line"], 19);
    assert_eq!(sas[0]["column"], 124, "points at `se=`");
    assert_eq!(
        sas[0]["pointer"],
        "/plans/0/technicalConfiguration/vmImageVersions/0/vmImages/0/source/osDisk/uri"
    );
    assert!(!sas[0]["message"].as_str().unwrap().contains("sig="));
    let late: Vec<&Value> = diags
        .iter()
        .filter(|d| d["rule"] == "timeline-deadline")
        .collect();
    assert_eq!(late.len(), 1);
    assert_eq!(late[0]["severity"], "warning");
    assert_eq!(late[0]["path"], "offers/d-late/offer.yaml");
    assert_eq!(late[0]["pointer"], "/publish/targetGoLive");
    assert_eq!(
        late[0]["message"],
        "the projected go-live 2026-12-25T01:15:00Z is 4 d 1 h 15 min after the target `2026-12-20`"
    );
}

#[test]
fn check_human_output_has_a_line_per_offer() {
    let dir = demo();
    let (out, _, code) = run(dir.path(), &["check", "offers", "--now", NOW]);
    assert_eq!(code, 1);
    let tail: Vec<&str> = out
        .lines()
        .rev()
        .take(5)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    assert_eq!(
        tail,
        [
            "contoso-linux: live by 2026-12-17 (16 d 1 h 15 min), target 2026-12-20 met with 3 d 22 h 45 min to spare",
            "contoso-lab: rejected at Certification by 2026-12-04: sas-expiry-covers-certification; this finding delays go-live by 3 d 2 h 15 min (live by 2026-12-19 if fixed and resubmitted that day)",
            "contoso-plans: rejected at Prerequisite validation by 2026-12-01: plan-id-unique; this finding delays go-live by 15 min (live by 2026-12-16 if fixed and resubmitted that day)",
            "contoso-late: live by 2026-12-25 (15 d 1 h 15 min), target 2026-12-20 missed by 4 d 1 h 15 min",
            "2 errors, 1 warning, 0 infos in 4 files (4 offers)",
        ],
        "{out}"
    );
    assert!(out.contains("sas-expiry-covers-certification"));
    assert!(
        out.contains("the SAS URI expires at 2026-12-02T00:00:00Z (`se`)"),
        "{out}"
    );
    assert!(out.contains("timeline-deadline"));
    assert!(
        out.contains("submit by 2026-12-05T22:44:59Z at the latest"),
        "{out}"
    );
}

#[test]
fn rule_settings_turn_the_timeline_rules_off() {
    let config = CONFIG
        .replace(
            "sas-expiry-covers-certification: error",
            "sas-expiry-covers-certification: off",
        )
        .replace("timeline-deadline: warning", "timeline-deadline: off");
    let dir = demo();
    std::fs::write(dir.path().join(".offer-lint.yaml"), config).unwrap();
    let (out, _, _) = run(
        dir.path(),
        &["check", "offers", "--now", NOW, "--format", "json"],
    );
    let doc = json(&out);
    let rules: Vec<&str> = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules, ["plan-id-unique"]);
    // Without its error, the test drive offer goes live (15 d 3 h 15 min).
    assert_eq!(
        offer(&doc, "contoso-lab")["timeline"]["goLive"],
        "2026-12-16T03:15:00Z"
    );
    assert_eq!(
        offer(&doc, "contoso-late")["timeline"]["deadline"]["met"],
        false
    );
}

#[test]
fn a_severity_override_decides_whether_an_offer_is_rejected() {
    let config = CONFIG.replace(
        "sas-expiry-covers-certification: error",
        "sas-expiry-covers-certification: warning",
    );
    let dir = demo();
    std::fs::write(dir.path().join(".offer-lint.yaml"), config).unwrap();
    let (out, _, _) = run(
        dir.path(),
        &["check", "offers", "--now", NOW, "--format", "json"],
    );
    let doc = json(&out);
    let lab = &offer(&doc, "contoso-lab")["timeline"];
    assert_eq!(lab["rejectedAt"], Value::Null, "a warning does not reject");
    let sas = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "sas-expiry-covers-certification")
        .unwrap();
    assert_eq!(sas["severity"], "warning");
}

#[test]
fn start_is_planned_submission_else_start_option_else_now() {
    let dir = repo(
        CONFIG,
        &[
            (
                "a",
                manifest(
                    "planned",
                    false,
                    SAS_OK,
                    false,
                    "plannedSubmission: 2026-12-01",
                ),
            ),
            ("b", manifest("unplanned", false, SAS_OK, false, "")),
        ],
    );
    let start = |args: &[&str]| {
        let mut all = vec!["timeline", "offers", "--format", "json", "--now", NOW];
        all.extend_from_slice(args);
        let (out, err, code) = run(dir.path(), &all);
        assert_eq!(code, 0, "{err}");
        let doc = json(&out);
        (
            offer(&doc, "planned")["timeline"]["start"]
                .as_str()
                .unwrap()
                .to_string(),
            offer(&doc, "unplanned")["timeline"]["start"]
                .as_str()
                .unwrap()
                .to_string(),
        )
    };
    assert_eq!(start(&[]), ("2026-12-01T00:00:00Z".into(), NOW.into()));
    assert_eq!(
        start(&["--start", "2027-02-01"]),
        ("2026-12-01T00:00:00Z".into(), "2027-02-01T00:00:00Z".into())
    );
    assert_eq!(
        start(&["--start", "2027-02-01T12:00:00+01:00"]),
        ("2026-12-01T00:00:00Z".into(), "2027-02-01T11:00:00Z".into())
    );
}

#[test]
fn a_configured_stage_model_replaces_the_default() {
    let config = format!(
        "{CONFIG}timeline:\n  timezone: \"+01:00\"\n  steps:\n    - {{ name: Automated validation, duration: PT30M, areas: [offer, plans] }}\n    - {{ name: Certification, duration: P2D, areas: [cert, sas] }}\n    - {{ name: Publisher sign-off, manual: true, duration: P1D }}\n    - {{ name: Go live, duration: PT45M }}\n"
    );
    let dir = repo(
        &config,
        &[(
            "a",
            manifest(
                "contoso-linux",
                false,
                SAS_OK,
                false,
                "plannedSubmission: 2026-12-01",
            ),
        )],
    );
    let (out, err, code) = run(
        dir.path(),
        &["timeline", "offers", "--format", "json", "--now", NOW],
    );
    assert_eq!(code, 0, "{err}");
    let t = &json(&out)["offers"][0]["timeline"];
    let names: Vec<&str> = t["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "Automated validation",
            "Certification",
            "Publisher sign-off",
            "Go live"
        ]
    );
    // 30 min + 2 d + 1 d (the step's own sign-off time) + 45 min.
    assert_eq!(t["goLive"], "2026-12-04T01:15:00Z");
    // The configured time zone is for display.
    let (out, _, _) = run(dir.path(), &["timeline", "offers", "--now", NOW]);
    assert!(
        out.contains("go-live by 2026-12-04T02:15:00+01:00 (3 d 1 h 15 min)"),
        "{out}"
    );
    let (out, _, _) = run(
        dir.path(),
        &["timeline", "offers", "--now", NOW, "--timezone", "UTC"],
    );
    assert!(out.contains("go-live by 2026-12-04T01:15:00Z"), "{out}");
}

#[test]
fn the_partner_center_model_and_what_a_rejection_costs_in_it() {
    let config = format!("{CONFIG}timeline:\n  model: partner-center\n");
    let dir = repo(
        &config,
        &[
            (
                "a-sas",
                manifest(
                    "contoso-lab",
                    true,
                    "https://contoso.blob.core.windows.net/vhds/lab.vhd?sv=2021-08-06&sr=b&sp=rl&st=2026-11-20T00:00:00Z&se=2026-12-02T00:00:00Z&sig=FAKE",
                    false,
                    "plannedSubmission: 2026-12-01\nsignOffDays: 1",
                ),
            ),
            (
                "b-plans",
                manifest("contoso-plans", false, SAS_OK, true, "plannedSubmission: 2026-12-01"),
            ),
        ],
    );
    let (out, err, code) = run(
        dir.path(),
        &["check", "offers", "--format", "json", "--now", NOW],
    );
    assert_eq!(code, 1, "{err}");
    let doc = json(&out);
    let lab = &offer(&doc, "contoso-lab")["timeline"];
    assert_eq!(lab["model"], "partner-center");
    // 25 min automated validation + 35 min test drive validation + 3 d certification.
    assert_eq!(
        lab["rejectedAt"],
        serde_json::json!({
            "step": "Certification",
            "date": "2026-12-04T01:00:00Z",
            "rules": ["sas-expiry-covers-certification"],
            // Again from then: 1 h + 3 d + 4 d 1 h + 1 d sign-off + 8 d.
            "resubmittedGoLive": "2026-12-20T03:00:00Z",
            "delayHours": 73.0
        })
    );
    let plans = &offer(&doc, "contoso-plans")["timeline"];
    assert_eq!(
        plans["rejectedAt"],
        serde_json::json!({
            "step": "Automated validation",
            "date": "2026-12-01T00:25:00Z",
            "rules": ["plan-id-unique"],
            // 25 min + 3 d + 4 d 1 h + 8 d from then.
            "resubmittedGoLive": "2026-12-16T01:50:00Z",
            "delayHours": 0.42
        })
    );
    let (out, _, _) = run(dir.path(), &["check", "offers", "--now", NOW]);
    assert!(
        out.contains("contoso-plans: rejected at Automated validation by 2026-12-01: plan-id-unique; this finding delays go-live by 25 min (live by 2026-12-16 if fixed and resubmitted that day)"),
        "{out}"
    );
}

#[test]
fn a_broken_stage_model_is_a_configuration_error() {
    let config = format!("{CONFIG}timeline:\n  steps:\n    - {{ name: Certification, duration: 3 days, areas: [cert, nope] }}\n");
    let dir = repo(
        &config,
        &[(
            "a",
            manifest(
                "contoso-linux",
                false,
                SAS_OK,
                false,
                "plannedSubmission: 2026-12-01",
            ),
        )],
    );
    let (out, err, code) = run(dir.path(), &["timeline", "offers", "--now", NOW]);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(err.contains("the `timeline` section is invalid"), "{err}");
    assert!(
        err.contains("`3 days` is not an ISO 8601 duration"),
        "{err}"
    );
    // `check` reports it as config-invalid and projects with the default model.
    let (out, _, code) = run(
        dir.path(),
        &["check", "offers", "--now", NOW, "--format", "json"],
    );
    assert_eq!(code, 1);
    let doc = json(&out);
    let bad: Vec<&Value> = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "config-invalid")
        .collect();
    assert!(!bad.is_empty(), "{doc}");
    assert!(bad.iter().all(|d| d["path"] == ".offer-lint.yaml"));
    assert_eq!(
        doc["offers"][0]["timeline"]["goLive"],
        "2026-12-16T01:15:00Z"
    );
}

#[test]
fn an_unknown_time_zone_is_a_usage_error() {
    let dir = demo();
    let (_, err, code) = run(
        dir.path(),
        &["timeline", "offers", "--timezone", "Mars/Olympus_Mons"],
    );
    assert_eq!(code, 2);
    assert!(err.contains("--timezone"), "{err}");
    let (_, _, code) = run(
        dir.path(),
        &["check", "offers", "--timezone", "Mars/Olympus_Mons"],
    );
    assert_eq!(code, 2);
}

#[test]
fn no_offers() {
    let dir = repo(CONFIG, &[]);
    std::fs::create_dir_all(dir.path().join("offers")).unwrap();
    let (out, _, code) = run(dir.path(), &["timeline", "offers", "--format", "markdown"]);
    assert_eq!(code, 0);
    assert_eq!(
        out,
        "## Publishing timeline\n\nNo offer manifests were found.\n"
    );
    let (out, _, _) = run(dir.path(), &["timeline", "offers", "--format", "json"]);
    assert_eq!(json(&out)["offers"], serde_json::json!([]));
    let (out, _, _) = run(dir.path(), &["timeline", "offers"]);
    assert_eq!(out, "no offers to project\n");
}
