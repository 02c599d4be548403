//! `offer-lint image-facts`: the facts measured on fake image roots built here (files only, no
//! root needed), the block they print linted as part of a manifest, the links of a hostile
//! image kept inside it, and both ways run once on this machine's own root.

#![cfg(unix)]

use std::fs;
use std::os::unix::fs::symlink;
use std::path::Path;
use std::process::Command as Std;

use assert_cmd::Command;
use serde_json::Value;

fn write(root: &Path, path: &str, content: impl AsRef<[u8]>) {
    let p = root.join(path.trim_start_matches('/'));
    fs::create_dir_all(p.parent().unwrap()).unwrap();
    fs::write(p, content).unwrap();
}

fn link(root: &Path, path: &str, target: &str) {
    let p = root.join(path.trim_start_matches('/'));
    fs::create_dir_all(p.parent().unwrap()).unwrap();
    symlink(target, p).unwrap();
}

/// An ELF header whose machine is `machine` (0x3e x86_64, 0xb7 aarch64).
fn elf(machine: u8) -> Vec<u8> {
    let mut b = vec![0u8; 64];
    b[..4].copy_from_slice(b"\x7fELF");
    b[4] = 2; // 64-bit
    b[5] = 1; // little endian
    b[18] = machine;
    b
}

/// A root that passes every check: the image as Microsoft wants it.
fn clean(root: &Path) {
    write(root, "/bin/sh", elf(0x3e));
    write(
        root,
        "/etc/passwd",
        "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n",
    );
    write(
        root,
        "/etc/shadow",
        "root:*:19000:0:99999:7:::\ndaemon:!:19000:0:99999:7:::\n",
    );
    write(
        root,
        "/usr/lib/python3/dist-packages/azurelinuxagent/common/version.py",
        "AGENT_NAME = 'WALinuxAgent'\nAGENT_VERSION = '2.9.1.1'\n",
    );
    write(
        root,
        "/etc/waagent.conf",
        "Provisioning.Agent=auto\nAutoUpdate.Enabled=y\n",
    );
    write(root, "/lib/systemd/system/walinuxagent.service", "[Unit]\n");
    link(
        root,
        "/etc/systemd/system/multi-user.target.wants/walinuxagent.service",
        "/lib/systemd/system/walinuxagent.service",
    );
    write(
        root,
        "/etc/default/grub",
        "GRUB_TIMEOUT=0\nGRUB_CMDLINE_LINUX=\"console=ttyS0 earlyprintk=ttyS0 rootdelay=300\"\n",
    );
    write(
        root,
        "/etc/fstab",
        "# <file system> <mount point> <type>\nUUID=1234 / ext4 defaults 0 1\nUUID=abcd /boot/efi vfat umask=0077 0 1\n",
    );
    let mut lib = b"\x7fELF....".to_vec();
    lib.extend_from_slice(b"\0OpenSSL 3.0.2 15 Mar 2022\0");
    write(root, "/usr/lib/x86_64-linux-gnu/libcrypto.so.3", lib);
    write(root, "/usr/bin/python3.10", "");
    link(root, "/usr/bin/python3", "python3.10");
    write(
        root,
        "/etc/ssh/sshd_config",
        "Include /etc/ssh/sshd_config.d/*.conf\nPermitRootLogin no\nClientAliveInterval 120\n",
    );
    // The first value sshd reads wins: the included file's.
    write(
        root,
        "/etc/ssh/sshd_config.d/50-cloudimg-settings.conf",
        "ClientAliveInterval 180\n",
    );
    write(root, "/root/.bash_history", "");
    write(
        root,
        "/root/.ssh/authorized_keys",
        "no-port-forwarding,command=\"echo 'Please login as the user \\\"azureuser\\\" rather than the user \\\"root\\\".';echo;sleep 10;exit 142\" ssh-rsa AAAA\n",
    );
}

