//! The `certification.linux` facts of a mounted image root, measured from its files.
//!
//! Nothing of the image is run (its binaries are the image's, not ours to execute): versions
//! come from the files that carry them, the kernel command line from the boot configuration,
//! the SSH server's setting from its configuration as sshd reads it (first value wins,
//! `Include` followed).

use regex::bytes::Regex as BytesRegex;
use regex::Regex;

use crate::image_facts::root::Root;
use crate::rules::cert::version::Version;

/// One measured value, with where it came from (an image path or a short account).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fact<T> {
    pub value: T,
    pub from: String,
}

fn fact<T>(value: T, from: impl Into<String>) -> Option<Fact<T>> {
    Some(Fact {
        value,
        from: from.into(),
    })
}

/// Every fact of the `certification.linux` block (and the architecture), each `None` when the
/// image's files do not tell.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facts {
    pub architecture: Option<Fact<String>>,
    pub agent_version: Option<Fact<String>>,
    pub agent_auto_update: Option<Fact<bool>>,
    pub agent_enabled: Option<Fact<bool>>,
    pub kernel_command_line: Option<Fact<String>>,
    pub swap_on_os_disk: Option<Fact<bool>>,
    pub root_partitions: Option<Fact<u64>>,
    pub openssl_version: Option<Fact<String>>,
    pub python_version: Option<Fact<String>>,
    pub client_alive_interval: Option<Fact<i64>>,
    pub history_bytes: Option<Fact<u64>>,
    pub password_users: Option<Fact<Vec<String>>>,
    pub authorized_keys_users: Option<Fact<Vec<String>>>,
    pub omi_version: Option<Fact<Option<String>>>,
}

/// Measures every fact on `root`.
pub fn measure(root: &Root) -> Facts {
    let users = users(root);
    Facts {
        architecture: architecture(root),
        agent_version: agent_version(root),
        agent_auto_update: agent_auto_update(root),
        agent_enabled: agent_enabled(root),
        kernel_command_line: kernel_command_line(root),
        swap_on_os_disk: fstab(root).map(|(swap, _)| swap),
        root_partitions: fstab(root).map(|(_, roots)| roots),
        openssl_version: openssl_version(root),
        python_version: python_version(root),
        client_alive_interval: client_alive_interval(root),
        history_bytes: history_bytes(root, &users),
        password_users: password_users(root),
        authorized_keys_users: authorized_keys_users(root, &users),
        omi_version: omi_version(root),
    }
}

/// An account of `/etc/passwd`.
pub struct User {
    pub name: String,
    pub home: String,
    pub shell: String,
}

impl User {
    /// A login shell, as LISA tells them: its path ends in `sh` (bash, sh, zsh, ksh, dash).
    fn has_shell(&self) -> bool {
        self.shell.ends_with("sh")
    }

    /// LISA skips accounts whose passwd line names `nologin` when it looks for keys.
    fn can_log_in(&self) -> bool {
        !self.shell.contains("nologin")
    }
}

/// Every account in `/etc/passwd` (root with /root and bash when the file lacks it).
fn users(root: &Root) -> Vec<User> {
    let mut out = Vec::new();
    if let Some(text) = root.read("/etc/passwd") {
        for line in text.lines() {
            if line.trim_start().starts_with('#') {
                continue;
            }
            let f: Vec<&str> = line.split(':').collect();
            if f.len() >= 7 && !f[0].is_empty() && f[5].starts_with('/') {
                out.push(User {
                    name: f[0].to_string(),
                    home: f[5].to_string(),
                    shell: f[6].trim().to_string(),
                });
            }
        }
    }
    if !out.iter().any(|u| u.name == "root") {
        out.push(User {
            name: "root".into(),
            home: "/root".into(),
            shell: "/bin/bash".into(),
        });
    }
    out
}

