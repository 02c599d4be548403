//! The YAML fast path (`src/load/yaml/fast.rs`) against saphyr: on every text the fast path
//! reads, both readers must give the same value, span index, block scalars and errors. The
//! texts: every YAML file of the repository's tests and fixtures, variants of the complete
//! example manifest with one line deleted, re-indented or changed, and the corner cases
//! below. The `yaml_fast` fuzz target runs the same comparison on generated texts.

use std::path::{Path, PathBuf};

use offer_lint::load::yaml::{parse_fast, parse_with_saphyr, Parsed};
use offer_lint::load::ParseLimits;

/// Compares both readers on `text`; true when the fast path read it.
fn same(text: &str, what: &str) -> bool {
    let limits = ParseLimits::default();
    let Some(fast) = parse_fast(text, 0, limits) else {
        return false;
    };
    let saphyr = parse_with_saphyr(text, 0, limits);
    if fast != saphyr {
        panic!(
            "{what}: the fast path and saphyr differ on {text:?}:\n{}",
            difference(&fast, &saphyr)
        );
    }
    true
}

/// The first differences, short enough to read.
fn difference(fast: &Parsed, saphyr: &Parsed) -> String {
    let mut out = Vec::new();
    if fast.errors != saphyr.errors {
        out.push(format!(
            "errors: fast {:?}\n        saphyr {:?}",
            fast.errors, saphyr.errors
        ));
    }
    match (&fast.document, &saphyr.document) {
        (Some(f), Some(s)) => {
            if f.value != s.value {
                out.push(format!(
                    "value: fast {}\n       saphyr {}",
                    f.value, s.value
                ));
            }
            if f.block_scalars != s.block_scalars {
                out.push(format!(
                    "block scalars: fast {:?}, saphyr {:?}",
                    f.block_scalars, s.block_scalars
                ));
            }
            let mut pointers: Vec<String> = f.index.pointers();
            pointers.extend(s.index.pointers());
            pointers.sort_unstable();
            pointers.dedup();
            for p in &pointers {
                let (a, b) = (f.index.exact(p), s.index.exact(p));
                if a != b {
                    out.push(format!("{p:?}: fast {a:?}, saphyr {b:?}"));
                }
            }
        }
        (f, s) => out.push(format!(
            "document: fast {}, saphyr {}",
            f.is_some(),
            s.is_some()
        )),
    }
    out.truncate(6);
    out.join("\n")
}

/// The files under `dir` whose extension is one of `exts`.
fn files_with(dir: &Path, exts: &[&str], out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).into_iter().flatten() {
        let p = e.unwrap().path();
        if p.is_dir() {
            files_with(&p, exts, out);
        } else if p
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| exts.contains(&e))
        {
            out.push(p);
        }
    }
}

fn yaml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    files_with(dir, &["yaml", "yml"], out);
}

/// Compares both readers on each file: how many the fast path read, and how many were read.
fn read_all(files: &[PathBuf]) -> (usize, usize) {
    let (mut fast, mut all) = (0, 0);
    for f in files {
        let Ok(text) = std::fs::read_to_string(f) else {
            continue;
        };
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        all += 1;
        if same(text, &f.display().to_string()) {
            fast += 1;
        }
    }
    (fast, all)
}

#[test]
fn every_fixture_reads_the_same() {
    let mut files = Vec::new();
    for dir in [
        "tests/rules",
        "fixtures",
        "tests/cmd",
        "fuzz/corpus/pipeline",
    ] {
        if Path::new(dir).is_dir() {
            yaml_files(Path::new(dir), &mut files);
        }
    }
    for dir in ["fuzz/corpus/pipeline", "fuzz/regressions/pipeline"] {
        for e in std::fs::read_dir(dir).into_iter().flatten() {
            files.push(e.unwrap().path());
        }
    }
    let (fast, all) = read_all(&files);
    eprintln!("the fast path read {fast} of {all} files");
    assert!(all > 700, "only {all} files found");
    // Most fixtures are the complete example with one change: the fast path must read most
    // of them, or it has stopped doing its job.
    assert!(
        fast * 10 > all * 8,
        "the fast path read only {fast} of {all} files"
    );
}

#[test]
fn the_manifests_of_the_demo_and_the_benchmark_take_the_fast_path() {
    let mut files = vec![PathBuf::from("tests/rules/base.yaml")];
    yaml_files(Path::new("fixtures/demo"), &mut files);
    files.retain(|f| !f.ends_with(".offer-lint.yaml"));
    assert!(files.len() >= 4);
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        assert!(
            same(&text, &f.display().to_string()),
            "{} is read by saphyr, not the fast path",
            f.display()
        );
    }
}

