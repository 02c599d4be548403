//! Hostile and unusual input: every case ends in findings with a location (line 1 for
//! file-level ones), never a panic, a hang or unbounded memory.

use offer_lint::testing::fixture_run as run;
use std::path::{Path, PathBuf};

use offer_lint::check::{self, FileInput, FileReport};
use offer_lint::discover::{self, Selection};
use offer_lint::load::ReadError;

fn lint_bytes(bytes: Vec<u8>) -> FileReport {
    check::check_file(
        FileInput {
            display: "tests/rules/x.yaml".into(),
            dir: PathBuf::from("tests/rules"),
            root: PathBuf::from("tests/rules"),
            bytes: Ok(bytes),
        },
        &run(),
    )
}

fn summary(r: &FileReport) -> Vec<(String, usize, usize)> {
    r.findings
        .iter()
        .map(|f| (f.rule.to_string(), f.start.line, f.start.column))
        .collect()
}

fn base() -> String {
    std::fs::read_to_string("tests/rules/base.yaml").unwrap()
}

/// The base manifest with a few mistakes spread through it.
fn broken_base() -> String {
    base()
        .replacen("searchResultSummary: ", "searchResultSummary: an overly long summary that goes on and on and on and on and on and on and on about it - ", 1)
        .replacen("  alias: ", "  aliass: x\n  alias: ", 1)
}

/// A `manifest-syntax` finding at `line` (with a column) is among the findings.
fn syntax_at(r: &FileReport, line: usize) {
    assert!(
        r.findings
            .iter()
            .any(|f| f.rule == "manifest-syntax" && f.start.line == line && f.start.column >= 1),
        "no manifest-syntax finding at line {line}: {:?}",
        summary(r)
    );
}

#[test]
fn crlf_lints_exactly_like_lf() {
    let lf = broken_base();
    let crlf = lf.replace('\n', "\r\n");
    let a = summary(&lint_bytes(lf.into_bytes()));
    let b = summary(&lint_bytes(crlf.into_bytes()));
    assert!(a.len() >= 2, "the mistakes were not found: {a:?}");
    assert_eq!(a, b);
}

#[test]
fn a_bom_changes_nothing() {
    let text = broken_base();
    let a = summary(&lint_bytes(text.clone().into_bytes()));
    let mut with_bom = vec![0xEF, 0xBB, 0xBF];
    with_bom.extend(text.into_bytes());
    assert_eq!(a, summary(&lint_bytes(with_bom)));
}

#[test]
fn clean_base_stays_clean() {
    assert_eq!(summary(&lint_bytes(base().into_bytes())), vec![]);
}

#[test]
fn invalid_utf8_and_nul_bytes() {
    let mut b = base().into_bytes();
    b.extend(b"\nextra: \xc3\x28\n");
    let r = lint_bytes(b);
    syntax_at(&r, base().lines().count() + 2);
    let r = lint_bytes(b"apiVersion: offer-lint/v1\nkind: \0\n".to_vec());
    syntax_at(&r, 2);
}

#[test]
fn deep_nesting_block_and_flow() {
    syntax_at(
        &lint_bytes(format!("{}x\n", "- ".repeat(100_000)).into_bytes()),
        1,
    );
    syntax_at(
        &lint_bytes(format!("a: {}\n", "[".repeat(100_000)).into_bytes()),
        1,
    );
    syntax_at(
        &lint_bytes(format!("a: {}\n", "{a: ".repeat(100_000)).into_bytes()),
        1,
    );
    let mut block = String::new();
    // Block mappings nested by indentation (the `- - -` case above is block sequences).
    for i in 0..1_000 {
        block.push_str(&" ".repeat(i));
        block.push_str("k:\n");
    }
    let r = lint_bytes(block.into_bytes());
    assert_eq!(r.findings[0].rule, "manifest-syntax");
}

