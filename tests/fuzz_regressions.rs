//! Every input the fuzzers found a crash with (`fuzz/regressions/`), and the seed corpora, run
//! through the same entry points as the fuzz targets: none may panic.

use std::path::Path;

fn each(dir: &str, f: fn(&[u8])) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let mut n = 0;
    for e in entries {
        let p = e.unwrap().path();
        if p.is_file() {
            let bytes = std::fs::read(&p).unwrap();
            let r = std::panic::catch_unwind(|| f(&bytes));
            assert!(r.is_ok(), "{} panics", p.display());
            n += 1;
        }
    }
    n
}

#[test]
fn pipeline_inputs_never_panic() {
    let n = each("fuzz/corpus/pipeline", offer_lint::fuzzing::pipeline)
        + each("fuzz/regressions/pipeline", offer_lint::fuzzing::pipeline);
    assert!(n > 10, "the seed corpus is missing");
}

#[test]
fn config_inputs_never_panic() {
    let n = each("fuzz/corpus/config", offer_lint::fuzzing::config)
        + each("fuzz/regressions/config", offer_lint::fuzzing::config);
    assert!(n >= 2, "the config seed corpus is missing");
    assert!(Path::new("fuzz/Cargo.toml").exists());
}

#[test]
fn yaml_fast_path_inputs_read_the_same_as_saphyr() {
    // The pipeline corpus seeds the yaml_fast target too.
    let n = each("fuzz/corpus/pipeline", offer_lint::fuzzing::yaml_fast)
        + each("fuzz/regressions/yaml_fast", offer_lint::fuzzing::yaml_fast);
    assert!(n > 10, "the seed corpus is missing");
}