/// The clean root with every fact failing.
fn failing(root: &Path) {
    clean(root);
    write(
        root,
        "/etc/passwd",
        "root:x:0:0:root:/root:/bin/bash\nbuilder:x:1000:1000::/home/builder:/bin/zsh\n",
    );
    write(
        root,
        "/etc/shadow",
        "root:*:19000:0:99999:7:::\nbuilder:$6$salt$hash:19000:0:99999:7:::\n",
    );
    write(
        root,
        "/usr/lib/python3/dist-packages/azurelinuxagent/common/version.py",
        "AGENT_VERSION = '2.2.45'\n",
    );
    write(root, "/etc/waagent.conf", "AutoUpdate.Enabled=n\n");
    fs::remove_file(root.join("etc/systemd/system/multi-user.target.wants/walinuxagent.service"))
        .unwrap();
    write(
        root,
        "/etc/default/grub",
        "GRUB_CMDLINE_LINUX=\"quiet splash\"\n",
    );
    write(
        root,
        "/etc/fstab",
        "UUID=1234 / ext4 defaults 0 1\nUUID=5678 none swap sw 0 0\n",
    );
    write(
        root,
        "/usr/lib/x86_64-linux-gnu/libcrypto.so.1.1",
        b"\0OpenSSL 1.1.0l  10 Sep 2019\0",
    );
    fs::remove_file(root.join("usr/lib/x86_64-linux-gnu/libcrypto.so.3")).unwrap();
    fs::remove_file(root.join("usr/bin/python3")).unwrap();
    link(root, "/usr/bin/python3", "python3.8");
    write(
        root,
        "/etc/ssh/sshd_config.d/50-cloudimg-settings.conf",
        "# none\n",
    );
    write(root, "/etc/ssh/sshd_config", "PermitRootLogin no\n");
    write(root, "/home/builder/.zsh_history", "x");
    write(
        root,
        "/home/builder/.ssh/authorized_keys",
        "ssh-ed25519 AAAAC3Nza builder@laptop\n",
    );
    write(
        root,
        "/var/lib/dpkg/status",
        "Package: bash\nVersion: 5.1\n\nPackage: omi\nStatus: install ok installed\nVersion: 1.6.8-0\n",
    );
}

fn image_facts(root: &Path) -> String {
    let out = Command::cargo_bin("offer-lint")
        .unwrap()
        .args(["image-facts", "--root"])
        .arg(root)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The printed block as a JSON value.
fn parse(block: &str) -> Value {
    let loaded = offer_lint::load::load_bytes(
        "facts.yaml",
        block.as_bytes().to_vec(),
        &offer_lint::load::Limits::default(),
    );
    assert!(loaded.errors.is_empty(), "not YAML:\n{block}");
    loaded.document.unwrap().value
}

/// The rule manifest with its image's `certification` block replaced by `block`, linted:
/// (rule, severity, pointer) of the certification findings.
fn lint_with(block: &str) -> Vec<(String, String, String)> {
    let base = fs::read_to_string("tests/rules/base.yaml").unwrap();
    let mut out = String::new();
    let mut skipping = false;
    for line in base.lines() {
        if line.starts_with("              certification:") {
            skipping = true;
            for b in block.lines().filter(|l| !l.starts_with('#')) {
                out.push_str("              ");
                out.push_str(b);
                out.push('\n');
            }
            continue;
        }
        // The old block: everything indented deeper than `certification:`.
        if skipping && line.starts_with("                ") {
            continue;
        }
        skipping = false;
        out.push_str(line);
        out.push('\n');
    }
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("offer.yaml"), out).unwrap();
    let res = Command::cargo_bin("offer-lint")
        .unwrap()
        .current_dir(dir.path())
        .args(["check", "offer.yaml", "--format", "json"])
        .env("HARDENED_2204_OS_VHD_SAS", "unused")
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&res.stdout).unwrap();
    let mut got: Vec<(String, String, String)> = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"].as_str().unwrap().starts_with("cert-"))
        .map(|d| {
            let p = d["pointer"].as_str().unwrap();
            (
                d["rule"].as_str().unwrap().to_string(),
                d["severity"].as_str().unwrap().to_string(),
                p.rsplit("/certification/").next().unwrap().to_string(),
            )
        })
        .collect();
    got.sort();
    got
}