/// Variants of the complete example: each line deleted, re-indented, commented, cut short.
#[test]
fn variants_of_the_example_read_the_same() {
    let base = std::fs::read_to_string("tests/rules/base.yaml").unwrap();
    let lines: Vec<&str> = base.lines().collect();
    let with = |i: usize, line: &str| {
        let mut v: Vec<&str> = lines.clone();
        v[i] = line;
        v.join("\n") + "\n"
    };
    let (mut n, mut fast) = (0, 0);
    for (i, line) in lines.iter().enumerate() {
        let mut variants = vec![
            // deleted
            lines
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != i)
                .map(|(_, l)| *l)
                .collect::<Vec<_>>()
                .join("\n"),
            with(i, &format!(" {line}")),
            with(i, &format!("  {line}")),
            with(i, line.strip_prefix(' ').unwrap_or(line)),
            with(i, line.strip_prefix("  ").unwrap_or(line)),
            with(i, &format!("{line}  # a comment")),
            with(i, &format!("{line}#no space")),
            with(i, &format!("{line}: x")),
            with(i, &format!("{line}\n{line}")),
            with(i, &line.replacen(": ", ":", 1)),
            with(i, &line.replacen(": ", "  :  ", 1)),
            with(i, &line.replacen(": ", ": \"", 1)),
            with(i, &line.replacen(": ", ": '", 1)),
            with(i, &line.replacen(", ", ",", 1)),
            with(i, &line.replacen(", ", " , ", 1)),
            with(i, &line.replacen('}', " }", 1)),
            with(i, &line.replacen(']', ", ]", 1)),
            with(i, &line.replacen("- ", "-", 1)),
            with(i, &line.replacen("- ", "- - ", 1)),
            with(i, &line.replacen(' ', "é", 1)),
            // cut short, at the end of this line and in its middle
            lines[..=i].join("\n"),
            lines[..i].join("\n") + "\n" + &line[..line.len() / 2],
        ];
        if let Some(p) = line.find(": ") {
            let value = &line[p + 2..];
            for v in [
                "|",
                "|-",
                "|+",
                ">",
                ">-",
                ">+",
                "\"a b\"",
                "'a ''b'''",
                "''",
                "\"\"",
                "[]",
                "{}",
                "~",
                "null",
                "true",
                "1",
                "-1.5",
                "0x1F",
                ".inf",
                "a: b",
                "- x",
            ] {
                variants.push(with(i, &format!("{}{v}", &line[..p + 2])));
            }
            variants.push(with(i, &format!("{}\"{value}\"", &line[..p + 2])));
            variants.push(with(i, &format!("{}\n{value}", &line[..p + 1])));
        }
        for v in &variants {
            fast += usize::from(same(v, &format!("base.yaml, line {}", i + 1)));
            n += 1;
        }
    }
    eprintln!("the fast path read {fast} of {n} variants");
    assert!(n > 2_500, "{n} variants");
    assert!(
        fast * 2 > n,
        "the fast path read only {fast} of {n} variants"
    );
}

