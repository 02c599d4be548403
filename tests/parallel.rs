//! The parallel pipeline gives the same result as a single-threaded run: the same files in the
//! same order with the same findings, cross-file and timeline findings included.

use offer_lint::testing::fixture_run as run;
use std::path::{Path, PathBuf};

use offer_lint::discover::{self, Selection};
use offer_lint::lint::{self, Input, Outcome};

const BASE: &str = "tests/rules/base.yaml";
const ASSETS: &[&str] = &[
    "logo-large.png",
    "logo-90.png",
    "logo-48.png",
    "screenshot-1.png",
    "video-1.png",
];

/// 200 offers from the clean base, with mistakes mixed in so that every stage has something
/// to say: duplicate offer ids (cross-file), broken YAML, schema and code findings, missing
/// assets, an unset variable, suppressions, and a late go-live target (timeline).
fn generate(dir: &Path) {
    let base = std::fs::read_to_string(BASE).unwrap();
    for i in 0..200 {
        let folder = dir.join(format!("offers/offer-{i:03}"));
        std::fs::create_dir_all(folder.join("assets")).unwrap();
        let id = if i % 10 == 9 {
            format!("offer-{:03}", i - 1)
        } else {
            format!("offer-{i:03}")
        };
        let mut text = base.replacen("id: contoso-hardened-ubuntu", &format!("id: {id}"), 1);
        if i % 17 == 3 {
            text.push_str("broken: [unclosed\n");
        }
        if i % 13 == 5 {
            text = text.replacen(
                "title: Contoso Hardened Ubuntu 22.04 LTS",
                &format!("title: {}", "T".repeat(210)),
                1,
            );
        }
        if i % 11 == 7 {
            text = text.replacen("sizeGb: 30", "sizeGb: 20", 1);
        }
        if i % 7 == 2 {
            text = text.replacen(
                "HARDENED_2204_OS_VHD_SAS",
                "OFFER_LINT_TEST_UNSET_VARIABLE",
                1,
            );
        }
        if i % 9 == 4 {
            text = text.replacen("targetGoLive: 2027-01-31", "targetGoLive: 2026-12-02", 1);
        }
        if i % 8 == 6 {
            text = format!("# offer-lint: disable-file listing-title-length\n{text}");
        }
        std::fs::write(folder.join("offer.yaml"), text).unwrap();
        for (n, a) in ASSETS.iter().enumerate() {
            // Every 19th offer misses one asset.
            if i % 19 == 1 && n == i % ASSETS.len() {
                continue;
            }
            std::fs::copy(
                Path::new("tests/rules/assets").join(a),
                folder.join("assets").join(a),
            )
            .unwrap();
        }
    }
}

fn inputs(dir: &Path) -> Vec<Input> {
    let sel = Selection::new(&[], &[]).unwrap();
    let files = discover::discover(&[dir.to_path_buf()], &sel, false);
    assert_eq!(files.len(), 200);
    files.into_iter().map(Input::Path).collect()
}

/// Everything a report is made of, in order.
fn summary(o: &Outcome) -> Vec<String> {
    let mut out = Vec::new();
    for f in &o.files {
        out.push(format!(
            "file {} offer {:?}",
            f.display,
            f.offer.as_ref().map(|o| &o.id)
        ));
        if let Some(t) = f.offer.as_ref().and_then(|o| o.timeline.as_ref()) {
            out.push(format!("  timeline {t:?}"));
        }
        for x in &f.findings {
            out.push(format!("  {x:?}"));
        }
    }
    out.extend(o.internal_errors.iter().cloned());
    out
}

fn lint_with(threads: usize, dir: &Path) -> Vec<String> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap();
    let run = run();
    pool.install(|| summary(&lint::lint(inputs(dir), &run)))
}

#[test]
fn parallel_and_single_threaded_runs_agree() {
    let tmp = tempfile::tempdir().unwrap();
    let dir: PathBuf = tmp.path().to_path_buf();
    generate(&dir);
    let one = lint_with(1, &dir);
    let many = lint_with(4, &dir);
    // The generated set exercises every stage.
    let text = one.join("\n");
    for rule in [
        "offer-id-unique",
        "manifest-syntax",
        "listing-title-length",
        "manifest-env-unset",
        "media-file-missing",
        "timeline-deadline",
    ] {
        assert!(
            text.contains(rule),
            "the generated set has no {rule} finding"
        );
    }
    assert_eq!(one.len(), many.len());
    for (a, b) in one.iter().zip(&many) {
        assert_eq!(a, b);
    }
    // And again: thread timing differs from run to run, the result does not.
    assert_eq!(lint_with(2, &dir), one);
}

