//! The action's install script (`action/install.sh`), run by bash as the runner would, against
//! a release served from 127.0.0.1: the archive for the runner's OS and architecture is picked,
//! its SHA-256 is checked against the release's checksum file, a wrong checksum is refused, and
//! a missing release or a branch ref falls back to a build from source.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex};

const VERSION: &str = "0.1.0";
const TARGETS: [&str; 5] = [
    "x86_64-unknown-linux-musl",
    "aarch64-unknown-linux-musl",
    "x86_64-apple-darwin",
    "aarch64-apple-darwin",
    "x86_64-pc-windows-msvc",
];

fn project() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A static file server on 127.0.0.1 that records every path asked for.
struct Server {
    url: String,
    asked: Arc<Mutex<Vec<String>>>,
}

fn serve(root: PathBuf) -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let asked = Arc::new(Mutex::new(Vec::new()));
    let log = asked.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut line = String::new();
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            if reader.read_line(&mut line).is_err() {
                continue;
            }
            // The rest of the request head.
            loop {
                let mut header = String::new();
                if reader.read_line(&mut header).unwrap_or(0) == 0 || header == "\r\n" {
                    break;
                }
            }
            let path = line.split(' ').nth(1).unwrap_or("/").to_string();
            log.lock().unwrap().push(path.clone());
            let file = root.join(path.trim_start_matches('/'));
            let (status, body) = match std::fs::read(&file) {
                Ok(body) if !path.contains("..") => ("200 OK", body),
                _ => ("404 Not Found", b"not found".to_vec()),
            };
            let head = format!(
                "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(&body);
        }
    });
    Server { url, asked }
}

fn sha256(file: &Path) -> String {
    let out = Command::new("sha256sum").arg(file).output().unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()[..64].to_string()
}

/// A release as the release workflow publishes it: per target an archive holding
/// `offer-lint-<version>-<target>/offer-lint[.exe]` (here a script that names its target), and
/// one checksum file.
fn release(root: &Path) {
    let dir = root.join(format!("v{VERSION}"));
    std::fs::create_dir_all(&dir).unwrap();
    let mut sums = String::new();
    for target in TARGETS {
        let name = format!("offer-lint-{VERSION}-{target}");
        let stage = root.join("stage").join(&name);
        std::fs::create_dir_all(&stage).unwrap();
        let windows = target.contains("windows");
        let exe = if windows {
            "offer-lint.exe"
        } else {
            "offer-lint"
        };
        std::fs::write(
            stage.join(exe),
            format!("#!/bin/sh\necho \"offer-lint {VERSION} {target}\"\n"),
        )
        .unwrap();
        let archive = if windows {
            format!("{name}.zip")
        } else {
            format!("{name}.tar.gz")
        };
        let mut cmd = if windows {
            let mut c = Command::new("zip");
            c.args(["-q", "-r"]).arg(dir.join(&archive)).arg(&name);
            c
        } else {
            std::fs::set_permissions(
                stage.join(exe),
                std::os::unix::fs::PermissionsExt::from_mode(0o755),
            )
            .unwrap();
            let mut c = Command::new("tar");
            c.arg("-czf").arg(dir.join(&archive)).arg(&name);
            c
        };
        assert!(cmd
            .current_dir(root.join("stage"))
            .status()
            .unwrap()
            .success());
        sums.push_str(&format!("{}  {archive}\n", sha256(&dir.join(&archive))));
    }
    std::fs::write(
        dir.join(format!("offer-lint-{VERSION}-sha256sums.txt")),
        sums,
    )
    .unwrap();
}

struct Run {
    ok: bool,
    log: String,
    outputs: String,
    path: String,
}

fn install(server: &Server, runner: &Path, env: &[(&str, &str)]) -> Run {
    let script = project().join("action/install.sh");
    run_in_runner(&[script.as_os_str()], server, runner, env)
}

/// bash with `args`, in a runner's environment (the install script's inputs set as the
/// action sets them, then `env`).
fn run_in_runner(
    args: &[&std::ffi::OsStr],
    server: &Server,
    runner: &Path,
    env: &[(&str, &str)],
) -> Run {
    let outputs = runner.join("github_output");
    let path = runner.join("github_path");
    std::fs::write(&outputs, "").unwrap();
    std::fs::write(&path, "").unwrap();
    let mut cmd = Command::new("bash");
    cmd.args(args)
        .current_dir(runner)
        .env("RELEASES", &server.url)
        .env("RUNNER_TOOL_CACHE", runner.join("tool-cache"))
        .env("RUNNER_TEMP", runner)
        .env("GITHUB_OUTPUT", &outputs)
        .env("GITHUB_PATH", &path)
        .env("ACTION_PATH", project())
        .env("PINNED_TOOLCHAIN", "1.95.0")
        .env("HOME", runner)
        .env("RUNNER_OS", "Linux")
        .env("RUNNER_ARCH", "X64")
        .env("ACTION_REF", format!("v{VERSION}"))
        .env("VERSION", "");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("bash runs");
    Run {
        ok: out.status.success(),
        log: format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
        outputs: std::fs::read_to_string(&outputs).unwrap(),
        path: std::fs::read_to_string(&path).unwrap(),
    }
}