#[test]
fn corner_cases_read_the_same() {
    let cases = [
        "a: 1\n",
        "a: 1",
        "a:\n",
        "a:",
        "a:   # c\nb: 2\n",
        "a:\n  # c\nb:\n",
        "a: b\n# tail\n",
        "# head\n\na: b\n\n\n",
        "a:\n  b:\n    c: d\n  e: f\ng: h\n",
        "a:\n- x\n- y\nb: 1\n",
        "a:\n  - x\n  - y\nb: 1\n",
        "a:\n  - k: v\n    l: w\n  - m: n\n",
        "a:\n- - x\n",
        "a:\n  -\n    k: v\n",
        "a:\n  - \n  - x\n",
        "a:\n  - # c\n    k: v\n",
        "a: \"x\"\n",
        "a: \"x\"   # c\nb: 'y'  \n",
        "\"a b\": 1\n'c''d' : 2\n",
        "a: 'it''s'\n",
        "a: \"\\u00e9\"\n",
        "a: \"x\ny\"\n",
        "a: plain\n  continued\n",
        "a: plain # c\n  continued\n",
        "a: x\n  b: y\n",
        "a:\n    b: 1\n  c: 2\n",
        "a: [x, y]\n",
        "a: [x, [y, z], {k: v}]\n",
        "a: [ ]\nb: {}\nc: { }\n",
        "a: [x, ]\n",
        "a: [x]   # c\n",
        "a: [x]#c\n",
        "a: {k: v, \"q\": w, 'r' : s}\n",
        "a: {\"k\":v}\n",
        "a: {k:v}\n",
        "a: {k}\n",
        "a: [k: v]\n",
        "a: [x,\n  y]\n",
        "a: [-x, - y]\n",
        "a: [x -]\n",
        "a: {k: v -}\n",
        "a: [x -, y]\n",
        "a: [x-]\n",
        "a: {k: https://x.example/a?b=c#d}\n",
        "a: https://x.example/a#b\n",
        "a: b#c\n",
        "a: b #c\n",
        "a: |\n  text\n  more\n\nb: x\n",
        "a: |\n  text\n\n  # not a comment\nb: x\n",
        "a: |\n    x\n\n  # mid\n  c: 1\n",
        "a: |-\n  z\n\n   \nb: 1\n",
        "a: |+\n  z\n\n\nb: 1\n",
        "a: |+\n  z\n\n",
        "a: |\n  z",
        "a: |\n\n  z\n",
        "a: |\n",
        "a: |2\n   z\n",
        "a: >\n  a\n  b\n\n  c\nd: 1\n",
        "a: >\n  a\n    b\n  c\n",
        "a: >-\n  a\n  b\n",
        "a: | # c\n  x\n",
        "a: |#c\n  x\n",
        "a:\n  b: |\n    x\n  c: y\n",
        "a:\n  b: |\n   x\n",
        "a:\n- |\n  x\n- y\n",
        "a: &x 1\nb: *x\n",
        "a: !!str 1\n",
        "? a\n: b\n",
        "---\na: 1\n",
        "a: 1\n---\nb: 2\n",
        "a: 1\n...\n",
        "%YAML 1.2\n---\na: 1\n",
        "- a\n- b\n",
        "  a: 1\n",
        "a\n",
        "",
        "# only\n",
        "a: 1\na: 2\n",
        "a: 1\n<<: {b: 2}\n",
        "1: x\n",
        "null: x\n",
        "a: .inf\nb: .nan\n",
        "a: 12\nb: 1.5\nc: true\nd: ~\ne: 0o17\nf: 1e3\n",
        "a: b: c\n",
        "a: - b\n",
        "a:\tb\n",
        "a: b\r\n",
        "a: @b\n",
        "a: `b`\n",
        "a: %b\n",
        "a: -b\nc: :d\ne: ?f\n",
        "a: x\n- y\n",
        "é: ü\nb: \"ß\"\n",
        "a: x y   \nb: z\n",
        "a     : x\n",
        "a:  \n  b: 1\n",
        "a:\n\n\n  b: 1\n",
        "a: 'x'y\n",
        "a: \"x\" y\n",
        "a: [\"x\" , 'y' ]\n",
        "a: {\"x\" : 1 , 'y' : 2 }\n",
        "a:\n  - [x]\n  - {k: v}\n",
        "a:\n  -   b\n",
        "a:\n  -   k: v\n      l: w\n",
    ];
    let mut fast = 0;
    for c in cases {
        if same(c, "corner case") {
            fast += 1;
        }
    }
    eprintln!("the fast path read {fast} of {} corner cases", cases.len());
    assert!(fast > 40, "the fast path read only {fast} corner cases");
}

#[test]
fn deep_and_long_input_is_left_to_saphyr_or_read_the_same() {
    let mut deep = String::new();
    for i in 0..100 {
        deep.push_str(&" ".repeat(i));
        deep.push_str("k:\n");
    }
    same(&deep, "100 levels");
    let flow = format!("a: {}{}\n", "[".repeat(100), "]".repeat(100));
    same(&flow, "100 flow levels");
    for key in [
        "k".repeat(1100),
        format!("'{}'", "k".repeat(1100)),
        format!("\"{}\"", "k".repeat(1100)),
    ] {
        same(&format!("{key}: 1\n"), "a long key");
        same(
            &format!("a: {{{key}: 1}}\n"),
            "a long key in a flow mapping",
        );
    }
    let many = (0..5000).map(|i| format!("k{i}: v\n")).collect::<String>();
    assert!(same(&many, "5,000 keys"));
}

/// Partner Center's documents are JSON, one flow collection over many lines: the fast path
/// reads them too, and reads them as saphyr does.
#[test]
fn every_json_fixture_reads_the_same() {
    let mut files = Vec::new();
    for dir in ["tests/ingestion", "tests/cmd", "fixtures"] {
        files_with(Path::new(dir), &["json"], &mut files);
    }
    let (fast, all) = read_all(&files);
    eprintln!("the fast path read {fast} of {all} JSON files");
    assert!(all > 30, "only {all} JSON files found");
    assert!(
        fast * 10 > all * 8,
        "the fast path read only {fast} of {all} JSON files"
    );
}