#[test]
fn a_clean_image_measures_clean_and_its_block_lints_clean() {
    let dir = tempfile::tempdir().unwrap();
    clean(dir.path());
    let block = image_facts(dir.path());
    let v = parse(&block);
    let c = &v["certification"];
    assert_eq!(c["architecture"], "x86_64");
    let l = &c["linux"];
    assert_eq!(l["agentVersion"], "2.9.1.1", "{block}");
    assert_eq!(l["agentAutoUpdate"], true);
    assert_eq!(l["agentEnabled"], true);
    assert_eq!(
        l["kernelCommandLine"],
        "console=ttyS0 earlyprintk=ttyS0 rootdelay=300"
    );
    assert_eq!(l["swapOnOsDisk"], false);
    assert_eq!(l["rootPartitionsOnOsDisk"], 1);
    assert_eq!(l["opensslVersion"], "3.0.2");
    assert_eq!(l["pythonVersion"], "3.10");
    assert_eq!(l["clientAliveInterval"], 180, "the first value sshd reads");
    assert_eq!(l["bashHistoryBytes"], 0);
    assert_eq!(l["passwordUsers"], serde_json::json!([]));
    assert_eq!(
        l["authorizedKeysUsers"],
        serde_json::json!([]),
        "the cloud images' stub is not a key"
    );
    assert_eq!(l["omiVersion"], Value::Null);
    // Each fact says where it came from.
    assert!(
        block.contains(
            "clientAliveInterval: 180  # /etc/ssh/sshd_config.d/50-cloudimg-settings.conf"
        ),
        "{block}"
    );
    assert_eq!(lint_with(&block), [], "{block}");
}

#[test]
fn a_failing_image_measures_each_failing_fact_and_its_block_fails_each_rule() {
    let dir = tempfile::tempdir().unwrap();
    failing(dir.path());
    let block = image_facts(dir.path());
    let l = parse(&block)["certification"]["linux"].clone();
    assert_eq!(l["agentVersion"], "2.2.45", "{block}");
    assert_eq!(l["agentAutoUpdate"], false);
    assert_eq!(l["agentEnabled"], false);
    assert_eq!(l["kernelCommandLine"], "quiet splash");
    assert_eq!(l["swapOnOsDisk"], true);
    assert_eq!(l["opensslVersion"], "1.1.0l");
    assert_eq!(l["pythonVersion"], "3.8");
    assert_eq!(l["clientAliveInterval"], 0, "sshd's default when unset");
    assert_eq!(l["bashHistoryBytes"], 1, "a one-byte zsh history");
    assert_eq!(l["passwordUsers"], serde_json::json!(["builder"]));
    assert_eq!(l["authorizedKeysUsers"], serde_json::json!(["builder"]));
    assert_eq!(l["omiVersion"], "1.6.8-0");
    let e = |rule: &str, sev: &str, at: &str| (rule.to_string(), sev.to_string(), at.to_string());
    assert_eq!(
        lint_with(&block),
        [
            e("cert-linux-agent", "error", "linux/agentEnabled"),
            e("cert-linux-agent", "error", "linux/agentVersion"),
            e("cert-linux-bash-history", "error", "linux/bashHistoryBytes"),
            e(
                "cert-linux-client-alive",
                "error",
                "linux/clientAliveInterval"
            ),
            e(
                "cert-linux-kernel-params",
                "error",
                "linux/kernelCommandLine"
            ),
            e("cert-linux-omi", "error", "linux/omiVersion"),
            e("cert-linux-openssl", "error", "linux/opensslVersion"),
            e("cert-linux-python", "error", "linux/pythonVersion"),
            e("cert-linux-swap", "error", "linux/swapOnOsDisk"),
            e("cert-linux-users", "error", "linux/authorizedKeysUsers/0"),
            e("cert-linux-users", "error", "linux/passwordUsers/0"),
        ],
        "{block}"
    );
}

#[test]
fn an_arm64_image_and_boot_loader_entries() {
    let dir = tempfile::tempdir().unwrap();
    clean(dir.path());
    write(dir.path(), "/bin/sh", elf(0xb7));
    write(
        dir.path(),
        "/boot/loader/entries/abc-5.14.conf",
        "title Linux\nlinux /vmlinuz-5.14\noptions root=UUID=1234 ro console=ttyAMA0 rootdelay=300\n",
    );
    let v = parse(&image_facts(dir.path()));
    assert_eq!(v["certification"]["architecture"], "arm64");
    assert_eq!(
        v["certification"]["linux"]["kernelCommandLine"],
        "root=UUID=1234 ro console=ttyAMA0 rootdelay=300",
        "a Boot Loader Specification entry wins over /etc/default/grub"
    );
}

