//! A mounted image root, read as the image itself would see its files.
//!
//! An image's symbolic links are written for the image: `/etc/alternatives/python3` means the
//! image's own `/etc/...`, not the machine offer-lint runs on. Every path is therefore
//! resolved here, component by component, with absolute link targets taken from the image
//! root and `..` stopping at it, so that no link in the image can make offer-lint read (and
//! print) a file of the host. Only regular files are read, and at most [`MAX_READ`] bytes.

use std::fs;
use std::io::Read;
use std::path::{Component, Path, PathBuf};

/// The most bytes read from one file (configuration files are far smaller; a larger file
/// is read up to this and measured by its length).
pub const MAX_READ: u64 = 16 << 20;

/// Symbolic links followed while resolving one path (Linux's own limit is 40).
const MAX_LINKS: usize = 40;

/// The most bytes read from the whole image (many links to one big file must not make it
/// read gigabytes).
pub const MAX_TOTAL_READ: u64 = 256 << 20;

/// The most names listed in one folder.
pub const MAX_LIST: usize = 10_000;

/// The image folders that are the kernel's, not the image's: a root mounted with them (or
/// bind mounts there) would show the host's processes, environment and devices.
const PSEUDO: [&str; 3] = ["proc", "sys", "dev"];

/// A folder that holds an image's root file system.
#[derive(Debug, Clone)]
pub struct Root {
    base: PathBuf,
    budget: std::cell::Cell<u64>,
}

impl Root {
    pub fn new(base: impl Into<PathBuf>) -> Root {
        Root {
            base: base.into(),
            budget: std::cell::Cell::new(MAX_TOTAL_READ),
        }
    }

    /// The host path of the image path `path` (e.g. `/etc/fstab`), every link resolved inside
    /// the root; `None` when it does not exist or a link loops.
    pub fn resolve(&self, path: &str) -> Option<PathBuf> {
        // The resolved image path so far, as normal components.
        let mut done: Vec<String> = Vec::new();
        let mut todo: Vec<String> = split(path).into_iter().rev().collect();
        let mut links = 0;
        while let Some(part) = todo.pop() {
            match part.as_str() {
                "." => continue,
                ".." => {
                    done.pop();
                    continue;
                }
                _ => {}
            }
            if done.is_empty() && PSEUDO.contains(&part.as_str()) {
                return None;
            }
            let host = self.host(&done).join(&part);
            let meta = fs::symlink_metadata(&host).ok()?;
            if meta.file_type().is_symlink() {
                links += 1;
                if links > MAX_LINKS {
                    return None;
                }
                let target = fs::read_link(&host).ok()?;
                let target = target.to_string_lossy().into_owned();
                if target.starts_with('/') {
                    done.clear();
                }
                for t in split(&target).into_iter().rev() {
                    todo.push(t);
                }
            } else {
                done.push(part);
            }
        }
        Some(self.host(&done))
    }

    fn host(&self, parts: &[String]) -> PathBuf {
        let mut p = self.base.clone();
        for c in parts {
            p.push(c);
        }
        p
    }

    /// The text of a regular file (lossy UTF-8), at most [`MAX_READ`] bytes.
    pub fn read(&self, path: &str) -> Option<String> {
        self.read_bytes(path)
            .map(|b| String::from_utf8_lossy(&b).into_owned())
    }

    /// The bytes of a regular file, at most [`MAX_READ`].
    pub fn read_bytes(&self, path: &str) -> Option<Vec<u8>> {
        let host = self.resolve(path)?;
        // Only a regular file is opened: opening a device node of the image would run its
        // driver on the host. Then as the manifest loader opens files (no link followed, no
        // wait on a FIFO swapped in meanwhile, a regular file checked again).
        if !fs::symlink_metadata(&host).ok()?.is_file() {
            return None;
        }
        let budget = self.budget.get();
        if budget == 0 {
            return None;
        }
        let mut out = Vec::new();
        crate::load::open_regular(&host)
            .ok()?
            .take(MAX_READ.min(budget))
            .read_to_end(&mut out)
            .ok()?;
        self.budget.set(budget - out.len() as u64);
        Some(out)
    }

