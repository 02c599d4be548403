//! The bridge to Partner Center: `export` (manifest → configure payload) and `import`
//! (resource tree → manifest), as library calls and through the CLI.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use offer_lint::bridge::export::{export, Options};
use offer_lint::bridge::import::import;
use offer_lint::bridge::yaml::to_yaml;
use offer_lint::load::ingestion::microsoft;
use predicates::prelude::PredicateBooleanExt;
use serde_json::Value;

const NOW: &str = "2026-11-24T00:00:00Z";

fn project() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn bin() -> Command {
    let mut c = Command::cargo_bin("offer-lint").unwrap();
    c.env_remove("GITHUB_ACTIONS")
        .env("OFFER_LINT_NOW", NOW)
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100");
    c
}

fn load(path: &Path) -> offer_lint::load::Document {
    let bytes = std::fs::read(path).unwrap();
    let loaded =
        offer_lint::load::load_bytes(&path.display().to_string(), bytes, &Default::default());
    loaded
        .document
        .unwrap_or_else(|| panic!("{} parses", path.display()))
}

fn demo_offers() -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(project().join("fixtures/demo/offers"))
        .unwrap()
        .map(|e| e.unwrap().path().join("offer.yaml"))
        .filter(|p| p.is_file())
        .collect();
    out.sort();
    out
}

/// The type name in a resource's `$schema`.
fn kind_of(resource: &Value) -> String {
    let schema = resource["$schema"].as_str().unwrap();
    let rest = schema.split("/schema/").nth(1).unwrap();
    rest.split('/').next().unwrap().to_string()
}

fn assert_valid_payload(payload: &Value, what: &str) {
    assert_eq!(
        payload["$schema"],
        "https://schema.mp.microsoft.com/schema/configure/2022-03-01-preview2"
    );
    let resources = payload["resources"].as_array().unwrap();
    assert!(!resources.is_empty());
    for r in resources {
        let kind = kind_of(r);
        // A technical configuration at a newer version: Microsoft's preview2 schema holds for
        // everything but the fields that version added (the manifest schema checks those).
        let lifted;
        let r = if r["$schema"]
            .as_str()
            .unwrap()
            .ends_with("/2022-03-01-preview5")
        {
            assert_eq!(
                kind, "virtual-machine-plan-technical-configuration",
                "{what}"
            );
            lifted = without_newer_fields(r);
            &lifted
        } else {
            assert!(
                r["$schema"]
                    .as_str()
                    .unwrap()
                    .ends_with("/2022-03-01-preview2"),
                "{what}: {}",
                r["$schema"]
            );
            r
        };
        // `${env:NAME}` stands for a URI that --resolve-env puts there.
        let resolved = with_env_as_uris(r);
        let r = &resolved;
        let violations = microsoft::validate(&kind, r)
            .unwrap_or_else(|| panic!("{what}: Microsoft has a schema for {kind}"))
            .unwrap();
        let errors: Vec<String> = violations
            .iter()
            .map(|v| format!("{} {}", v.pointer, v.error))
            .collect();
        assert!(
            errors.is_empty(),
            "{what}: {kind} fails Microsoft's schema: {errors:#?}\n{r:#}"
        );
    }
}