/// What the installed `offer-lint` says it is.
fn installed(run: &Run, exe: &str) -> String {
    let dir = run.path.trim();
    assert!(
        !dir.is_empty(),
        "GITHUB_PATH names the install:\n{}",
        run.log
    );
    let out = Command::new("sh")
        .arg(Path::new(dir).join(exe))
        .output()
        .unwrap();
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

fn setup() -> (tempfile::TempDir, Server) {
    let dir = tempfile::tempdir().unwrap();
    let releases = dir.path().join("releases");
    release(&releases);
    let server = serve(releases);
    std::fs::create_dir(dir.path().join("runner")).unwrap();
    (dir, server)
}

#[test]
fn the_archive_of_the_runners_os_and_architecture_is_installed_and_verified() {
    let (dir, server) = setup();
    let cases = [
        ("Linux", "X64", "x86_64-unknown-linux-musl", "offer-lint"),
        ("Linux", "ARM64", "aarch64-unknown-linux-musl", "offer-lint"),
        ("macOS", "X64", "x86_64-apple-darwin", "offer-lint"),
        ("macOS", "ARM64", "aarch64-apple-darwin", "offer-lint"),
        ("Windows", "X64", "x86_64-pc-windows-msvc", "offer-lint.exe"),
    ];
    for (os, arch, target, exe) in cases {
        let runner = dir.path().join("runner").join(format!("{os}-{arch}"));
        std::fs::create_dir_all(&runner).unwrap();
        let run = install(
            &server,
            &runner,
            &[("RUNNER_OS", os), ("RUNNER_ARCH", arch)],
        );
        assert!(run.ok, "{os}/{arch}:\n{}", run.log);
        assert!(run.outputs.contains("source=release"), "{}", run.outputs);
        assert!(
            run.log.contains("SHA-256") && run.log.contains("verified"),
            "{}",
            run.log
        );
        assert_eq!(
            installed(&run, exe),
            format!("offer-lint {VERSION} {target}")
        );
    }
    // A `version` input wins over the ref, with or without its `v`.
    let runner = dir.path().join("runner/version-input");
    std::fs::create_dir_all(&runner).unwrap();
    let run = install(
        &server,
        &runner,
        &[("VERSION", "v0.1.0"), ("ACTION_REF", "main")],
    );
    assert!(
        run.ok && run.outputs.contains("source=release"),
        "{}",
        run.log
    );
}

#[test]
fn a_second_run_takes_the_tool_cache_without_a_download() {
    let (dir, server) = setup();
    let runner = dir.path().join("runner");
    assert!(install(&server, &runner, &[]).ok);
    let asked = server.asked.lock().unwrap().len();
    assert_eq!(asked, 2, "the checksum file and the archive");
    let run = install(&server, &runner, &[]);
    assert!(
        run.ok && run.log.contains("from the tool cache"),
        "{}",
        run.log
    );
    assert_eq!(
        server.asked.lock().unwrap().len(),
        asked,
        "nothing downloaded"
    );
    assert_eq!(
        installed(&run, "offer-lint"),
        format!("offer-lint {VERSION} x86_64-unknown-linux-musl")
    );
}

#[test]
fn a_wrong_checksum_is_refused_and_nothing_is_installed() {
    let (dir, server) = setup();
    let archive = dir.path().join(format!(
        "releases/v{VERSION}/offer-lint-{VERSION}-x86_64-unknown-linux-musl.tar.gz"
    ));
    // The archive changed after its checksum was published (a tampered mirror).
    let mut bytes = std::fs::read(&archive).unwrap();
    bytes.extend_from_slice(b"tampered");
    std::fs::write(&archive, bytes).unwrap();
    let runner = dir.path().join("runner");
    let run = install(&server, &runner, &[]);
    assert!(!run.ok, "refused:\n{}", run.log);
    assert!(
        run.log.contains("::error title=offer-lint::the SHA-256 of"),
        "{}",
        run.log
    );
    assert!(run.path.is_empty(), "nothing on PATH: {}", run.path);
    assert!(
        !run.outputs.contains("source="),
        "no build either: {}",
        run.outputs
    );
    assert!(!runner
        .join("tool-cache/offer-lint")
        .join(VERSION)
        .join("X64.complete")
        .exists());

    // A checksum file that does not list the archive is refused the same way.
    let sums = dir.path().join(format!(
        "releases/v{VERSION}/offer-lint-{VERSION}-sha256sums.txt"
    ));
    std::fs::write(&sums, "0000  offer-lint-0.1.0-other.tar.gz\n").unwrap();
    let run = install(&server, &runner, &[]);
    assert!(!run.ok && run.log.contains("does not list"), "{}", run.log);
    assert!(run.path.is_empty());
}

#[test]
fn without_a_release_the_action_builds_from_source_with_a_content_key() {
    let (dir, server) = setup();
    let runner = dir.path().join("runner");
    let key = |run: &Run| {
        run.outputs
            .lines()
            .find_map(|l| l.strip_prefix("key="))
            .unwrap_or_default()
            .to_string()
    };
    // A version that was never released: the download fails, the build is next.
    let run = install(&server, &runner, &[("VERSION", "9.9.9")]);
    assert!(run.ok, "{}", run.log);
    assert!(run.outputs.contains("source=build"), "{}", run.outputs);
    assert!(run.outputs.contains("toolchain=1.95.0"), "{}", run.outputs);
    assert!(run.path.is_empty());
    let released_key = key(&run);
    assert!(
        released_key.starts_with("offer-lint-src-Linux-X64-rustc-1.95.0-"),
        "{released_key}"
    );

    // A branch or a commit: no download is tried.
    let before = server.asked.lock().unwrap().len();
    for env in [
        vec![("ACTION_REF", "main")],
        vec![("ACTION_REF", "4e61198a0b1c")],
        vec![("VERSION", "source")],
        vec![("RUNNER_OS", "Linux"), ("RUNNER_ARCH", "ARM")],
    ] {
        let run = install(&server, &runner, &env);
        assert!(
            run.ok && run.outputs.contains("source=build"),
            "{env:?}: {}",
            run.log
        );
        let tree = |k: &str| k.rsplit('-').next().unwrap().to_string();
        assert_eq!(
            tree(&key(&run)),
            tree(&released_key),
            "the same source, the same key"
        );
    }
    assert_eq!(server.asked.lock().unwrap().len(), before);

    // The key follows the content of the action's source, not its file times.
    let copy = dir.path().join("action-copy");
    let source = |run: &Path| -> String {
        let path = copy.to_str().unwrap();
        key(&install(
            &server,
            run,
            &[("VERSION", "source"), ("ACTION_PATH", path)],
        ))
    };
    std::fs::create_dir_all(&copy).unwrap();
    std::fs::write(copy.join("action.yml"), "name: one\n").unwrap();
    let first = source(&runner);
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(copy.join("action.yml"), "name: one\n").unwrap();
    let touched = source(&runner);
    assert_eq!(
        first, touched,
        "rewriting a file with the same content keeps the key"
    );
    std::fs::write(copy.join("action.yml"), "name: two\n").unwrap();
    let changed = source(&runner);
    assert_ne!(first, changed, "a changed file changes the key");
    std::fs::create_dir_all(copy.join("target/release")).unwrap();
    std::fs::write(copy.join("target/release/offer-lint"), "built").unwrap();
    let built = source(&runner);
    assert_eq!(changed, built, "build output is not source");
}

#[test]
fn a_version_that_is_not_a_version_is_refused() {
    let (dir, server) = setup();
    let runner = dir.path().join("runner");
    for bad in ["../../evil", "0.1.0/../../x", "latest", "1.2", "0.1.0 ; id"] {
        let run = install(&server, &runner, &[("VERSION", bad)]);
        assert!(!run.ok, "{bad}: {}", run.log);
        assert!(run.log.contains("is not a version"), "{bad}: {}", run.log);
    }
    assert!(server.asked.lock().unwrap().is_empty());
}

/// The install step of action.yml, as the runner runs it: its `run`, with the step's `env`
/// (the expressions replaced by what GitHub would put there), installs the release; the cache
/// and build steps run only when it says `source=build`, with the toolchain it names.
#[test]
fn action_yml_runs_the_install_script_and_builds_only_when_told() {
    let text = std::fs::read(project().join("action.yml")).unwrap();
    let loaded = offer_lint::load::load_bytes("action.yml", text, &Default::default());
    let action = loaded.document.expect("action.yml parses").value;
    let steps = action["runs"]["steps"].as_array().unwrap();
    let install = steps.iter().find(|s| s["id"] == "install").unwrap();
    let env = install["env"].as_object().unwrap();
    assert_eq!(env["VERSION"], "${{ inputs.version }}");
    assert_eq!(env["ACTION_REF"], "${{ github.action_ref }}");
    assert_eq!(env["ACTION_PATH"], "${{ github.action_path }}");
    assert!(action["inputs"]["version"]["default"] == "");
    let (dir, server) = setup();
    let runner = dir.path().join("runner");
    let script = install["run"].as_str().unwrap();
    let pinned = env["PINNED_TOOLCHAIN"].as_str().unwrap();
    let action_path = project().to_str().unwrap();
    let args = ["--noprofile", "--norc", "-eo", "pipefail", "-c", script].map(std::ffi::OsStr::new);
    let env = [
        ("GITHUB_ACTION_PATH", action_path),
        ("PINNED_TOOLCHAIN", pinned),
        ("RUNNER_ARCH", "ARM64"),
    ];
    let run = run_in_runner(&args, &server, &runner, &env);
    assert!(run.ok, "{}", run.log);
    assert_eq!(run.outputs.trim(), "source=release");
    assert_eq!(
        installed(&run, "offer-lint"),
        format!("offer-lint {VERSION} aarch64-unknown-linux-musl")
    );
    for name in [
        "Cache the offer-lint build",
        "Build offer-lint from the action's source",
    ] {
        let step = steps.iter().find(|s| s["name"] == name).unwrap();
        assert_eq!(
            step["if"], "steps.install.outputs.source == 'build'",
            "{name}"
        );
    }
}