    /// The size of a regular file.
    pub fn size(&self, path: &str) -> Option<u64> {
        let host = self.resolve(path)?;
        let meta = fs::metadata(host).ok()?;
        meta.is_file().then_some(meta.len())
    }

    /// True when the image path exists (after resolving links inside the root).
    pub fn exists(&self, path: &str) -> bool {
        self.resolve(path).is_some_and(|p| fs::metadata(p).is_ok())
    }

    /// The names in an image folder, sorted; empty when it is not one.
    pub fn list(&self, path: &str) -> Vec<String> {
        let Some(host) = self.resolve(path) else {
            return Vec::new();
        };
        let Ok(rd) = fs::read_dir(host) else {
            return Vec::new();
        };
        let mut names: Vec<String> = rd
            .take(MAX_LIST)
            .filter_map(|e| e.ok())
            .filter_map(|e| e.file_name().to_str().map(str::to_string))
            .collect();
        names.sort();
        names
    }

    /// The image path a symbolic link at `path` points to (its last component unresolved).
    pub fn link_target(&self, path: &str) -> Option<String> {
        let parent = Path::new(path).parent()?.to_str()?;
        let name = Path::new(path).file_name()?;
        let host = self.resolve(parent)?.join(name);
        let target = fs::read_link(host).ok()?;
        Some(target.to_string_lossy().into_owned())
    }
}

/// The normal components of an image path, `.` and `..` kept for the resolver.
fn split(path: &str) -> Vec<String> {
    Path::new(path)
        .components()
        .filter_map(|c| match c {
            Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
            Component::ParentDir => Some("..".into()),
            Component::CurDir => Some(".".into()),
            Component::RootDir | Component::Prefix(_) => None,
        })
        .collect()
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn links_resolve_inside_the_root() {
        let host = tempfile::tempdir().unwrap();
        let secret = host.path().join("secret");
        fs::write(&secret, "host secret").unwrap();
        let root = host.path().join("image");
        fs::create_dir_all(root.join("etc/ssh")).unwrap();
        fs::create_dir_all(root.join("usr/bin")).unwrap();
        fs::write(root.join("etc/ssh/real"), "ClientAliveInterval 180\n").unwrap();
        symlink("/etc/ssh/real", root.join("etc/ssh/sshd_config")).unwrap();
        symlink("../../../../secret", root.join("etc/up")).unwrap();
        symlink(&secret, root.join("etc/abs")).unwrap();
        symlink("loop", root.join("etc/loop")).unwrap();
        symlink("python3.10", root.join("usr/bin/python3")).unwrap();
        fs::write(root.join("usr/bin/python3.10"), "").unwrap();
        let r = Root::new(&root);
        assert_eq!(
            r.read("/etc/ssh/sshd_config").as_deref(),
            Some("ClientAliveInterval 180\n")
        );
        // `..` stops at the image root; an absolute link is the image's own path.
        assert_eq!(r.read("/etc/up"), None);
        assert_eq!(r.read("/etc/abs"), None);
        assert_eq!(r.read("/../secret"), None);
        assert_eq!(r.read("/etc/loop"), None);
        assert!(r.exists("/usr/bin/python3"));
        assert_eq!(
            r.link_target("/usr/bin/python3").as_deref(),
            Some("python3.10")
        );
        assert_eq!(r.list("/etc/ssh"), ["real", "sshd_config"]);
        // A FIFO in place of a file is not read (opening it would wait for a writer).
        let fifo = std::ffi::CString::new(root.join("etc/fifo").to_str().unwrap()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o600) }, 0);
        assert_eq!(r.read("/etc/fifo"), None);
        // The kernel's folders are never the image's, whatever a link says.
        fs::create_dir_all(root.join("proc/self")).unwrap();
        fs::write(root.join("proc/self/environ"), "SECRET=1").unwrap();
        symlink("/proc/self/environ", root.join("etc/env")).unwrap();
        assert_eq!(r.read("/etc/env"), None);
        assert_eq!(r.read("/proc/self/environ"), None);
    }
}
