//! docs/editors.md, tried with the real client: Red Hat's yaml-language-server (the server
//! behind VS Code's YAML extension and Neovim's yamlls) reads the schema `offer-lint schema`
//! exports, named by the manifest's `# yaml-language-server: $schema=` line, and reports a
//! schema error at the line it is on.
//!
//! `.ci/run` installs the server (npm, under `OFFER_LINT_TOOLS`) and sets
//! `OFFER_LINT_REQUIRE_TOOLS=1`, so in CI a missing server fails this test.

use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

fn server() -> Option<PathBuf> {
    let prefix = std::env::var_os("OFFER_LINT_TOOLS")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(std::env::var_os("HOME").unwrap_or_default()).join(".cache/offer-lint-ci")
        });
    let bin = prefix.join("node_modules/.bin/yaml-language-server");
    if bin.exists() {
        return Some(bin);
    }
    if std::env::var_os("OFFER_LINT_REQUIRE_TOOLS").is_some_and(|v| v == "1") {
        panic!("yaml-language-server is not installed, and OFFER_LINT_REQUIRE_TOOLS=1 says it must be: `bash .ci/run` installs it");
    }
    eprintln!("notice: yaml-language-server is not installed; skipped here (`bash .ci/run` installs it; CI never skips it)");
    None
}

fn send(stdin: &mut impl Write, msg: &Value) {
    let body = msg.to_string();
    write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
    stdin.flush().unwrap();
}

/// Reads LSP messages from the server's stdout on a thread, one JSON value each.
fn reader(stdout: impl Read + Send + 'static) -> mpsc::Receiver<Value> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut r = BufReader::new(stdout);
        loop {
            let mut len = 0usize;
            loop {
                let mut line = String::new();
                if r.read_line(&mut line).unwrap_or(0) == 0 {
                    return;
                }
                let line = line.trim_end();
                if line.is_empty() {
                    break;
                }
                if let Some(v) = line.strip_prefix("Content-Length: ") {
                    len = v.parse().unwrap_or(0);
                }
            }
            let mut body = vec![0; len];
            if r.read_exact(&mut body).is_err() {
                return;
            }
            if let Ok(v) = serde_json::from_slice(&body) {
                if tx.send(v).is_err() {
                    return;
                }
            }
        }
    });
    rx
}

#[test]
fn yaml_language_server_reports_schema_errors_from_the_exported_schema() {
    let Some(server) = server() else { return };
    let d = tempfile::tempdir().unwrap();
    let dir = d.path().join("offers/contoso");
    std::fs::create_dir_all(&dir).unwrap();
    // The schema, written as docs/editors.md says.
    let status = assert_cmd::Command::cargo_bin("offer-lint")
        .unwrap()
        .args(["schema", "--output"])
        .arg(d.path().join("offer.schema.json"))
        .output()
        .unwrap();
    assert!(status.status.success(), "{status:?}");
    let example = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/example/offer.yaml"
    ))
    .unwrap();
    let mut lines: Vec<String> = example.lines().map(str::to_string).collect();
    lines[0] = "# yaml-language-server: $schema=../../offer.schema.json".into();
    // A misspelt key under `offer` (the schema allows no unknown key there).
    let at = lines.iter().position(|l| l.starts_with("offer:")).unwrap() + 1;
    lines.insert(at, "  aliass: Contoso".into());
    let text = lines.join("\n") + "\n";
    let path = dir.join("offer.yaml");
    std::fs::write(&path, &text).unwrap();
    let uri = format!("file://{}", path.display());

    let mut child = Command::new(&server)
        .arg("--stdio")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let rx = reader(child.stdout.take().unwrap());
    let settings = json!({"yaml": {"validate": true, "hover": true, "completion": true,
        "schemaStore": {"enable": false}, "schemas": {}}});
    send(
        &mut stdin,
        &json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
        "processId": std::process::id(),
        "rootUri": format!("file://{}", d.path().display()),
        "capabilities": {"workspace": {"configuration": true},
            "textDocument": {"publishDiagnostics": {}}}}}),
    );
    let mut found: Option<Value> = None;
    let mut opened = false;
    while found.is_none() {
        let msg = match rx.recv_timeout(Duration::from_secs(60)) {
            Ok(m) => m,
            Err(_) => break,
        };
        // Requests from the server (configuration, capability registration) get answers.
        if let (Some(id), Some(method)) = (msg.get("id"), msg["method"].as_str()) {
            let result = if method == "workspace/configuration" {
                let n = msg["params"]["items"].as_array().map_or(1, Vec::len);
                Value::Array(vec![settings["yaml"].clone(); n])
            } else {
                Value::Null
            };
            send(
                &mut stdin,
                &json!({"jsonrpc": "2.0", "id": id, "result": result}),
            );
            continue;
        }
        if msg["id"] == 1 && !opened {
            opened = true;
            send(
                &mut stdin,
                &json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}),
            );
            send(
                &mut stdin,
                &json!({"jsonrpc": "2.0", "method": "workspace/didChangeConfiguration",
                "params": {"settings": settings}}),
            );
            send(
                &mut stdin,
                &json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
                "textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}}}),
            );
            continue;
        }
        if msg["method"] == "textDocument/publishDiagnostics"
            && msg["params"]["uri"] == uri
            && msg["params"]["diagnostics"]
                .as_array()
                .is_some_and(|a| !a.is_empty())
        {
            found = Some(msg["params"]["diagnostics"].clone());
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    let diagnostics = found.expect("yaml-language-server published no diagnostics in 60 s");
    let hit = diagnostics
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["message"].as_str().is_some_and(|m| m.contains("aliass")))
        .unwrap_or_else(|| panic!("no diagnostic names `aliass`: {diagnostics}"));
    // LSP lines count from 0; the misspelt key is on line `at + 1` of the file.
    assert_eq!(hit["range"]["start"]["line"], at, "{hit}");
    assert_eq!(hit["range"]["start"]["character"], 2, "{hit}");
}