#[test]
fn the_resource_tree_of_the_benchmark_takes_the_fast_path() {
    let text = std::fs::read_to_string("tests/ingestion/tree.json").unwrap();
    assert!(same(&text, "tests/ingestion/tree.json"));
    // As serde_json writes it, with two-space and four-space indentation.
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert!(same(
        &serde_json::to_string_pretty(&value).unwrap(),
        "pretty"
    ));
    assert!(same(&serde_json::to_string(&value).unwrap(), "compact"));
}

#[test]
fn json_corner_cases_read_the_same() {
    let cases = [
        "{}",
        "{}\n",
        "[]\n",
        "\n\n{ }\n\n",
        "{\"a\": 1}",
        "{\n  \"a\": 1\n}\n",
        "{\n\"a\": 1\n}\n",
        "{\n  \"a\": \"x\",\n  \"b\": [\n    1,\n    2\n  ]\n}\n",
        "{\n  \"a\": \"x\"\n  ,\"b\": 2\n}\n",
        "{\n  \"a\": {\n    \"b\": {}\n  },\n  \"c\": []\n}\n",
        "[\n  {\"a\": true},\n  {\"b\": null},\n  -1.5e3\n]\n",
        "{\"a\": \"x\"   \n}\n",
        "{\"a\": 1   \n}\n",
        "{\"a\": 1\n\n\n}\n",
        "{\"a\":\n 1}\n",
        "{\"a\"\n: 1}\n",
        "{\"a\": [1,\n2]}\n",
        "{\"a\": [1\n2]}\n",
        "{\"a\": [1,\n]}\n",
        "{\"a\": \"q\\\"uote\"}\n",
        "{\"a\": \"back\\\\slash\"}\n",
        "{\"a\": \"sl\\/ash\"}\n",
        "{\"a\": \"\\n\\t\\r\\b\\f\"}\n",
        "{\"a\": \"\\u00e9\\u20AC\"}\n",
        "{\"a\": \"\\x41\"}\n",
        "{\"a\": \"\\q\"}\n",
        "{\"a\": \"\\u00\"}\n",
        "{\"a\": 1, \"a\": 2}\n",
        "{\"a\": 1}\n# c\n",
        "{\"a\": 1} # c\n",
        "{\"a\": 1}\n---\n",
        "{\"a\": 1}\n...\n",
        "{\"a\":\n---\n1}\n",
        "{\"a\": 1}x\n",
        "{\"a\": 1}\n}\n",
        "{\"a\": 1",
        "{\"a\": 1\n",
        "[\"a\"\n,\"b\"]\n",
        "{\"k\": \"v\"}\n{\"k\": \"v\"}\n",
        "  {\"a\": 1}\n",
        "{\"a\": \"x\ny\"}\n",
        "{\"a\": [\n  {\n    \"b\": \"c\"\n  }\n]}\n",
        "{ \"a\" : 1 , \"b\" : 2 }\n",
        "{\"a\": -}\n",
        "{\"a\": 1.0, \"b\": 1e400, \"c\": 0x1F}\n",
    ];
    // JSON's surrogate pairs: the fast path reads them as JSON means them, where saphyr, for
    // which `\u` is one code point, refuses the document (the one deliberate difference).
    let emoji = "{\"a\": \"\\ud83d\\ude00 \\u00e9\"}\n";
    let read = parse_fast(emoji, 0, ParseLimits::default()).expect("the fast path reads it");
    assert_eq!(
        read.document.unwrap().value,
        serde_json::json!({"a": "\u{1F600} \u{e9}"})
    );
    assert!(parse_with_saphyr(emoji, 0, ParseLimits::default())
        .document
        .is_none());
    // A lone surrogate, high or low, is still left to saphyr (which reports it).
    for lone in [
        "{\"a\": \"\\ud83d\"}\n",
        "{\"a\": \"\\ude00\"}\n",
        "{\"a\": \"\\ud83d\\u0041\"}\n",
    ] {
        assert!(
            parse_fast(lone, 0, ParseLimits::default()).is_none(),
            "{lone}"
        );
    }
    let mut fast = 0;
    for c in cases {
        if same(c, c) {
            fast += 1;
        }
    }
    eprintln!(
        "the fast path read {fast} of {} JSON corner cases",
        cases.len()
    );
    assert!(
        fast > 25,
        "the fast path read only {fast} JSON corner cases"
    );
}
