//! No value from a manifest, a file name or the environment can drive what reads the
//! output: the GitHub runner's workflow commands, a terminal's escape sequences, a Markdown
//! link or image in the job summary.

use std::path::Path;

/// Values that try each reader, each where a finding quotes it: a v1 workflow command
/// (`##[...]`, acted on anywhere in a line) and a v2 one on a line of its own; a terminal
/// that is cleared and given a hyperlink; Markdown that links and loads an image.
const HOSTILE: [(&str, &str); 3] = [
    (
        "  id: contoso-hardened-ubuntu",
        "  id: \"##[add-mask]h \\n::error title=pwned::forged\\n \\e[2J\"",
    ),
    (
        "  privacyPolicyLink: https://contoso.example/privacy",
        "  privacyPolicyLink: \"[c](https://evil.example/a) ![i](https://evil.example/p.png)\"",
    ),
    (
        "  - id: hardened-2204-gen2",
        "  - id: \"\\e]8;;https://evil.example\\e\\\\L\\e]8;;\\e\\\\ \\x9b31m\"",
    ),
];

fn hostile_repo() -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    let mut text = std::fs::read_to_string("tests/rules/base.yaml").unwrap();
    for (from, to) in HOSTILE {
        assert!(text.contains(from), "{from}");
        text = text.replacen(from, to, 1);
    }
    // A folder whose name breaks a line and starts a command, and one with an escape.
    for folder in [
        "offers/a\n::warning::from a file name",
        "offers/b\u{1b}[31m",
    ] {
        let dir = d.path().join(folder);
        std::fs::create_dir_all(dir.join("assets")).unwrap();
        for e in std::fs::read_dir("tests/rules/assets").unwrap() {
            let e = e.unwrap();
            std::fs::copy(e.path(), dir.join("assets").join(e.file_name())).unwrap();
        }
        std::fs::write(dir.join("offer.yaml"), &text).unwrap();
    }
    // A raw escape in the file itself: a syntax error whose snippet shows the line.
    let raw = d.path().join("offers/raw/offer.yaml");
    std::fs::create_dir_all(raw.parent().unwrap()).unwrap();
    std::fs::write(
        raw,
        "apiVersion: offer-lint/v1\nkind: \u{1b}[2J\u{1b}]8;;x\u{7}\n",
    )
    .unwrap();
    d
}

fn run(dir: &Path, args: &[&str]) -> (String, String) {
    let out = crate::bin()
        .current_dir(dir)
        .env("GITHUB_ACTIONS", "true")
        .args(["check", "--color", "never"])
        .args(args)
        .output()
        .unwrap();
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// What the runner would act on in `log`, as it reads it: the workflow commands outside
/// `::stop-commands::<token>` ... `::<token>::`.
fn commands(log: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut stopped: Option<String> = None;
    for line in log.lines() {
        let l = line.trim_start();
        if let Some(token) = &stopped {
            if l == format!("::{token}::") {
                stopped = None;
            }
            continue;
        }
        if let Some(token) = l.strip_prefix("::stop-commands::") {
            stopped = Some(token.to_string());
            continue;
        }
        if l.starts_with("::") {
            out.push(l.to_string());
        }
        if let Some(i) = l.find("##[") {
            out.push(l[i..].to_string());
        }
    }
    out
}

/// Before: the human report printed `##[add-mask]...` as it stood, and the runner acts on
/// a `##[` command anywhere in a line.
#[test]
fn github_mode_runs_no_command_from_the_checkout() {
    let d = hostile_repo();
    let (_, json) = {
        let out = crate::bin()
            .current_dir(d.path())
            .args(["check", "--format", "json"])
            .output()
            .unwrap();
        ((), String::from_utf8_lossy(&out.stdout).into_owned())
    };
    let findings = serde_json::from_str::<serde_json::Value>(&json).unwrap()["diagnostics"]
        .as_array()
        .unwrap()
        .len();
    for format in [
        "human", "json", "sarif", "github", "junit", "gitlab", "markdown",
    ] {
        let (stdout, stderr) = run(d.path(), &["--format", format, "--baseline", "nowhere"]);
        let log = format!("{stdout}\n{stderr}");
        let (stdout, stderr) = run(d.path(), &["--format", format]);
        let cmds = commands(&format!("{log}{stdout}\n{stderr}"));
        let ours = cmds
            .iter()
            .filter(|c| {
                (c.starts_with("::error ")
                    || c.starts_with("::warning ")
                    || c.starts_with("::notice "))
                    && c.contains(",title=offer-lint (")
            })
            .count();
        assert_eq!(
            (ours, cmds.len()),
            (findings, findings),
            "{format}: commands the runner would run:\n{cmds:#?}"
        );
        if format != "human" && format != "github" {
            // The documents are still documents.
            if ["json", "sarif", "gitlab"].contains(&format) {
                serde_json::from_str::<serde_json::Value>(&stdout).unwrap();
            }
        }
    }
}

/// Before: an escape sequence in a value reached the terminal as it stood.
#[test]
fn terminal_sequences_are_shown_escaped() {
    let d = hostile_repo();
    for color in ["never", "always"] {
        let out = crate::bin()
            .current_dir(d.path())
            .args(["check", "--color", color, "."])
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        // (miette colours with `\e[31m` itself: the file name's is looked for as written.)
        for raw in ["\u{1b}[2J", "\u{1b}]8;;", "b\u{1b}[31m", "\u{9b}", "\u{7}"] {
            assert!(!text.contains(raw), "{color}: {raw:?} reached the terminal");
        }
        assert!(
            text.contains("\\u{1b}[2J"),
            "{color}: shown escaped:\n{text}"
        );
    }
    let out = crate::bin()
        .current_dir(d.path())
        .args(["timeline", "."])
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&out.stdout).contains('\u{1b}'));
}

/// Before: `[click](...)` and `![img](...)` in a finding rendered in the job summary.
#[test]
fn the_job_summary_renders_no_link_or_image_from_the_checkout() {
    use pulldown_cmark::{Event, Options, Parser, Tag};
    let d = hostile_repo();
    let summary = d.path().join("summary.md");
    let out = crate::bin()
        .current_dir(d.path())
        .env("GITHUB_ACTIONS", "true")
        .env("GITHUB_STEP_SUMMARY", &summary)
        .args(["check", "."])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let md = std::fs::read_to_string(&summary).unwrap();
    assert!(md.contains("evil.example"), "the finding is there: {md}");
    let mut links = Vec::new();
    for event in Parser::new_ext(&md, Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::Link { dest_url, .. })
            | Event::Start(Tag::Image { dest_url, .. }) => links.push(dest_url.to_string()),
            Event::Html(h) | Event::InlineHtml(h) => {
                let h = h.to_string();
                assert!(
                    ["<br>", "<sub>", "</sub>"].contains(&h.as_str()),
                    "HTML from the checkout: {h}"
                );
            }
            _ => {}
        }
    }
    assert!(links.is_empty(), "links and images that render: {links:?}");
    assert!(!md.contains('\u{1b}'));
    // No bare URL of the checkout outside a code span either (GitHub links those).
    for line in md.lines() {
        let outside: String = line.split('`').step_by(2).collect();
        assert!(!outside.contains("https://evil"), "{line}");
    }
}
