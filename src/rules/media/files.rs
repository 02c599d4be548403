//! Reading just enough of an asset to know what it is: the PNG header (signature and IHDR
//! chunk, 33 bytes, never the pixels) and the PDF signature.
//!
//! The type is decided by the bytes, never by the file extension.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

use crate::rules::prelude::*;

/// The eight bytes every PNG file starts with.
pub const PNG_SIGNATURE: [u8; 8] = [0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1A, b'\n'];

/// Signature (8) + IHDR length (4) + type (4) + data (13) + CRC (4).
const PNG_HEADER_LEN: usize = 33;

/// Above this many pixels on a side the header is taken to be corrupt.
pub const MAX_PLAUSIBLE_SIDE: u32 = 100_000;

/// How far into a file the `%PDF-` marker may sit (readers tolerate leading junk).
const PDF_SEARCH_LEN: usize = 1024;

/// Why a file is not a usable PNG.
#[derive(Debug)]
pub enum PngError {
    /// The file could not be read.
    Io(io::Error),
    /// The first bytes are not the PNG signature; carries what they look like instead.
    NotPng(Option<&'static str>),
    /// The file ends before the IHDR chunk does.
    Truncated(usize),
    /// The first chunk is not a well-formed IHDR chunk.
    BadHeader(&'static str),
    /// The header declares a width or height of 0 or above [`MAX_PLAUSIBLE_SIDE`].
    Absurd(u32, u32),
}

impl std::fmt::Display for PngError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PngError::Io(e) => write!(f, "cannot be read: {e}"),
            PngError::NotPng(Some(kind)) => write!(f, "is not a PNG file (it looks like {kind})"),
            PngError::NotPng(None) => f.write_str("is not a PNG file (its first bytes are not the PNG signature)"),
            PngError::Truncated(n) => write!(
                f,
                "is truncated: {n} bytes, less than the {PNG_HEADER_LEN} bytes of a PNG signature and header"
            ),
            PngError::BadHeader(why) => write!(f, "has a corrupt PNG header: {why}"),
            PngError::Absurd(w, h) => write!(
                f,
                "declares an implausible size of {w}x{h} px (a side of 0 or more than {MAX_PLAUSIBLE_SIDE} px); the header is corrupt"
            ),
        }
    }
}

/// Reads up to `buf.len()` bytes, fewer only at the end of the file.
fn read_prefix(path: &Path, buf: &mut [u8]) -> io::Result<usize> {
    let mut f = File::open(path)?;
    let mut n = 0;
    while n < buf.len() {
        match f.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}

/// The width and height that a PNG file's IHDR chunk declares.
pub fn png_size(path: &Path) -> Result<(u32, u32), PngError> {
    let mut buf = [0u8; PNG_HEADER_LEN];
    let n = read_prefix(path, &mut buf).map_err(PngError::Io)?;
    png_size_of(&buf[..n])
}

/// [`png_size`] on the first bytes of a file.
pub fn png_size_of(head: &[u8]) -> Result<(u32, u32), PngError> {
    if head.len() < PNG_SIGNATURE.len() || head[..8] != PNG_SIGNATURE {
        if head.len() < PNG_SIGNATURE.len() && PNG_SIGNATURE.starts_with(head) && !head.is_empty() {
            return Err(PngError::Truncated(head.len()));
        }
        return Err(PngError::NotPng(sniff(head)));
    }
    if head.len() < PNG_HEADER_LEN {
        return Err(PngError::Truncated(head.len()));
    }
    let be = |i: usize| u32::from_be_bytes([head[i], head[i + 1], head[i + 2], head[i + 3]]);
    if &head[12..16] != b"IHDR" {
        return Err(PngError::BadHeader("the first chunk is not IHDR"));
    }
    if be(8) != 13 {
        return Err(PngError::BadHeader("the IHDR chunk is not 13 bytes long"));
    }
    if crc32(&head[12..29]) != be(29) {
        return Err(PngError::BadHeader("the IHDR checksum does not match"));
    }
    let (w, h) = (be(16), be(20));
    if w == 0 || h == 0 || w > MAX_PLAUSIBLE_SIDE || h > MAX_PLAUSIBLE_SIDE {
        return Err(PngError::Absurd(w, h));
    }
    Ok((w, h))
}

/// A guess at what a non-PNG file is, for the message.
fn sniff(head: &[u8]) -> Option<&'static str> {
    if head.is_empty() {
        return Some("an empty file");
    }
    let kinds: &[(&[u8], &str)] = &[
        (b"\xFF\xD8\xFF", "a JPEG image"),
        (b"GIF87a", "a GIF image"),
        (b"GIF89a", "a GIF image"),
        (b"BM", "a BMP image"),
        (b"%PDF-", "a PDF document"),
        (b"<svg", "an SVG image"),
        (b"<?xml", "an XML (perhaps SVG) file"),
        (b"PK\x03\x04", "a zip archive"),
    ];
    for (magic, kind) in kinds {
        if head.starts_with(magic) {
            return Some(kind);
        }
    }
    if head.starts_with(b"RIFF") && head.len() >= 12 && &head[8..12] == b"WEBP" {
        return Some("a WebP image");
    }
    None
}

