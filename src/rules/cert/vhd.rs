//! Reading the footer of a VHD file: its last 512 bytes, found by seeking (a VHD is
//! gigabytes; it is never read whole).
//!
//! Layout (Microsoft "Virtual Hard Disk Image Format Specification", all fields big-endian):
//! cookie `conectix` at 0..8, original size at 40..48, current size at 48..56, disk type at
//! 60..64 (2 fixed, 3 dynamic, 4 differencing), checksum at 64..68 (the one's complement of
//! the byte sum of the footer without the checksum field).

use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;

pub const FOOTER_LEN: u64 = 512;
pub const COOKIE: &[u8; 8] = b"conectix";
pub const VHDX_SIGNATURE: &[u8; 8] = b"vhdxfile";

/// The fields of a footer that certification looks at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Footer {
    pub cookie: [u8; 8],
    pub current_size: u64,
    pub disk_type: u32,
    pub checksum: u32,
    /// The checksum computed over the footer.
    pub computed_checksum: u32,
}

impl Footer {
    pub fn parse(b: &[u8; 512]) -> Footer {
        let u32_at = |o: usize| u32::from_be_bytes(b[o..o + 4].try_into().unwrap());
        let u64_at = |o: usize| u64::from_be_bytes(b[o..o + 8].try_into().unwrap());
        let sum: u32 = b
            .iter()
            .enumerate()
            .filter(|(i, _)| !(64..68).contains(i))
            .map(|(_, &x)| u32::from(x))
            .fold(0u32, u32::wrapping_add);
        Footer {
            cookie: b[0..8].try_into().unwrap(),
            current_size: u64_at(48),
            disk_type: u32_at(60),
            checksum: u32_at(64),
            computed_checksum: !sum,
        }
    }

    pub fn cookie_ok(&self) -> bool {
        &self.cookie == COOKIE
    }

    pub fn checksum_ok(&self) -> bool {
        self.checksum == self.computed_checksum
    }

    /// The disk type's name.
    pub fn disk_type_name(&self) -> String {
        match self.disk_type {
            0 => "none".into(),
            2 => "fixed".into(),
            3 => "dynamic".into(),
            4 => "differencing".into(),
            n => format!("unknown ({n})"),
        }
    }
}

/// What the end of a file says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Read512 {
    /// Shorter than a footer.
    TooShort(u64),
    /// The file starts with the VHDX signature.
    Vhdx,
    /// The last 512 bytes, and the file's length.
    Footer { len: u64, footer: Footer },
}

/// Reads the last 512 bytes of `path` (and its first 8, to recognise a VHDX).
pub fn read(path: &Path) -> std::io::Result<Read512> {
    let mut f = File::open(path)?;
    let len = f.metadata()?.len();
    let mut head = [0u8; 8];
    if len >= 8 {
        f.read_exact(&mut head)?;
        if &head == VHDX_SIGNATURE {
            return Ok(Read512::Vhdx);
        }
    }
    if len < FOOTER_LEN {
        return Ok(Read512::TooShort(len));
    }
    f.seek(SeekFrom::Start(len - FOOTER_LEN))?;
    let mut buf = [0u8; 512];
    f.read_exact(&mut buf)?;
    Ok(Read512::Footer {
        len,
        footer: Footer::parse(&buf),
    })
}

/// Builds a footer (for tests and documentation examples).
pub fn make_footer(current_size: u64, disk_type: u32) -> [u8; 512] {
    let mut b = [0u8; 512];
    b[0..8].copy_from_slice(COOKIE);
    b[8..12].copy_from_slice(&2u32.to_be_bytes()); // features: reserved bit
    b[12..16].copy_from_slice(&0x0001_0000u32.to_be_bytes()); // format version 1.0
    b[16..24].copy_from_slice(&u64::MAX.to_be_bytes()); // data offset: none (fixed)
    b[28..32].copy_from_slice(b"olnt");
    b[36..40].copy_from_slice(b"Wi2k");
    b[40..48].copy_from_slice(&current_size.to_be_bytes());
    b[48..56].copy_from_slice(&current_size.to_be_bytes());
    b[60..64].copy_from_slice(&disk_type.to_be_bytes());
    let sum: u32 = b
        .iter()
        .map(|&x| u32::from(x))
        .fold(0u32, u32::wrapping_add);
    b[64..68].copy_from_slice(&(!sum).to_be_bytes());
    b
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    const MIB: u64 = 1 << 20;

    fn write_sparse(dir: &Path, name: &str, size: u64, footer: &[u8; 512]) -> std::path::PathBuf {
        let p = dir.join(name);
        let mut f = File::create(&p).unwrap();
        f.set_len(size).unwrap(); // sparse: nothing but the footer is written
        f.seek(SeekFrom::Start(size)).unwrap();
        f.write_all(footer).unwrap();
        p
    }

    #[test]
    fn reads_the_footer_of_a_sparse_fixed_vhd() {
        let dir = tempfile::tempdir().unwrap();
        let size = 20 * MIB;
        let p = write_sparse(dir.path(), "disk.vhd", size, &make_footer(size, 2));
        match read(&p).unwrap() {
            Read512::Footer { len, footer } => {
                assert_eq!(len, size + FOOTER_LEN);
                assert!(footer.cookie_ok());
                assert!(footer.checksum_ok());
                assert_eq!(footer.disk_type, 2);
                assert_eq!(footer.disk_type_name(), "fixed");
                assert_eq!(footer.current_size, size);
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn reports_dynamic_disks_and_bad_checksums() {
        let dir = tempfile::tempdir().unwrap();
        let mut b = make_footer(30 * MIB, 3);
        let p = write_sparse(dir.path(), "dyn.vhd", 0, &b);
        let Read512::Footer { footer, .. } = read(&p).unwrap() else {
            panic!()
        };
        assert_eq!(footer.disk_type_name(), "dynamic");
        assert!(footer.checksum_ok());
        b[100] ^= 0xFF;
        let p = write_sparse(dir.path(), "bad.vhd", 0, &b);
        let Read512::Footer { footer, .. } = read(&p).unwrap() else {
            panic!()
        };
        assert!(!footer.checksum_ok());
    }

    #[test]
    fn short_files_and_vhdx() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("short.vhd");
        std::fs::write(&p, [0u8; 100]).unwrap();
        assert_eq!(read(&p).unwrap(), Read512::TooShort(100));
        let p = dir.path().join("disk.vhdx");
        let mut bytes = vec![0u8; 1024];
        bytes[..8].copy_from_slice(VHDX_SIGNATURE);
        std::fs::write(&p, bytes).unwrap();
        assert_eq!(read(&p).unwrap(), Read512::Vhdx);
        let p = dir.path().join("empty.vhd");
        std::fs::write(&p, []).unwrap();
        assert_eq!(read(&p).unwrap(), Read512::TooShort(0));
    }

    #[test]
    fn a_file_without_the_cookie() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("raw.img");
        std::fs::write(&p, vec![0u8; 4096]).unwrap();
        let Read512::Footer { footer, .. } = read(&p).unwrap() else {
            panic!()
        };
        assert!(!footer.cookie_ok());
    }
}