/// A hostile image: links that climb out of the root or name the host's absolute paths, a
/// home outside it, control characters in its files. Nothing of the host is read or printed,
/// and what the image says comes out quoted.
#[test]
fn an_image_cannot_make_it_read_the_host_or_break_the_block() {
    let host = tempfile::tempdir().unwrap();
    let secret = host.path().join("host-sshd_config");
    fs::write(&secret, "ClientAliveInterval 77\n").unwrap();
    let shadow = host.path().join("host-shadow");
    fs::write(&shadow, "hostadmin:$6$host$secret:1::::::\n").unwrap();
    let root = host.path().join("image");
    clean(&root);
    fs::remove_file(root.join("etc/ssh/sshd_config")).unwrap();
    link(&root, "/etc/ssh/sshd_config", secret.to_str().unwrap());
    fs::remove_file(root.join("etc/shadow")).unwrap();
    link(&root, "/etc/shadow", "../../../../../../../../host-shadow");
    fs::remove_file(root.join("etc/ssh/sshd_config.d/50-cloudimg-settings.conf")).unwrap();
    write(
        &root,
        "/etc/passwd",
        "root:x:0:0:root:/root:/bin/bash\nescape:x:1:1::/../../..:/bin/sh\n",
    );
    write(
        &root,
        "/etc/default/grub",
        "GRUB_CMDLINE_LINUX=\"console=ttyS0 \u{1b}]0;owned\u{7} \\\"quoted\\\"\"\n",
    );
    fs::remove_file(root.join("root/.bash_history")).unwrap();
    link(&root, "/root/.bash_history", secret.to_str().unwrap());
    let block = image_facts(&root);
    assert!(!block.contains("77"), "{block}");
    assert!(!block.contains("hostadmin"), "{block}");
    assert!(
        !block.contains('\u{1b}') && !block.contains('\u{7}'),
        "{block}"
    );
    let l = parse(&block)["certification"]["linux"].clone();
    assert!(l.get("clientAliveInterval").is_none(), "{block}");
    assert!(l.get("passwordUsers").is_none(), "{block}");
    assert_eq!(l["bashHistoryBytes"], 0, "{block}");
    assert!(
        l["kernelCommandLine"].as_str().unwrap().contains('\u{1b}'),
        "the value keeps what the image has, escaped in the YAML: {block}"
    );
}

#[test]
fn the_script_is_posix_sh_and_prints_a_block() {
    let script = Command::cargo_bin("offer-lint")
        .unwrap()
        .arg("image-facts")
        .output()
        .unwrap();
    assert!(script.status.success());
    let text = String::from_utf8(script.stdout).unwrap();
    assert!(text.starts_with("#!/bin/sh\n"));
    // dash is Debian's /bin/sh and a strict POSIX shell: the script parses there.
    for sh in ["sh", "dash"] {
        if Std::new(sh).arg("-c").arg("true").status().is_err() {
            continue;
        }
        let st = Std::new(sh)
            .arg("-n")
            .arg("-c")
            .arg(&text)
            .status()
            .unwrap();
        assert!(st.success(), "{sh} -n");
    }
}

/// Once on this machine: the script run by `sh`, and `--root /`, print blocks that parse and
/// agree on what both measure the same way.
#[test]
fn both_ways_on_this_machines_own_root() {
    let script = Command::cargo_bin("offer-lint")
        .unwrap()
        .arg("image-facts")
        .output()
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("image-facts.sh");
    fs::write(&path, &script.stdout).unwrap();
    let run = Std::new("sh").arg(&path).output().unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let by_script = parse(&String::from_utf8(run.stdout).unwrap());
    let by_root = parse(&image_facts(Path::new("/")));
    let uname = String::from_utf8(Std::new("uname").arg("-m").output().unwrap().stdout).unwrap();
    let arch = match uname.trim() {
        "aarch64" | "arm64" => "arm64",
        other => other,
    };
    assert_eq!(by_script["certification"]["architecture"], arch);
    assert_eq!(by_root["certification"]["architecture"], arch);
    let (s, r) = (
        &by_script["certification"]["linux"],
        &by_root["certification"]["linux"],
    );
    // (Not the history: the script's `find -type f` skips a linked history file, the root
    // reader follows it inside the image.)
    assert_eq!(s["swapOnOsDisk"], r["swapOnOsDisk"]);
    // Python: the script asks the interpreter (3.11.7), the root names it (3.11).
    if let (Some(a), Some(b)) = (s["pythonVersion"].as_str(), r["pythonVersion"].as_str()) {
        assert!(a.starts_with(b), "{a} vs {b}");
    }
}