#[test]
fn alias_bombs_and_aliases() {
    let mut bomb = String::from("a: &a [x,x,x,x,x,x,x,x,x,x]\n");
    let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"];
    for w in names.windows(2) {
        bomb.push_str(&format!(
            "{}: &{} [{}]\n",
            w[1],
            w[1],
            vec![format!("*{}", w[0]); 10].join(",")
        ));
    }
    let r = lint_bytes(bomb.into_bytes());
    assert_eq!(r.findings[0].rule, "manifest-syntax");
    assert!(r.findings[0].message.contains("alias"), "{:?}", r.findings);
    // Ordinary anchors and aliases are fine and point at the alias.
    let text = base().replacen("languageId: en-us", "languageId: &lang en-us", 1);
    assert_eq!(summary(&lint_bytes(text.into_bytes())), vec![]);
}

#[test]
fn merge_keys_complex_keys_and_duplicates_at_depth() {
    let text = "a: &base {x: 1}\nb:\n  <<: *base\n  y: 2\n";
    syntax_at(&lint_bytes(text.as_bytes().to_vec()), 3);
    let text = "? [complex, key]\n: value\n";
    syntax_at(&lint_bytes(text.as_bytes().to_vec()), 1);
    let text = base().replacen(
        "      name: Hardened 22.04 (Gen2)",
        "      name: Hardened 22.04 (Gen2)\n      name: again",
        1,
    );
    let r = lint_bytes(text.clone().into_bytes());
    let line = text
        .lines()
        .position(|l| l.starts_with("      name: again"))
        .unwrap()
        + 1;
    assert!(
        r.findings
            .iter()
            .any(|f| f.rule == "manifest-syntax" && f.start.line == line && f.start.column == 7),
        "{:?}",
        r.findings
    );
}

#[test]
fn numbers_that_overflow_and_non_finite_numbers() {
    let text = base().replacen("sizeGb: 30", "sizeGb: 999999999999999999999999999999", 1);
    let r = lint_bytes(text.into_bytes());
    assert!(!r.findings.is_empty(), "an absurd disk size passed");
    for v in [".inf", "-.inf", ".nan", ".NaN"] {
        let text = base().replacen("sizeGb: 30", &format!("sizeGb: {v}"), 1);
        let r = lint_bytes(text.into_bytes());
        assert!(
            r.findings.iter().any(|f| f.rule == "manifest-syntax"),
            "{v}: {:?}",
            r.findings
        );
    }
}

#[test]
fn several_documents_and_empty_files() {
    let text = format!("{}---\n{}", base(), base());
    syntax_at(&lint_bytes(text.into_bytes()), base().lines().count() + 1);
    syntax_at(&lint_bytes(Vec::new()), 1);
    syntax_at(&lint_bytes(b"# only a comment\n".to_vec()), 1);
    syntax_at(&lint_bytes(b"- a list\n".to_vec()), 1);
}

#[test]
fn very_long_lines_and_large_files() {
    let long = "x".repeat(1 << 20);
    let text = base().replacen("  title: ", &format!("  title: {long}"), 1);
    let r = lint_bytes(text.into_bytes());
    assert!(
        r.findings.iter().any(|f| f.rule == "listing-title-length"),
        "{:?}",
        summary(&r)
    );
    // Over the size limit the file is not read at all.
    let d = tempfile::tempdir().unwrap();
    let big = d.path().join("offer.yaml");
    std::fs::write(&big, vec![b'#'; 5 << 20]).unwrap();
    let r = check::check_file(
        FileInput::read(&big, "offer.yaml".into(), d.path().into(), &run().limits),
        &run(),
    );
    syntax_at(&r, 1);
    assert!(r.findings[0].message.contains("limit"), "{:?}", r.findings);
}