#[test]
fn the_configuration_schema_compiles_on_first_use() {
    let s = offer_lint::check::schema::schemas().expect("schemas compile");
    assert!(s.config().is_valid(&serde_json::json!({})));
}

/// The asset resolution as it was before its fast path: canonicalize, then compare.
fn resolve_reference(dir: &Path, root: &Path, rel: &str) -> Result<PathBuf, String> {
    if rel.trim().is_empty() {
        return Err("is empty".into());
    }
    let p = Path::new(rel);
    if p.is_absolute() {
        return Err("is an absolute path; use a path relative to the manifest".into());
    }
    let canon = dir
        .join(p)
        .canonicalize()
        .map_err(|_| "does not exist".to_string())?;
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    if !canon.starts_with(&root) {
        return Err("lies outside the repository".into());
    }
    match std::fs::metadata(&canon) {
        Ok(m) if m.is_file() => Ok(canon),
        Ok(_) => Err("is not a file".into()),
        Err(_) => Err("does not exist".into()),
    }
}

#[cfg(unix)]
#[test]
fn asset_resolution_agrees_with_canonicalize() {
    use std::os::unix::fs::symlink;
    let tmp = tempfile::tempdir().unwrap();
    let outside = tmp.path().join("outside");
    let root = tmp.path().join("repo");
    let dir = root.join("offers/a");
    std::fs::create_dir_all(dir.join("assets/sub")).unwrap();
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(dir.join("assets/logo.png"), b"x").unwrap();
    std::fs::write(dir.join("assets/sub/deep.png"), b"x").unwrap();
    std::fs::write(root.join("shared.png"), b"x").unwrap();
    std::fs::write(outside.join("secret.png"), b"x").unwrap();
    symlink(root.join("shared.png"), dir.join("assets/inside-link.png")).unwrap();
    symlink(
        outside.join("secret.png"),
        dir.join("assets/outside-link.png"),
    )
    .unwrap();
    symlink(&outside, dir.join("linked-dir")).unwrap();
    symlink(root.join("offers"), root.join("offers-link")).unwrap();
    let rels = [
        "assets/logo.png",
        "assets/sub/deep.png",
        "assets/inside-link.png",
        "assets/outside-link.png",
        "linked-dir/secret.png",
        "assets",
        "assets/missing.png",
        "assets/logo.png/",
        "assets//logo.png",
        "./assets/logo.png",
        "../a/assets/logo.png",
        "../../../outside/secret.png",
        "assets/sub/../logo.png",
        "missing/logo.png",
        "",
        "/etc/passwd",
    ];
    let dirs = [
        dir.clone(),
        root.join("offers-link/a"),
        root.join("offers/./a"),
    ];
    for d in &dirs {
        // Twice: the second time the folder's canonical form comes from the cache.
        for _ in 0..2 {
            for rel in rels {
                assert_eq!(
                    offer_lint::rules::ctx::resolve_asset(d, &root, rel),
                    resolve_reference(d, &root, rel),
                    "{} + {rel}",
                    d.display()
                );
            }
        }
    }
}

#[test]
fn pointer_lookups_agree_with_serde_json() {
    let text = std::fs::read(BASE).unwrap();
    let loaded = offer_lint::load::load_bytes("base.yaml", text, &Default::default());
    let doc = loaded.document.unwrap();
    let mut value = doc.value.clone();
    // Keys that need escaping, an empty key and a large mapping.
    let big: serde_json::Map<String, serde_json::Value> = (0..40)
        .map(|i| (format!("k{i}"), serde_json::json!(i)))
        .collect();
    value["odd"] = serde_json::json!({"a/b": 1, "m~n": {"": [true]}, "big": big});
    let mut pointers: Vec<String> = doc.index.pointers();
    pointers.extend(
        [
            "",
            "/",
            "/odd/a~1b",
            "/odd/m~0n",
            "/odd/m~0n/",
            "/odd/m~0n//0",
            "/odd/big/k39",
            "/odd/big/k40",
            "/plans/01",
            "/plans/+0",
            "/plans/0/",
            "/plans/-1",
            "/plans/x",
            "plans",
            "/nothing/at/all",
            "/odd/a~1b/deeper",
        ]
        .map(str::to_string),
    );
    for p in &pointers {
        assert_eq!(
            offer_lint::rules::ctx::pointer_get(&value, p),
            value.pointer(p),
            "{p}"
        );
    }
}