/// The ELF machine of the image's `/bin/sh`.
fn architecture(root: &Root) -> Option<Fact<String>> {
    for path in ["/bin/sh", "/usr/bin/sh", "/bin/bash", "/usr/bin/bash"] {
        let Some(b) = root.read_bytes(path) else {
            continue;
        };
        if b.len() < 20 || &b[..4] != b"\x7fELF" {
            continue;
        }
        // e_machine at offset 18, in the file's byte order (EI_DATA: 1 little, 2 big).
        let m = if b[5] == 2 {
            u16::from_be_bytes([b[18], b[19]])
        } else {
            u16::from_le_bytes([b[18], b[19]])
        };
        let arch = match m {
            0x3e => "x86_64",
            0xb7 => "arm64",
            0x03 => "i386",
            0x28 => "arm",
            _ => continue,
        };
        return fact(arch.to_string(), format!("the ELF header of {path}"));
    }
    None
}

/// The folders Python packages are installed in.
fn python_lib_dirs(root: &Root) -> Vec<String> {
    let mut out = Vec::new();
    for base in ["/usr/lib", "/usr/lib64", "/usr/local/lib"] {
        for name in root.list(base) {
            if name.starts_with("python") {
                for sub in ["site-packages", "dist-packages"] {
                    out.push(format!("{base}/{name}/{sub}"));
                }
            }
        }
    }
    out
}

/// The newest of `(version, where it was found)`; the first of equal ones.
fn newest(found: Vec<(String, String)>) -> Option<Fact<String>> {
    found
        .into_iter()
        .filter_map(|(v, from)| Some((Version::parse(&v)?, v, from)))
        .reduce(|best, x| if x.0 > best.0 { x } else { best })
        .and_then(|(_, v, from)| fact(v, from))
}