#[test]
fn a_file_that_vanished_and_a_folder_named_like_a_manifest() {
    let d = tempfile::tempdir().unwrap();
    let gone = d.path().join("offer.yaml");
    let r = check::check_file(
        FileInput::read(&gone, "offer.yaml".into(), d.path().into(), &run().limits),
        &run(),
    );
    syntax_at(&r, 1);
    // A folder named like a manifest is walked into: the manifest inside it is found, the
    // folder is not reported.
    std::fs::create_dir(d.path().join("x.offer.yaml")).unwrap();
    std::fs::write(d.path().join("x.offer.yaml/offer.yaml"), "a: 1\n").unwrap();
    let found = discover::discover(
        &[d.path().to_path_buf()],
        &Selection::new(&[], &[]).unwrap(),
        false,
    );
    assert_eq!(found, [d.path().join("x.offer.yaml/offer.yaml")]);
    // Named on the command line, it is a located finding and is not read.
    let input = FileInput::read(
        &d.path().join("x.offer.yaml"),
        "x.offer.yaml".into(),
        d.path().into(),
        &run().limits,
    );
    assert!(matches!(input.bytes, Err(ReadError::Refused(_))));
    syntax_at(&check::check_file(input, &run()), 1);
}

#[cfg(unix)]
#[test]
fn symlink_loops_end_the_walk() {
    let d = tempfile::tempdir().unwrap();
    let a = d.path().join("a");
    std::fs::create_dir(&a).unwrap();
    std::os::unix::fs::symlink(d.path(), a.join("loop")).unwrap();
    std::os::unix::fs::symlink(a.join("self.offer.yaml"), a.join("self.offer.yaml")).unwrap();
    std::fs::write(a.join("offer.yaml"), base()).unwrap();
    let found = discover::discover(
        &[d.path().to_path_buf()],
        &Selection::new(&[], &[]).unwrap(),
        false,
    );
    let names: Vec<String> = found
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert!(names.contains(&"offer.yaml".to_string()), "{names:?}");
    // The self-referencing link is reported as unreadable, not followed forever.
    for p in &found {
        let r = check::check_file(
            FileInput::read(p, "x".into(), d.path().into(), &run().limits),
            &run(),
        );
        let _ = r;
    }
    let _: &Path = d.path();
}

/// An asset that is a symlink to a file outside the repository is refused like `..` is.
#[cfg(unix)]
#[test]
fn asset_symlinks_may_not_leave_the_repository() {
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("logo.png");
    std::fs::copy("tests/rules/assets/logo-large.png", &secret).unwrap();
    let repo = tempfile::tempdir().unwrap();
    let assets = repo.path().join("assets");
    std::fs::create_dir(&assets).unwrap();
    for e in std::fs::read_dir("tests/rules/assets").unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), assets.join(e.file_name())).unwrap();
    }
    std::fs::remove_file(assets.join("logo-large.png")).unwrap();
    std::os::unix::fs::symlink(&secret, assets.join("logo-large.png")).unwrap();
    let r = check::check_file(
        FileInput {
            display: "offer.yaml".into(),
            dir: repo.path().to_path_buf(),
            root: repo.path().to_path_buf(),
            bytes: Ok(base().into_bytes()),
        },
        &run(),
    );
    let f = r
        .findings
        .iter()
        .find(|f| f.rule == "media-file-missing")
        .unwrap_or_else(|| panic!("the escaping symlink was followed: {:?}", summary(&r)));
    assert!(
        f.message.contains("outside the repository"),
        "{}",
        f.message
    );
}

#[test]
fn duplicate_keys_in_a_large_mapping() {
    // Past 32 keys the duplicate check switches from comparing keys to a hash set.
    for n in [5, 31, 32, 33, 40, 2_000] {
        let mut text: String = (0..n).map(|i| format!("k{i}: {i}\n")).collect();
        text.push_str("k3: again\n");
        let parsed = offer_lint::load::yaml::parse(&text, 0, Default::default());
        let doc = parsed.document.expect("a document");
        assert_eq!(
            doc.value["k3"],
            serde_json::json!(3),
            "{n} keys: the first is kept"
        );
        assert_eq!(doc.value.as_object().unwrap().len(), n);
        assert_eq!(parsed.errors.len(), 1, "{n} keys: {:?}", parsed.errors);
        assert_eq!(parsed.errors[0].message, "duplicate key `k3`");
        assert_eq!(parsed.errors[0].span.start, text.rfind("k3").unwrap());
    }
}