fn with_env_as_uris(v: &Value) -> Value {
    match v {
        Value::String(s) if s.starts_with("${env:") => "https://example.invalid/resolved".into(),
        Value::Array(a) => Value::Array(a.iter().map(with_env_as_uris).collect()),
        Value::Object(m) => Value::Object(
            m.iter()
                .map(|(k, x)| (k.clone(), with_env_as_uris(x)))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// A technical configuration without `securityType` and the arm64 SKUs and images.
fn without_newer_fields(r: &Value) -> Value {
    let mut r = r.clone();
    if let Some(skus) = r["skus"].as_array_mut() {
        skus.retain(|s| s["imageType"] != "arm64Gen2");
        for s in skus {
            s.as_object_mut().unwrap().remove("securityType");
        }
    }
    for v in r["vmImageVersions"].as_array_mut().into_iter().flatten() {
        if let Some(images) = v["vmImages"].as_array_mut() {
            images.retain(|i| i["imageType"] != "arm64Gen2");
        }
    }
    r
}

#[test]
fn export_of_every_demo_offer_validates_against_microsofts_schemas() {
    let offers = demo_offers();
    assert!(offers.len() >= 3);
    // The demo's Windows offer has deliberate mistakes; its plan id is one that Microsoft's
    // schema rejects too (and that `check` reports as plan-id-format).
    let mistakes = "fabrikam-windows-server";
    for path in offers
        .iter()
        .filter(|p| !p.to_string_lossy().contains(mistakes))
    {
        let doc = load(path);
        let options = Options {
            submit: Some(offer_lint::bridge::Target::Preview),
            asset_base_url: Some("https://contoso.blob.core.windows.net/assets".into()),
        };
        let exported = export(&doc.value, &options);
        assert_valid_payload(&exported.payload, &path.display().to_string());
        let kinds: Vec<String> = exported.payload["resources"]
            .as_array()
            .unwrap()
            .iter()
            .map(kind_of)
            .collect();
        for kind in [
            "product",
            "property",
            "listing",
            "plan",
            "price-and-availability-plan",
        ] {
            assert!(
                kinds.iter().any(|k| k == kind),
                "{}: {kind} in {kinds:?}",
                path.display()
            );
        }
        assert_eq!(kinds.last().unwrap(), "submission");
        // Every listing image is an asset, named by its file and read from the base URL.
        assert!(!exported.uploads.is_empty());
        assert!(exported.uploads.iter().all(|u| u.has_url));
    }
    // Microsoft's schemas reject the Windows offer where `check` does: its plan id
    // (plan-id-format; the plan-listing's reference to it fails the schema as a whole), seven VM sizes (tech-vm-sizes), a misspelt vmProperties key
    // (manifest-schema); nothing else.
    let path = offers
        .iter()
        .find(|p| p.to_string_lossy().contains(mistakes))
        .unwrap();
    let exported = export(&load(path).value, &Options::default());
    let mut rejected = Vec::new();
    for r in exported.payload["resources"].as_array().unwrap() {
        let kind = kind_of(r);
        for v in microsoft::validate(&kind, &with_env_as_uris(r))
            .unwrap()
            .unwrap()
        {
            rejected.push(format!("{kind}{}", v.pointer));
        }
    }
    rejected.sort();
    let tc = "virtual-machine-plan-technical-configuration";
    assert_eq!(
        rejected,
        [
            // The plan id, where the plan is named and wherever it is referenced.
            "plan-listing".to_string(),
            "plan/identity/externalId".to_string(),
            "price-and-availability-plan/plan".to_string(),
            format!("{tc}/plan"),
            format!("{tc}/recommendedVmSizes"),
            format!("{tc}/vmProperties"),
        ]
    );
}

#[test]
fn export_keeps_env_references_and_names_what_it_leaves_out() {
    let doc = load(&project().join("fixtures/demo/offers/fabrikam-secure-linux/offer.yaml"));
    let exported = export(&doc.value, &Options::default());
    let text = exported.payload.to_string();
    assert!(text.contains("${env:"), "SAS URIs stay references: {text}");
    let skipped: Vec<&str> = exported
        .skipped
        .iter()
        .map(|s| s.pointer.as_str())
        .collect();
    assert!(
        skipped.iter().any(|p| p.ends_with("/certification")),
        "{skipped:?}"
    );
    assert!(!text.contains("\"certification\""));
    // Without a base URL the assets are named only, and listed as uploads to make.
    assert!(exported.uploads.iter().all(|u| !u.has_url));
    assert!(!text.contains("\"url\""));
    // No submission unless asked.
    assert!(!text.contains("/schema/submission/"));
}

fn json_trees() -> Vec<PathBuf> {
    let mut out = vec![project().join("tests/ingestion/tree.json")];
    for entry in std::fs::read_dir(project().join("tests/ingestion")).unwrap() {
        let p = entry.unwrap().path();
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        if name.contains("tree") && name.ends_with(".json") && !out.contains(&p) {
            out.push(p);
        }
    }
    out
}

/// Import → manifest → export: the resources come back as the tree had them (the fields the
/// manifest holds; ids, references, versions and the API's bookkeeping aside).
#[test]
fn export_after_import_gives_back_the_trees_resources() {
    for path in json_trees() {
        export_after_import(&path);
    }
}

fn export_after_import(path: &Path) {
    let doc = load(path);
    let imported = import(&doc.value, &doc.index).unwrap();
    // The manifest reads back as written (the YAML writer round-trips).
    let yaml = to_yaml(&imported.manifest);
    let reread =
        offer_lint::load::load_bytes("offer.yaml", yaml.clone().into_bytes(), &Default::default());
    assert_eq!(reread.document.unwrap().value, imported.manifest, "{yaml}");
    let exported = export(&imported.manifest, &Options::default());
    // (A tree with a deliberate mistake gives it back: Microsoft's schema is not asked.)
    if path.ends_with("tree.json") {
        assert_valid_payload(&exported.payload, "export of the imported tree");
    }
    let ignored = [
        "$schema",
        "id",
        "product",
        "plan",
        "listing",
        "resourceName",
        "validations",
        "created",
        "modified",
        "lifecycleState",
    ];
    let tree = doc.value["resources"].as_array().unwrap();
    let mut compared = 0;
    for r in exported.payload["resources"].as_array().unwrap() {
        let kind = kind_of(r);
        if kind == "listing-asset" {
            continue;
        }
        let same_kind: Vec<&Value> = tree.iter().filter(|t| kind_of(t) == kind).collect();
        assert!(!same_kind.is_empty(), "the tree has a {kind}");
        for (k, v) in r.as_object().unwrap() {
            if ignored.contains(&k.as_str()) || k == "identity" || k == "alias" || k == "kind" {
                continue;
            }
            let text = v.to_string();
            if text.contains("${env:") {
                continue;
            }
            assert!(
                same_kind.iter().any(|t| t.get(k) == Some(v)),
                "{kind}.{k}: exported {v}, the tree has {:?}",
                same_kind.iter().map(|t| t.get(k)).collect::<Vec<_>>()
            );
            compared += 1;
        }
    }
    assert!(compared > 20, "{compared} fields compared");
    // And a second round is a fixed point: import of the same tree, the same manifest.
    let again = import(&doc.value, &doc.index).unwrap();
    assert_eq!(again.manifest, imported.manifest);
}

/// The tree's images as SAS URIs, as a tree of an offer published from storage has them.
fn tree_with_sas_uris() -> Value {
    let mut tree = load(&project().join("tests/ingestion/tree.json")).value;
    let sas =
        "https://contoso.blob.core.windows.net/vhds/os.vhd?sv=2022-11-02&sr=b&sp=rl&sig=LEAKED";
    for r in tree["resources"].as_array_mut().unwrap() {
        for v in r["vmImageVersions"].as_array_mut().into_iter().flatten() {
            for image in v["vmImages"].as_array_mut().into_iter().flatten() {
                image["source"] = serde_json::json!({
                    "sourceType": "sasUri",
                    "osDisk": {"uri": sas},
                    "dataDisks": [{"lunNumber": 0, "uri": sas}]
                });
            }
        }
    }
    tree
}

#[test]
fn import_replaces_image_uris_by_env_references() {
    let tree = tree_with_sas_uris();
    let index = offer_lint::load::yaml::SpanIndex::default();
    let imported = import(&tree, &index).unwrap();
    let text = imported.manifest.to_string();
    assert!(
        !text.contains("LEAKED"),
        "no signature in the manifest: {text}"
    );
    // Two images (x64 and arm64), each an OS disk and a data disk.
    assert_eq!(imported.env.len(), 4, "{:?}", imported.env);
    let mut names: Vec<&str> = imported.env.iter().map(|e| e.name.as_str()).collect();
    for e in &imported.env {
        assert!(text.contains(&format!("${{env:{}}}", e.name)), "{}", e.name);
        assert!(e
            .name
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_'));
    }
    names.sort();
    names.dedup();
    assert_eq!(names.len(), 4, "each reference has its own name");
    assert!(
        names.iter().any(|n| n.ends_with("_OS_VHD_SAS")),
        "{names:?}"
    );
}

// ---------------------------------------------------------------------------------------
// The CLI

#[test]
fn export_refuses_an_offer_with_errors_unless_allowed() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("windows.configure.json");
    let assert = bin()
        .current_dir(project())
        .args([
            "export",
            "fixtures/demo/offers/fabrikam-windows-server",
            "--output",
        ])
        .arg(&out)
        .assert()
        .code(1);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    assert!(stderr.contains("nothing exported"), "{stderr}");
    assert!(
        stderr.contains("listing-privacy-url"),
        "the findings are printed: {stderr}"
    );
    assert!(!out.exists(), "nothing written");
    bin()
        .current_dir(project())
        .args([
            "export",
            "fixtures/demo/offers/fabrikam-windows-server",
            "--allow-errors",
            "--output",
        ])
        .arg(&out)
        .assert()
        .success();
    let payload: Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert!(payload["resources"].as_array().unwrap().len() > 5);
}

#[test]
fn export_prints_the_payload_and_the_next_steps() {
    let assert = bin()
        .current_dir(project())
        .args(["export", "fixtures/demo/offers/fabrikam-secure-linux"])
        .assert()
        .success();
    let out = assert.get_output();
    let payload: Value = serde_json::from_slice(&out.stdout).expect("stdout is the payload");
    assert!(payload["resources"].is_array());
    let stderr = String::from_utf8_lossy(&out.stderr);
    for expected in [
        "az rest --method post",
        "configure/<jobId>/status",
        "az storage blob upload",
        "not exported",
    ] {
        assert!(stderr.contains(expected), "{expected}: {stderr}");
    }
}

#[test]
fn resolve_env_needs_a_file_and_makes_it_private() {
    bin()
        .current_dir(project())
        .args([
            "export",
            "fixtures/demo/offers/fabrikam-secure-linux",
            "--resolve-env",
        ])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--output"));
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("p.configure.json");
    let doc = load(&project().join("fixtures/demo/offers/fabrikam-secure-linux/offer.yaml"));
    let text = serde_json::to_string(&doc.value).unwrap();
    let name = text
        .split("${env:")
        .nth(1)
        .unwrap()
        .split('}')
        .next()
        .unwrap()
        .to_string();
    let secret = "https://example.blob.core.windows.net/vhds/os.vhd?sv=2022-11-02&sr=b&sp=rl\
                  &st=2026-11-01T00:00:00Z&se=2027-06-01T00:00:00Z&sig=SECRETSIG";
    bin()
        .current_dir(project())
        .env(&name, secret)
        .args([
            "export",
            "fixtures/demo/offers/fabrikam-secure-linux",
            "--resolve-env",
        ])
        .args(["--allow-env", &name, "--output"])
        .arg(&out)
        .assert()
        .success()
        .stderr(predicates::str::contains("SECRETSIG").not());
    let written = std::fs::read_to_string(&out).unwrap();
    assert!(written.contains("SECRETSIG"), "the value is in the payload");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&out).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "{mode:o}");
    }
    // Without --resolve-env the same run keeps the reference, and the file is shared.
    let plain = dir.path().join("q.configure.json");
    bin()
        .current_dir(project())
        .env(&name, secret)
        .args([
            "export",
            "fixtures/demo/offers/fabrikam-secure-linux",
            "--allow-env",
            &name,
            "--output",
        ])
        .arg(&plain)
        .assert()
        .success();
    let written = std::fs::read_to_string(&plain).unwrap();
    assert!(!written.contains("SECRETSIG") && written.contains(&format!("${{env:{name}}}")));
}