/// `AGENT_VERSION = '2.9.1.1'` of the installed agent (the newest, when several Pythons have
/// one): what the certification test compares (`waagent -version`). Only when none is
/// installed, the newest agent auto-update downloaded (/var/lib/waagent/WALinuxAgent-<version>).
fn agent_version(root: &Root) -> Option<Fact<String>> {
    let re = Regex::new(r#"(?m)^AGENT_VERSION\s*=\s*['"]([0-9][0-9.]*)['"]"#).unwrap();
    let mut installed = Vec::new();
    for dir in python_lib_dirs(root) {
        let path = format!("{dir}/azurelinuxagent/common/version.py");
        if let Some(text) = root.read(&path) {
            if let Some(c) = re.captures(&text) {
                installed.push((c[1].to_string(), path));
            }
        }
    }
    if !installed.is_empty() {
        return newest(installed);
    }
    let downloaded = root
        .list("/var/lib/waagent")
        .into_iter()
        .filter_map(|name| {
            let v = name.strip_prefix("WALinuxAgent-")?.to_string();
            root.exists(&format!("/var/lib/waagent/{name}/bin"))
                .then(|| (v, format!("/var/lib/waagent/{name}")))
        })
        .collect();
    newest(downloaded)
}

/// `AutoUpdate.Enabled` in /etc/waagent.conf as the certification test reads it: off only when
/// the last such line says exactly `n`; the agent's default, when it is not set, is on.
fn agent_auto_update(root: &Root) -> Option<Fact<bool>> {
    let text = root.read("/etc/waagent.conf")?;
    let last = text
        .lines()
        .filter_map(|l| l.trim().strip_prefix("AutoUpdate.Enabled"))
        .filter_map(|r| r.trim_start().strip_prefix('='))
        .map(str::trim)
        .next_back();
    match last {
        Some(v) => fact(v != "n", "AutoUpdate.Enabled in /etc/waagent.conf"),
        None => fact(
            true,
            "/etc/waagent.conf does not set AutoUpdate.Enabled (the agent's default is on)",
        ),
    }
}

/// The agent's systemd unit is enabled (wanted by a target).
fn agent_enabled(root: &Root) -> Option<Fact<bool>> {
    let units = ["walinuxagent.service", "waagent.service"];
    let mut known = false;
    for unit in units {
        for dir in [
            "/etc/systemd/system",
            "/usr/lib/systemd/system",
            "/lib/systemd/system",
        ] {
            known |= root.exists(&format!("{dir}/{unit}"));
        }
        for target in root.list("/etc/systemd/system") {
            if target.ends_with(".wants")
                && root.exists(&format!("/etc/systemd/system/{target}/{unit}"))
            {
                return fact(true, format!("/etc/systemd/system/{target}/{unit}"));
            }
        }
    }
    known.then(|| Fact {
        value: false,
        from: "the agent's unit is installed but no target wants it".into(),
    })
}

/// The kernel's boot parameters from the boot configuration: a Boot Loader Specification entry,
/// else the first `linux` line of grub.cfg, else /etc/default/grub, else /etc/kernel/cmdline.
fn kernel_command_line(root: &Root) -> Option<Fact<String>> {
    for name in root.list("/boot/loader/entries") {
        let path = format!("/boot/loader/entries/{name}");
        if !name.ends_with(".conf") {
            continue;
        }
        if let Some(text) = root.read(&path) {
            if let Some(opts) = text
                .lines()
                .find_map(|l| l.trim().strip_prefix("options"))
                .filter(|o| o.starts_with([' ', '\t']))
            {
                return fact(clean(opts), path);
            }
        }
    }
    for path in [
        "/boot/grub2/grub.cfg",
        "/boot/grub/grub.cfg",
        "/boot/efi/EFI/ubuntu/grub.cfg",
    ] {
        if let Some(text) = root.read(path) {
            for line in text.lines() {
                let l = line.trim();
                let rest = ["linux ", "linux\t", "linuxefi ", "linux16 "]
                    .iter()
                    .find_map(|k| l.strip_prefix(k));
                if let Some(rest) = rest {
                    // Drop the kernel's own path: the parameters follow it.
                    let mut it = rest.split_whitespace();
                    it.next();
                    let params: Vec<&str> = it.collect();
                    if rest.contains("$kernelopts") {
                        // RHEL 8: the parameters live in grubenv.
                        let env = root.read("/boot/grub2/grubenv").unwrap_or_default();
                        if let Some(k) = env.lines().find_map(|l| l.strip_prefix("kernelopts=")) {
                            return fact(clean(k), "/boot/grub2/grubenv");
                        }
                    } else if !params.is_empty() {
                        return fact(clean(&params.join(" ")), path);
                    }
                }
            }
        }
    }
    if let Some(text) = root.read("/etc/default/grub") {
        let mut parts = Vec::new();
        for key in ["GRUB_CMDLINE_LINUX", "GRUB_CMDLINE_LINUX_DEFAULT"] {
            if let Some(v) = shell_value(&text, key) {
                parts.push(v);
            }
        }
        // Files sourced after it (Ubuntu's cloud images set the console there).
        for name in root.list("/etc/default/grub.d") {
            if let Some(t) = root.read(&format!("/etc/default/grub.d/{name}")) {
                for key in ["GRUB_CMDLINE_LINUX", "GRUB_CMDLINE_LINUX_DEFAULT"] {
                    if let Some(v) = shell_value(&t, key) {
                        parts.push(
                            v.replace(&format!("${key}"), "")
                                .replace(&format!("${{{key}}}"), ""),
                        );
                    }
                }
            }
        }
        let line = clean(&parts.join(" "));
        if !line.is_empty() {
            return fact(line, "/etc/default/grub");
        }
    }
    root.read("/etc/kernel/cmdline")
        .and_then(|t| fact(clean(&t), "/etc/kernel/cmdline"))
}

/// The last assignment of `key` in a shell file, quotes removed.
fn shell_value(text: &str, key: &str) -> Option<String> {
    let mut out = None;
    for line in text.lines() {
        let l = line.trim();
        if let Some(v) = l.strip_prefix(key).and_then(|r| r.strip_prefix('=')) {
            let v = v.trim();
            let v = v
                .strip_prefix('"')
                .and_then(|x| x.strip_suffix('"'))
                .or_else(|| v.strip_prefix('\'').and_then(|x| x.strip_suffix('\'')))
                .unwrap_or(v);
            out = Some(v.to_string());
        }
    }
    out
}

/// Whitespace collapsed to single spaces, `BOOT_IMAGE=` dropped.
fn clean(s: &str) -> String {
    s.split_whitespace()
        .filter(|t| !t.starts_with("BOOT_IMAGE="))
        .collect::<Vec<_>>()
        .join(" ")
}

/// (a swap entry in /etc/fstab, the number of entries mounted at `/`).
fn fstab(root: &Root) -> Option<(Fact<bool>, Fact<u64>)> {
    let text = root.read("/etc/fstab")?;
    let mut swap = false;
    let mut roots = 0;
    for line in text.lines() {
        let l = line.trim();
        if l.starts_with('#') || l.is_empty() {
            continue;
        }
        let f: Vec<&str> = l.split_whitespace().collect();
        if f.len() >= 3 {
            swap |= f[2] == "swap";
            roots += u64::from(f[1] == "/");
        }
    }
    let from = "/etc/fstab".to_string();
    Some((
        Fact {
            value: swap,
            from: from.clone(),
        },
        Fact { value: roots, from },
    ))
}

/// The version string OpenSSL's libcrypto carries (`OpenSSL 3.0.2 15 Mar 2022`); the newest
/// library when the image has several.
fn openssl_version(root: &Root) -> Option<Fact<String>> {
    let re =
        BytesRegex::new(r"OpenSSL (\d+\.\d+\.\d+[a-z]*) +(?:FIPS +)?\d{1,2} [A-Z][a-z]{2} \d{4}")
            .unwrap();
    let mut found = Vec::new();
    let mut dirs = vec![
        "/usr/lib".to_string(),
        "/usr/lib64".to_string(),
        "/lib".to_string(),
        "/lib64".to_string(),
    ];
    for base in ["/usr/lib", "/lib"] {
        for name in root.list(base) {
            if name.ends_with("-linux-gnu") {
                dirs.push(format!("{base}/{name}"));
            }
        }
    }
    for dir in dirs {
        for name in root.list(&dir) {
            if !name.starts_with("libcrypto.so.") {
                continue;
            }
            let path = format!("{dir}/{name}");
            let Some(bytes) = root.read_bytes(&path) else {
                continue;
            };
            if let Some(c) = re.captures(&bytes) {
                found.push((String::from_utf8_lossy(&c[1]).into_owned(), path));
            }
        }
    }
    newest(found)
}

/// Python 3's version from the interpreter `/usr/bin/python3` names (`python3.10`), else the
/// newest `/usr/lib/python3.N`.
fn python_version(root: &Root) -> Option<Fact<String>> {
    let re = Regex::new(r"^python(3\.\d+)$").unwrap();
    let mut link = "/usr/bin/python3".to_string();
    for _ in 0..8 {
        let Some(target) = root.link_target(&link) else {
            break;
        };
        let name = target.rsplit('/').next().unwrap_or(&target).to_string();
        if let Some(c) = re.captures(&name) {
            return fact(c[1].to_string(), format!("{link} -> {target}"));
        }
        link = if target.starts_with('/') {
            target
        } else {
            format!("/usr/bin/{target}")
        };
    }
    let mut found = Vec::new();
    for base in ["/usr/lib", "/usr/lib64"] {
        for name in root.list(base) {
            if let Some(c) = re.captures(&name) {
                if root.exists(&format!("{base}/{name}/os.py")) {
                    found.push((c[1].to_string(), format!("{base}/{name}")));
                }
            }
        }
    }
    newest(found)
}

/// `ClientAliveInterval` as sshd reads its configuration: the first value wins, `Include`d
/// files are read where they are included, `Match` blocks are left out; 0 when not set.
fn client_alive_interval(root: &Root) -> Option<Fact<i64>> {
    root.read("/etc/ssh/sshd_config")?;
    let mut seen = 0;
    let found = sshd_first(
        root,
        "/etc/ssh/sshd_config",
        "clientaliveinterval",
        &mut seen,
    );
    match found {
        Some((v, from)) => fact(v, from),
        None => fact(0, "not set in /etc/ssh/sshd_config (sshd's default is 0)"),
    }
}

fn sshd_first(root: &Root, path: &str, key: &str, seen: &mut usize) -> Option<(i64, String)> {
    *seen += 1;
    if *seen > 16 {
        return None;
    }
    let text = root.read(path)?;
    let mut in_match = false;
    for line in text.lines() {
        let l = line.trim();
        if l.starts_with('#') || l.is_empty() {
            continue;
        }
        let (k, v) = l
            .split_once(|c: char| c.is_whitespace() || c == '=')
            .map(|(k, v)| {
                (
                    k,
                    v.trim_start_matches(|c: char| c.is_whitespace() || c == '=')
                        .trim(),
                )
            })
            .unwrap_or((l, ""));
        let k = k.to_ascii_lowercase();
        if k == "match" {
            in_match = true;
            continue;
        }
        if in_match {
            continue;
        }
        if k == "include" {
            for pattern in v.split_whitespace() {
                let pattern = if pattern.starts_with('/') {
                    pattern.to_string()
                } else {
                    format!("/etc/ssh/{pattern}")
                };
                for file in glob_files(root, &pattern) {
                    if *seen > 16 {
                        return None;
                    }
                    if let Some(found) = sshd_first(root, &file, key, seen) {
                        return Some(found);
                    }
                }
            }
            continue;
        }
        if k == key {
            return sshd_seconds(v.split_whitespace().next()?).map(|n| (n, path.to_string()));
        }
    }
    None
}

/// An sshd time value in seconds: `180`, `180s`, `3m`, `1h30m` (sshd_config(5), TIME FORMATS).
fn sshd_seconds(v: &str) -> Option<i64> {
    let mut total: i64 = 0;
    let mut num = String::new();
    for c in v.chars() {
        if c.is_ascii_digit() {
            num.push(c);
            continue;
        }
        let unit = match c.to_ascii_lowercase() {
            's' => 1,
            'm' => 60,
            'h' => 3600,
            'd' => 86_400,
            'w' => 604_800,
            _ => return None,
        };
        total = total.checked_add(num.parse::<i64>().ok()?.checked_mul(unit)?)?;
        num.clear();
    }
    if !num.is_empty() {
        total = total.checked_add(num.parse::<i64>().ok()?)?;
    }
    Some(total)
}

/// The files a `*` pattern in its last component names, sorted (as sshd's glob does).
fn glob_files(root: &Root, pattern: &str) -> Vec<String> {
    let Some((dir, name)) = pattern.rsplit_once('/') else {
        return Vec::new();
    };
    if !name.contains('*') {
        return vec![pattern.to_string()];
    }
    let (pre, post) = name.split_once('*').unwrap_or((name, ""));
    root.list(dir)
        .into_iter()
        .filter(|n| n.starts_with(pre) && n.ends_with(post) && n.len() >= pre.len() + post.len())
        .map(|n| format!("{dir}/{n}"))
        .collect()
}

/// The largest shell history of any user with a shell, in bytes, and which file it is: every
/// file under the home named `.*sh_history` (`.bash_history`, `.zsh_history`, `.sh_history`)
/// or `.history`, as LISA's `find` looks for them (here at most 4 folders deep).
fn history_bytes(root: &Root, users: &[User]) -> Option<Fact<u64>> {
    let mut best: Option<(u64, String)> = None;
    let mut seen = 0usize;
    for u in users.iter().filter(|u| u.has_shell()) {
        let mut todo = vec![(u.home.trim_end_matches('/').to_string(), 0)];
        while let Some((dir, depth)) = todo.pop() {
            for name in root.list(&dir) {
                seen += 1;
                if seen > 100_000 {
                    // Not all looked at: say nothing rather than "no history".
                    return None;
                }
                let path = format!("{dir}/{name}");
                let history =
                    name == ".history" || (name.starts_with('.') && name.ends_with("sh_history"));
                match root.size(&path) {
                    Some(n) if history && best.as_ref().is_none_or(|(b, _)| n > *b) => {
                        best = Some((n, path));
                    }
                    Some(_) => {}
                    // Not a regular file: a folder to look into, unless it is a link (a link
                    // to / would walk the whole image).
                    None if depth < 4 && root.link_target(&path).is_none() => {
                        todo.push((path, depth + 1))
                    }
                    None => {}
                }
            }
        }
    }
    match best {
        Some((n, from)) => fact(n, from),
        None => fact(0, "no shell history in any home"),
    }
}

/// Accounts with a password in /etc/shadow, as LISA reads it: a hash field that is not empty,
/// not `x`, and has no `!` or `*` in it (locked).
fn password_users(root: &Root) -> Option<Fact<Vec<String>>> {
    let text = root.read("/etc/shadow")?;
    let users: Vec<String> = text
        .lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .filter_map(|l| {
            let mut f = l.split(':');
            let name = f.next()?;
            let hash = f.next()?;
            let locked = hash.is_empty() || hash == "x" || hash.contains(['!', '*']);
            (!name.is_empty() && !locked).then(|| name.to_string())
        })
        .collect();
    fact(users, "/etc/shadow")
}

/// Accounts that can log in whose `~/.ssh/authorized_keys` holds anything but the cloud
/// images' stub that tells root to log in as another user.
fn authorized_keys_users(root: &Root, users: &[User]) -> Option<Fact<Vec<String>>> {
    // LISA's pattern of the stub (a `command=` that only prints where to log in instead).
    let stub_re = Regex::new(
        r#"command="echo 'Please login as the user \\".*\\" rather than the user \\"root\\".';echo;sleep .*""#,
    )
    .expect("a valid pattern");
    let mut out = Vec::new();
    for u in users.iter().filter(|u| u.can_log_in()) {
        let path = format!("{}/.ssh/authorized_keys", u.home.trim_end_matches('/'));
        let Some(text) = root.read(&path) else {
            continue;
        };
        // The stub: `command="echo 'Please login as the user \"azureuser\" rather than the
        // user \"root\".';echo;sleep 10;exit 142" ssh-rsa ...`.
        let stub = stub_re.is_match(&text);
        if !text.trim().is_empty() && !stub && !out.contains(&u.name) {
            out.push(u.name.clone());
        }
    }
    fact(
        out,
        "~/.ssh/authorized_keys of every account that can log in",
    )
}

/// The OMI server's version (`omi` in the dpkg database, else the version string in
/// /opt/omi/bin/omiserver); `Some(None)` when OMI is not installed.
fn omi_version(root: &Root) -> Option<Fact<Option<String>>> {
    if let Some(status) = root.read("/var/lib/dpkg/status") {
        for para in status.split("\n\n") {
            if para.lines().any(|l| l.trim() == "Package: omi") {
                if let Some(v) = para.lines().find_map(|l| l.strip_prefix("Version:")) {
                    return fact(Some(v.trim().to_string()), "/var/lib/dpkg/status");
                }
            }
        }
    }
    if let Some(bytes) = root.read_bytes("/opt/omi/bin/omiserver") {
        let re = BytesRegex::new(r"OMI-(\d+\.\d+\.\d+(?:-\d+)?)").unwrap();
        return match re.captures(&bytes) {
            Some(c) => fact(
                Some(String::from_utf8_lossy(&c[1]).into_owned()),
                "/opt/omi/bin/omiserver",
            ),
            // Installed, version unknown: the certification test fails it too.
            None => fact(
                Some("unknown".into()),
                "/opt/omi/bin/omiserver (no version string found)",
            ),
        };
    }
    fact(None, "no /opt/omi/bin/omiserver")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sshd_time_values() {
        assert_eq!(sshd_seconds("180"), Some(180));
        assert_eq!(sshd_seconds("180s"), Some(180));
        assert_eq!(sshd_seconds("3m"), Some(180));
        assert_eq!(sshd_seconds("1h30m"), Some(5400));
        assert_eq!(sshd_seconds("soon"), None);
    }
}
