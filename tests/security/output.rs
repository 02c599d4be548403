//! Bounded output: a pull request of many small manifests cannot make the report explode.

/// Before: the JUnit report listed every enabled rule for every offer, so 100,000 tiny
/// manifests wrote 924 MB. Now a file lists the rules that reported on it.
#[test]
fn junit_lists_only_the_rules_that_reported() {
    let d = tempfile::tempdir().unwrap();
    for i in 0..50 {
        std::fs::write(
            d.path().join(format!("o{i}.offer.yaml")),
            format!("apiVersion: offer-lint/v1\nkind: VirtualMachineOffer\noffer:\n  id: offer-{i:03}\n"),
        )
        .unwrap();
    }
    let out = crate::bin()
        .current_dir(d.path())
        .args(["check", "--format", "junit", "."])
        .output()
        .unwrap();
    let xml = String::from_utf8(out.stdout).unwrap();
    let json = crate::bin()
        .current_dir(d.path())
        .args(["check", "--format", "json", "."])
        .output()
        .unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    // One test case per file and rule that reported there.
    let mut reported = std::collections::BTreeSet::new();
    for f in doc["diagnostics"].as_array().unwrap() {
        reported.insert((
            f["path"].as_str().unwrap().to_owned(),
            f["rule"].as_str().unwrap().to_owned(),
        ));
    }
    let cases = xml.matches("<testcase ").count();
    assert!(!reported.is_empty());
    assert_eq!(cases, reported.len(), "{xml}");
}
