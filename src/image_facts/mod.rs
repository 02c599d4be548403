//! `offer-lint image-facts`: the `certification` facts of an image, measured instead of typed.
//!
//! Two ways, because the two places an image can be looked at allow different things:
//! - without `--root`, it prints a POSIX `sh` script ([`SCRIPT`]) to run in a VM booted from
//!   the image. Only there can the facts be taken from the image's own programs (the
//!   running agent's version, `openssl version`, `sshd -T`'s effective setting, the running
//!   kernel's `/proc/cmdline`);
//! - with `--root DIR`, it reads the files of an image root mounted at `DIR` (a loop-mounted
//!   VHD, a chroot built by the image pipeline) and prints the block itself. It runs nothing
//!   of the image and resolves every link inside `DIR` ([`root`]), so an image cannot make it
//!   run a program or print a file of the host.
//!
//! Both print the same YAML block, to paste under the image in the manifest.

pub mod measure;
pub mod root;

use std::fmt::Write as _;
use std::path::Path;

use measure::{Fact, Facts};

/// The script printed without `--root`.
pub const SCRIPT: &str = include_str!("image-facts.sh");

/// A YAML double-quoted scalar, as the manifest writer of `import` writes one.
fn q(s: &str) -> String {
    crate::bridge::yaml::double_quoted(s)
}

fn line<T>(
    out: &mut String,
    key: &str,
    f: &Option<Fact<T>>,
    show: impl Fn(&T) -> String,
    missing: &str,
) {
    match f {
        Some(f) => {
            let _ = writeln!(out, "    {key}: {}  # {}", show(&f.value), comment(&f.from));
        }
        None => {
            let _ = writeln!(out, "    # {key}: not found ({missing})");
        }
    }
}

/// A comment's text on one line: controls and every character a scalar would escape as spaces.
fn comment(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_control() || crate::bridge::yaml::needs_escape(c) {
                ' '
            } else {
                c
            }
        })
        .collect()
}

fn list(v: &[String]) -> String {
    let items: Vec<String> = v.iter().map(|s| q(s)).collect();
    format!("[{}]", items.join(", "))
}

/// The YAML block of measured facts.
pub fn render(facts: &Facts, root: &Path) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# measured by offer-lint image-facts from the files of the image root {}",
        comment(&root.display().to_string())
    );
    out.push_str("certification:\n");
    match &facts.architecture {
        Some(f) => {
            let _ = writeln!(
                out,
                "  architecture: {}  # {}",
                q(&f.value),
                comment(&f.from)
            );
        }
        None => out.push_str("  # architecture: not found (no ELF /bin/sh)\n"),
    }
    out.push_str(
        "  generalized: true  # not measurable from files: true only for an image captured after waagent -deprovision+user\n",
    );
    out.push_str("  linux:\n");
    let s = |v: &String| q(v);
    let b = |v: &bool| v.to_string();
    line(
        &mut out,
        "agentVersion",
        &facts.agent_version,
        s,
        "no azurelinuxagent package in the image",
    );
    line(
        &mut out,
        "agentAutoUpdate",
        &facts.agent_auto_update,
        b,
        "no /etc/waagent.conf",
    );
    line(
        &mut out,
        "agentEnabled",
        &facts.agent_enabled,
        b,
        "no systemd unit for the agent",
    );
    line(&mut out, "kernelCommandLine", &facts.kernel_command_line, s, "no boot configuration: /boot/loader/entries, grub.cfg, /etc/default/grub or /etc/kernel/cmdline");
    line(
        &mut out,
        "swapOnOsDisk",
        &facts.swap_on_os_disk,
        b,
        "no /etc/fstab",
    );
    line(
        &mut out,
        "rootPartitionsOnOsDisk",
        &facts.root_partitions,
        |n| n.to_string(),
        "no /etc/fstab",
    );
    line(
        &mut out,
        "opensslVersion",
        &facts.openssl_version,
        s,
        "no libcrypto with a version string",
    );
    line(
        &mut out,
        "pythonVersion",
        &facts.python_version,
        s,
        "no python3",
    );
    line(
        &mut out,
        "clientAliveInterval",
        &facts.client_alive_interval,
        |n| n.to_string(),
        "no /etc/ssh/sshd_config",
    );
    line(
        &mut out,
        "bashHistoryBytes",
        &facts.history_bytes,
        |n| n.to_string(),
        "no home folder",
    );
    line(
        &mut out,
        "passwordUsers",
        &facts.password_users,
        |v| list(v),
        "no /etc/shadow",
    );
    line(
        &mut out,
        "authorizedKeysUsers",
        &facts.authorized_keys_users,
        |v| list(v),
        "no account",
    );
    line(
        &mut out,
        "omiVersion",
        &facts.omi_version,
        |v| v.as_deref().map(q).unwrap_or_else(|| "null".into()),
        "OMI is installed but its version string was not found",
    );
    out
}

/// Runs the command: the script, or the block measured on `root`; an error (a usage error)
/// when `root` is not a folder.
pub fn run(root: Option<&Path>) -> Result<u8, String> {
    let Some(root) = root else {
        emit(SCRIPT);
        return Ok(0);
    };
    if !root.is_dir() {
        return Err(format!(
            "--root {}: not a folder (give the folder an image's root file system is mounted at)",
            comment(&root.display().to_string())
        ));
    }
    let facts = measure::measure(&root::Root::new(root));
    emit(&render(&facts, root));
    Ok(0)
}

/// Writes to standard output; a closed pipe (`| head`) is not an error.
fn emit(text: &str) {
    use std::io::Write;
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
}