#[test]
fn import_writes_an_offer_that_lints_and_never_replaces_one() {
    let dir = tempfile::tempdir().unwrap();
    let assert = bin()
        .current_dir(dir.path())
        .arg("import")
        .arg(project().join("tests/ingestion/tree.json"))
        .assert()
        .success();
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    let offer = dir.path().join("contoso-hardened-ubuntu/offer.yaml");
    assert!(offer.is_file(), "{stderr}");
    let text = std::fs::read_to_string(&offer).unwrap();
    assert!(text.contains("apiVersion: offer-lint/v1"), "{text}");
    let keys: Vec<&str> = text
        .lines()
        .filter(|l| !l.starts_with([' ', '#', '-']))
        .map(|l| l.split(':').next().unwrap())
        .collect();
    let order = [
        "apiVersion",
        "kind",
        "offer",
        "setup",
        "properties",
        "listing",
        "previewAudiences",
        "plans",
    ];
    let mut at = 0;
    for k in &keys {
        let i = order
            .iter()
            .position(|o| o == k)
            .unwrap_or_else(|| panic!("{k} in {keys:?}\n{text}"));
        assert!(i >= at, "manifest key order: {keys:?}");
        at = i;
    }
    assert!(stderr.contains("listing images to download"), "{stderr}");
    assert!(stderr.contains("not imported"), "{stderr}");
    // A second import into the same folder is refused.
    bin()
        .current_dir(dir.path())
        .arg("import")
        .arg(project().join("tests/ingestion/tree.json"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains("never replaces"));
}

/// Each resource tree among the fixtures, imported and checked: the manifest gets what the
/// tree itself gets from `check`, plus the images that import lists to download and has not
/// downloaded (media-*): nothing else.
#[test]
fn every_imported_tree_lints_as_the_tree_does() {
    let rules_of = |args: &[&std::ffi::OsStr], dir: &Path| -> Vec<String> {
        let out = bin()
            .current_dir(dir)
            .arg("check")
            .args(args)
            .args(["--format", "json"])
            .output()
            .unwrap();
        let report: Value = serde_json::from_slice(&out.stdout).unwrap();
        let mut rules: Vec<String> = report["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["rule"].as_str().unwrap().to_string())
            .collect();
        rules.sort();
        rules.dedup();
        rules
    };
    let trees = json_trees();
    assert!(trees.len() >= 3, "{trees:?}");
    for tree in trees {
        let dir = tempfile::tempdir().unwrap();
        bin()
            .current_dir(dir.path())
            .args(["import", "--output", "offer"])
            .arg(&tree)
            .assert()
            .success();
        let imported = rules_of(&["offer".as_ref()], dir.path());
        let of_tree = rules_of(&[tree.as_os_str()], dir.path());
        let unexpected: Vec<&String> = imported
            .iter()
            .filter(|r| !of_tree.contains(r) && !r.starts_with("media-"))
            .collect();
        eprintln!(
            "{}: tree {of_tree:?}, imported {imported:?}",
            tree.display()
        );
        assert!(
            unexpected.is_empty(),
            "{}: import added {unexpected:?}",
            tree.display()
        );
    }
}

#[test]
fn import_refuses_what_is_not_a_tree() {
    let dir = tempfile::tempdir().unwrap();
    bin()
        .current_dir(dir.path())
        .arg("import")
        .arg(project().join("tests/ingestion/listing.configure.json"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains("not a resource tree"));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

/// A tree is a document from outside: its offer id and file names never choose where files go,
/// and its text never reaches the terminal raw.
#[test]
fn a_hostile_tree_cannot_choose_paths_or_forge_output() {
    let dir = tempfile::tempdir().unwrap();
    let tree = serde_json::json!({
        "$schema": "https://product-ingestion.azureedge.net/schema/resource-tree/2022-03-01-preview2",
        "root": "product/1b2c3d4e-0000-4000-8000-000000000001",
        "target": {"targetType": "draft"},
        "resources": [
            {"$schema": "https://schema.mp.microsoft.com/schema/product/2022-03-01-preview2",
             "id": "product/1b2c3d4e-0000-4000-8000-000000000001",
             "identity": {"externalId": "../../escaped"}, "type": "azureVirtualMachine", "alias": "x"},
            {"$schema": "https://schema.mp.microsoft.com/schema/listing/2022-03-01-preview2",
             "product": "product/1b2c3d4e-0000-4000-8000-000000000001", "kind": "azureVM",
             "languageId": "en-us", "title": "x"},
            {"$schema": "https://schema.mp.microsoft.com/schema/listing-asset/2022-03-01-preview2",
             "product": "product/1b2c3d4e-0000-4000-8000-000000000001", "kind": "azure",
             "type": "azureLogoLarge", "languageId": "en-us", "fileName": "../../../etc/cron.d/x\u{1b}[2J",
             "url": "https://example.com/a'$(touch pwned)'\n::error::forged"}
        ]
    });
    let file = dir.path().join("evil.resource-tree.json");
    std::fs::write(&file, serde_json::to_string(&tree).unwrap()).unwrap();
    let work = dir.path().join("work");
    std::fs::create_dir(&work).unwrap();
    // No plain offer id: the folder must be named.
    bin()
        .current_dir(&work)
        .arg("import")
        .arg(&file)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--output"));
    assert!(!dir.path().join("escaped").exists() && !work.join("../../escaped").exists());
    let out = bin()
        .current_dir(&work)
        .env("GITHUB_ACTIONS", "true")
        .args(["import", "--output", "offer"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains('\u{1b}'), "no terminal escape: {stderr:?}");
    assert!(
        !stderr.lines().any(|l| l.starts_with("::")),
        "no workflow command: {stderr}"
    );
    let manifest = std::fs::read_to_string(work.join("offer/offer.yaml")).unwrap();
    assert!(manifest.contains("large: assets/x__2J"), "{manifest}");
    assert!(!manifest.contains("assets/.."), "{manifest}");
    assert!(
        !work.join("offer/assets").exists(),
        "import downloads nothing itself"
    );
}

// ---------------------------------------------------------------------------------------
// --baseline-tree and change-image-version-dropped

/// The technical configuration of the tree's plan, as a configure payload that lists these
/// versions (copies of the published 1.0.0 under each number).
fn tech_config_payload(numbers: &[&str]) -> String {
    let tree = load(&project().join("tests/ingestion/tree.json")).value;
    let mut tc = tree["resources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| kind_of(r) == "virtual-machine-plan-technical-configuration")
        .unwrap()
        .clone();
    let published = tc["vmImageVersions"][0].clone();
    tc["vmImageVersions"] = numbers
        .iter()
        .map(|n| {
            let mut v = published.clone();
            v["versionNumber"] = (*n).into();
            v
        })
        .collect();
    let m = tc.as_object_mut().unwrap();
    m.remove("id");
    m.insert(
        "product".into(),
        serde_json::json!({"externalId": "contoso-hardened-ubuntu"}),
    );
    m.insert(
        "plan".into(),
        serde_json::json!({"externalId": "hardened-2204-gen2"}),
    );
    let payload = serde_json::json!({
        "$schema": "https://schema.mp.microsoft.com/schema/configure/2022-03-01-preview2",
        "resources": [tc]
    });
    serde_json::to_string_pretty(&payload).unwrap()
}

fn change_findings(dir: &Path, file: &str) -> Vec<(String, u64, u64)> {
    let out = bin()
        .current_dir(dir)
        .args(["check", file, "--format", "json", "--baseline-tree"])
        .arg(project().join("tests/ingestion/tree.json"))
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|_| panic!("{}", String::from_utf8_lossy(&out.stderr)));
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"].as_str().unwrap().starts_with("change-"))
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
                f["column"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn a_configure_payload_that_leaves_out_a_published_version_fails() {
    let dir = tempfile::tempdir().unwrap();
    // 1.0.0 is published in the tree; the payload lists 1.1.0 only: the API would delete 1.0.0.
    let text = tech_config_payload(&["1.1.0"]);
    std::fs::write(dir.path().join("tc.configure.json"), &text).unwrap();
    let found = change_findings(dir.path(), "tc.configure.json");
    let line = text
        .lines()
        .position(|l| l.contains("\"vmImageVersions\""))
        .unwrap() as u64
        + 1;
    let column = text
        .lines()
        .nth(line as usize - 1)
        .unwrap()
        .find('"')
        .unwrap() as u64
        + 1;
    assert_eq!(
        found,
        [("change-image-version-dropped".to_string(), line, column)]
    );
    // The same payload naming the product and plan by durable id, as the API writes them.
    let durable = text
        .replace(
            "{\n        \"externalId\": \"contoso-hardened-ubuntu\"\n      }",
            "\"product/1b2c3d4e-0000-4000-8000-000000000001\"",
        )
        .replace(
            "{\n        \"externalId\": \"hardened-2204-gen2\"\n      }",
            "\"plan/1b2c3d4e-0000-4000-8000-000000000001/1b2c3d4e-0000-4000-8000-0000000000a1\"",
        );
    assert!(!durable.contains("externalId"), "{durable}");
    std::fs::write(dir.path().join("tc.configure.json"), &durable).unwrap();
    let found = change_findings(dir.path(), "tc.configure.json");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "change-image-version-dropped");
    // A payload for another offer is not compared with this tree.
    let other = text.replace(
        "\"externalId\": \"contoso-hardened-ubuntu\"",
        "\"externalId\": \"fabrikam-other\"",
    );
    assert_ne!(other, text);
    std::fs::write(dir.path().join("tc.configure.json"), &other).unwrap();
    assert_eq!(change_findings(dir.path(), "tc.configure.json"), []);
    // Listing the published version and the new one passes.
    std::fs::write(
        dir.path().join("tc.configure.json"),
        tech_config_payload(&["1.0.0", "1.1.0"]),
    )
    .unwrap();
    assert_eq!(change_findings(dir.path(), "tc.configure.json"), []);
}

#[test]
fn a_manifest_is_checked_against_the_tree_of_its_offer() {
    let dir = tempfile::tempdir().unwrap();
    bin()
        .current_dir(dir.path())
        .args(["import", "--output", "offer"])
        .arg(project().join("tests/ingestion/tree.json"))
        .assert()
        .success();
    // As imported: the published state itself, nothing changed.
    assert_eq!(change_findings(dir.path(), "offer"), []);
    let path = dir.path().join("offer/offer.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let edited = text.replacen("versionNumber: \"1.0.0\"", "versionNumber: \"2.0.0\"", 1);
    assert_ne!(edited, text, "{text}");
    std::fs::write(&path, &edited).unwrap();
    let line = edited
        .lines()
        .position(|l| l.trim() == "vmImageVersions:")
        .unwrap() as u64
        + 1;
    let column = edited
        .lines()
        .nth(line as usize - 1)
        .unwrap()
        .find('v')
        .unwrap() as u64
        + 1;
    assert_eq!(
        change_findings(dir.path(), "offer"),
        [("change-image-version-dropped".to_string(), line, column)]
    );
    // --baseline and --baseline-tree are one or the other.
    bin()
        .current_dir(dir.path())
        .args(["check", "offer", "--baseline", "HEAD", "--baseline-tree"])
        .arg(project().join("tests/ingestion/tree.json"))
        .assert()
        .code(2);
    // A file that is not a tree is refused as a baseline.
    bin()
        .current_dir(dir.path())
        .args(["check", "offer", "--baseline-tree", "offer/offer.yaml"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("not a resource tree"));
}

/// The manifest without the parts export reports as not exported.
fn exportable(manifest: &Value, skipped: &[offer_lint::bridge::export::Skipped]) -> Value {
    let mut m = manifest.clone();
    let mut pointers: Vec<&str> = skipped.iter().map(|s| s.pointer.as_str()).collect();
    // Deepest first, so that removing one never shifts another.
    pointers.sort_by_key(|p| std::cmp::Reverse(p.len()));
    for p in pointers {
        let (parent, key) = p.rsplit_once('/').unwrap();
        if let Some(Value::Object(o)) = m.pointer_mut(parent) {
            o.remove(key);
        }
    }
    m
}

/// Demo offer → export → the payload's resources read back by import (as Partner Center
/// would return them in a tree) → the same manifest, but for what export says it leaves out.
#[test]
fn every_demo_offer_survives_export_then_import() {
    for path in demo_offers() {
        let manifest = load(&path).value;
        let exported = export(&manifest, &Options::default());
        let tree = serde_json::json!({
            "$schema": "https://schema.mp.microsoft.com/schema/resource-tree/2022-03-01-preview2",
            "root": {"externalId": manifest["offer"]["id"]},
            "target": {"targetType": "draft"},
            "resources": exported.payload["resources"],
        });
        let index = offer_lint::load::yaml::SpanIndex::default();
        let back = import(&tree, &index).unwrap();
        // Every key of the demo is exported or left out for a reason the README gives.
        let unknown: Vec<&str> = exported
            .skipped
            .iter()
            .filter(|s| s.reason == offer_lint::bridge::export::UNKNOWN)
            .map(|s| s.pointer.as_str())
            .collect();
        assert!(unknown.is_empty(), "{}: {unknown:?}", path.display());
        let mut want = exportable(&manifest, &exported.skipped);
        // A SAS URI written in the manifest (the Windows demo's deliberate secret) comes back
        // as the reference import puts in its place; a reference comes back as it was.
        for e in &back.env {
            let slot = want.pointer_mut(&e.pointer).unwrap();
            assert!(
                slot.as_str().unwrap().contains("sig="),
                "{}: {slot}",
                e.pointer
            );
            *slot = format!("${{env:{}}}", e.name).into();
        }
        // (Asset paths come back as `assets/<file name>`, which is how the demo writes them.)
        assert!(
            back.manifest == want,
            "{}: export then import changed the manifest:\n{}\nwant:\n{}",
            path.display(),
            serde_json::to_string_pretty(&back.manifest).unwrap(),
            serde_json::to_string_pretty(&want).unwrap()
        );
    }
}

// ---------------------------------------------------------------------------------------
// What a stranger's pull request could try through export and import

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), &target).unwrap();
        }
    }
}

/// The demo's clean Linux offer in a new folder, with `edit` applied to its manifest.
fn offer_with(dir: &Path, edit: impl Fn(String) -> String) -> PathBuf {
    let offer = dir.join("offers/x");
    copy_dir(
        &project().join("fixtures/demo/offers/fabrikam-secure-linux"),
        &offer,
    );
    let path = offer.join("offer.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let edited = edit(text.clone());
    assert_ne!(edited, text);
    std::fs::write(&path, edited).unwrap();
    offer
}

/// A reference moved out of the secret fields (into the offer id, which names the payload
/// file, or a listing text) is never resolved: no secret in a file name, the terminal, the
/// log, or a published description.
#[test]
fn resolve_env_fills_only_the_secret_fields() {
    let dir = tempfile::tempdir().unwrap();
    offer_with(dir.path(), |t| {
        t.replacen(
            "id: fabrikam-secure-linux",
            "id: fabrikam-${env:OFFER_SECRET}",
            1,
        )
        .replacen(
            "shortDescription: ",
            "shortDescription: ${env:OFFER_SECRET} ",
            1,
        )
    });
    let export_to = |output: &str| {
        bin()
            .current_dir(dir.path())
            .env("OFFER_SECRET", "hunter2secret")
            .args(["export", "offers", "--allow-errors", "--resolve-env"])
            .args(["--allow-env", "OFFER_*", "--output", output])
            .output()
            .unwrap()
    };
    let out = export_to("out/x.configure.json");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        !stderr.contains("hunter2") && !stdout.contains("hunter2"),
        "{stderr}{stdout}"
    );
    let written = std::fs::read_to_string(dir.path().join("out/x.configure.json")).unwrap();
    assert!(!written.contains("hunter2"), "{written}");
    assert!(
        written.contains("fabrikam-${env:OFFER_SECRET}"),
        "{written}"
    );
    // Into a folder, an id that is not a plain name cannot name the file.
    let out = export_to("payloads/");
    assert_eq!(out.status.code(), Some(2));
    assert!(!String::from_utf8_lossy(&out.stderr).contains("hunter2"));
    assert!(
        !dir.path().join("payloads").exists()
            || std::fs::read_dir(dir.path().join("payloads"))
                .unwrap()
                .count()
                == 0
    );
}

/// A file name is data: the upload command export prints runs only `az`, whatever the name.
#[test]
fn a_file_name_cannot_inject_a_command_into_the_printed_steps() {
    let dir = tempfile::tempdir().unwrap();
    let offer = offer_with(dir.path(), |t| {
        t.replacen("assets/logo-large.png", "assets/a;$(touch PWNED)#.png", 1)
    });
    std::fs::copy(
        offer.join("assets/logo-large.png"),
        offer.join("assets/a;$(touch PWNED)#.png"),
    )
    .unwrap();
    let out = bin()
        .current_dir(dir.path())
        .args(["export", "offers/x"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    let line = stderr
        .lines()
        .find(|l| l.contains("az storage blob upload") && l.contains("PWNED"))
        .unwrap_or_else(|| panic!("{stderr}"));
    // Run the printed line with an `az` that prints its arguments: nothing else runs.
    let fake = dir.path().join("bin");
    std::fs::create_dir(&fake).unwrap();
    std::fs::write(
        fake.join("az"),
        "#!/bin/sh\nfor a in \"$@\"; do echo \"[$a]\"; done\n",
    )
    .unwrap();
    let mode = std::os::unix::fs::PermissionsExt::from_mode(0o755);
    std::fs::set_permissions(fake.join("az"), mode).unwrap();
    let ran = std::process::Command::new("sh")
        .arg("-c")
        .arg(line.trim())
        .current_dir(dir.path())
        .env("PATH", format!("{}:/usr/bin:/bin", fake.display()))
        .output()
        .unwrap();
    let args = String::from_utf8_lossy(&ran.stdout);
    assert!(args.contains("[a;$(touch PWNED)#.png]"), "{args}");
    assert!(
        !dir.path().join("PWNED").exists(),
        "the name ran a command: {line}"
    );
    // In the payload's URL the name is one path segment.
    let out = bin()
        .current_dir(dir.path())
        .args([
            "export",
            "offers/x",
            "--asset-base-url",
            "https://c.blob.core.windows.net/a",
        ])
        .output()
        .unwrap();
    let payload: Value = serde_json::from_slice(&out.stdout).unwrap();
    let text = payload.to_string();
    assert!(
        text.contains("https://c.blob.core.windows.net/a/a%3B%24%28touch%20PWNED%29%23.png"),
        "{text}"
    );
}

/// Text from a tree cannot start a line of offer-lint's output: not a workflow command of
/// GitHub (`::`) or Azure Pipelines (`##vso[`), not a line that looks like offer-lint's own.
#[test]
fn a_tree_cannot_forge_lines_of_the_output() {
    let dir = tempfile::tempdir().unwrap();
    let mut tree = load(&project().join("tests/ingestion/tree.json")).value;
    let forged = "https://x/a\n::error::forged\n##vso[task.setvariable variable=X]y\noffer-lint: wrote /etc/passwd";
    for r in tree["resources"].as_array_mut().unwrap() {
        if kind_of(r) == "listing-asset" {
            r["url"] = forged.into();
        }
        if kind_of(r) == "customer-leads" {
            r["httpsEndpointLeadConfiguration"]["httpsEndpointUrl"] =
                "https://prod-1.westus.logic.azure.com/workflows/x/triggers/manual?sp=run&sig=LEADSIG".into();
        }
    }
    let file = dir.path().join("t.resource-tree.json");
    std::fs::write(&file, serde_json::to_string_pretty(&tree).unwrap()).unwrap();
    for github in [false, true] {
        let out_dir = format!("offer-{github}");
        let mut cmd = bin();
        if github {
            cmd.env("GITHUB_ACTIONS", "true");
        }
        let out = cmd
            .current_dir(dir.path())
            .args(["import", "--output", &out_dir])
            .arg(&file)
            .output()
            .unwrap();
        assert!(out.status.success());
        let stderr = String::from_utf8_lossy(&out.stderr);
        for line in stderr.lines() {
            assert!(
                !line.starts_with("::")
                    && !line.starts_with("##vso")
                    && !line.starts_with("offer-lint: wrote /etc"),
                "forged line {line:?} in:\n{stderr}"
            );
        }
        // Not https: listed, not offered as a download command.
        assert!(stderr.contains("not downloadable"), "{stderr}");
        assert!(!stderr.contains("curl"), "{stderr}");
        // The lead endpoint's signature became a reference.
        let manifest =
            std::fs::read_to_string(dir.path().join(&out_dir).join("offer.yaml")).unwrap();
        assert!(!manifest.contains("LEADSIG"), "{manifest}");
        assert!(
            manifest.contains("httpsEndpointUrl: ${env:LEADS_HTTPSENDPOINT_HTTPSENDPOINTURL}")
                || manifest.contains("${env:LEADS_"),
            "{manifest}"
        );
    }
}

/// export in a GitHub runner: the findings of a hostile path cannot become commands.
#[test]
fn export_in_github_mode_prints_nothing_the_runner_runs() {
    let dir = tempfile::tempdir().unwrap();
    let offer = dir.path().join("##[warning]x");
    copy_dir(
        &project().join("fixtures/demo/offers/fabrikam-windows-server"),
        &offer,
    );
    let out = bin()
        .current_dir(dir.path())
        .env("GITHUB_ACTIONS", "true")
        .args(["export", "."])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let first = stderr.lines().next().unwrap();
    assert!(first.starts_with("::stop-commands::"), "{stderr}");
    let token = first.trim_start_matches("::stop-commands::");
    let after = stderr
        .split(&format!("::{token}::"))
        .nth(1)
        .unwrap_or_else(|| panic!("{stderr}"));
    assert!(!after.contains("##[warning]"), "{after}");
}