/// True when `%PDF-` occurs in the first 1024 bytes of the file.
pub fn is_pdf(path: &Path) -> io::Result<bool> {
    let mut buf = [0u8; PDF_SEARCH_LEN];
    let n = read_prefix(path, &mut buf)?;
    Ok(buf[..n].windows(5).any(|w| w == b"%PDF-"))
}

/// CRC-32 (ISO-HDLC, as PNG uses it), bitwise: only ever run over 17 bytes.
fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// Resolves the asset at `pointer` and reads its PNG size, reporting any problem under the
/// running rule (a missing file is reported once as `media-file-missing` by [`Ctx::asset`]).
/// `what` names the asset in messages, e.g. "the large logo".
pub fn checked_png(ctx: &mut Ctx, pointer: &str, what: &str) -> Option<(u32, u32)> {
    let path = ctx.asset(pointer)?;
    let rel = ctx.shown(pointer).unwrap_or_default().to_string();
    match png_size(&path) {
        Ok(size) => Some(size),
        Err(e) => {
            let help = match &e {
                PngError::NotPng(_) => "Partner Center accepts PNG images only; export the image as PNG (renaming a file does not change its format)",
                PngError::Io(_) => "check the file's permissions",
                _ => "the file is damaged; export the image as PNG again",
            };
            ctx.report(pointer, format!("{what} `{rel}` {e}"), help);
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(w: u32, h: u32) -> Vec<u8> {
        let mut v = PNG_SIGNATURE.to_vec();
        v.extend_from_slice(&13u32.to_be_bytes());
        let mut chunk = b"IHDR".to_vec();
        chunk.extend_from_slice(&w.to_be_bytes());
        chunk.extend_from_slice(&h.to_be_bytes());
        chunk.extend_from_slice(&[8, 2, 0, 0, 0]);
        let crc = crc32(&chunk);
        v.extend_from_slice(&chunk);
        v.extend_from_slice(&crc.to_be_bytes());
        v
    }

    #[test]
    fn reads_the_declared_size() {
        assert_eq!(png_size_of(&header(1280, 720)).unwrap(), (1280, 720));
    }

    #[test]
    fn crc_matches_the_png_reference_value() {
        // CRC of "IEND" with no data, as found in every PNG file.
        assert_eq!(crc32(b"IEND"), 0xAE42_6082);
    }

    #[test]
    fn rejects_what_is_not_a_png() {
        assert!(matches!(
            png_size_of(b"\xFF\xD8\xFF\xE0rest"),
            Err(PngError::NotPng(Some("a JPEG image")))
        ));
        assert!(matches!(
            png_size_of(b""),
            Err(PngError::NotPng(Some("an empty file")))
        ));
        assert!(matches!(
            png_size_of(&header(10, 10)[..20]),
            Err(PngError::Truncated(20))
        ));
        assert!(matches!(
            png_size_of(&PNG_SIGNATURE[..4]),
            Err(PngError::Truncated(4))
        ));
        assert!(matches!(
            png_size_of(&header(0, 10)),
            Err(PngError::Absurd(0, 10))
        ));
        assert!(matches!(
            png_size_of(&header(100_001, 10)),
            Err(PngError::Absurd(..))
        ));
        let mut bad = header(10, 10);
        bad[20] ^= 1;
        assert!(matches!(png_size_of(&bad), Err(PngError::BadHeader(_))));
    }
}
