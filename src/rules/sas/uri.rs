//! SAS URIs of the image sources: where they are, and a small parser that never needs to
//! print the signature.

use crate::rules::cert::image::images;
use crate::rules::prelude::*;

/// Every SAS URI of the manifest: `source.osDisk.uri` and `source.dataDisks[].uri` of
/// every image, with its pointer. Values that name an unset variable are left out.
pub fn sas_uris<'a>(ctx: &Ctx<'a>) -> Vec<(String, &'a str)> {
    let mut out = Vec::new();
    for img in images(ctx) {
        let os = img.at("source/osDisk/uri");
        if let Some(u) = ctx.str(&os) {
            out.push((os, u));
        }
        for (disk, _) in ctx.items(&img.at("source/dataDisks")) {
            let p = format!("{disk}/uri");
            if let Some(u) = ctx.str(&p) {
                out.push((p, u));
            }
        }
    }
    out
}

/// A URI split into its parts (no validation beyond the split).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SasUri<'a> {
    /// The scheme before `://`, if any.
    pub scheme: Option<&'a str>,
    /// The authority (host and port).
    pub host: &'a str,
    /// The path, starting with `/` (empty when there is none).
    pub path: &'a str,
    /// The text after `?`, when there is a `?`.
    pub query: Option<&'a str>,
}

impl<'a> SasUri<'a> {
    pub fn parse(raw: &'a str) -> SasUri<'a> {
        let (before, query) = match raw.split_once('?') {
            Some((b, q)) => (b, Some(q.split('#').next().unwrap_or(q))),
            None => (raw.split('#').next().unwrap_or(raw), None),
        };
        let (scheme, rest) = match before.split_once("://") {
            Some((s, r)) => (Some(s), r),
            None => (None, before),
        };
        let (host, path) = match rest.find('/') {
            Some(i) => (&rest[..i], &rest[i..]),
            None => (rest, ""),
        };
        SasUri {
            scheme,
            host,
            path,
            query,
        }
    }

    /// The query's parameters in order: the raw key and the percent-decoded value.
    pub fn params(&self) -> Vec<(&'a str, String)> {
        let Some(q) = self.query else {
            return Vec::new();
        };
        q.split('&')
            .filter(|p| !p.is_empty())
            .map(|p| match p.split_once('=') {
                Some((k, v)) => (k, percent_decode(v)),
                None => (p, String::new()),
            })
            .collect()
    }

    /// The decoded value of the first parameter named `key`.
    pub fn param(&self, key: &str) -> Option<String> {
        self.params()
            .into_iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| v)
    }

    /// The blob name: the path after the container (the whole path for the `$root`
    /// container, whose name may be left out), as written (still percent-encoded).
    pub fn blob_name(&self) -> &'a str {
        let p = self.path.trim_start_matches('/');
        match p.split_once('/') {
            Some((_, blob)) => blob,
            None => p,
        }
    }
}

/// Decodes `%XX` escapes (and `+` is left alone: SAS values are not form-encoded).
pub fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            if let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2])) {
                out.push(h * 16 + l);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_a_sas_uri() {
        let u = SasUri::parse("https://acct.blob.core.windows.net/vhds/os%20disk.vhd?sv=2021&sp=rl&st=2026-11-20T00%3A00%3A00Z&sig=ab%2Fc%3D");
        assert_eq!(u.scheme, Some("https"));
        assert_eq!(u.host, "acct.blob.core.windows.net");
        assert_eq!(u.path, "/vhds/os%20disk.vhd");
        assert_eq!(u.blob_name(), "os%20disk.vhd");
        assert_eq!(u.param("sp").as_deref(), Some("rl"));
        assert_eq!(u.param("st").as_deref(), Some("2026-11-20T00:00:00Z"));
        assert_eq!(u.param("sig").as_deref(), Some("ab/c="));
        assert_eq!(u.param("se"), None);
    }

    #[test]
    fn no_query_no_path() {
        let u = SasUri::parse("http://host");
        assert_eq!(u.scheme, Some("http"));
        assert_eq!(u.path, "");
        assert_eq!(u.query, None);
        assert!(u.params().is_empty());
        let u = SasUri::parse("https://host/disk.vhd?");
        assert_eq!(u.blob_name(), "disk.vhd");
        assert_eq!(u.query, Some(""));
    }

    #[test]
    fn decodes_percent_escapes() {
        assert_eq!(percent_decode("a%3Ab"), "a:b");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz%4"), "%zz%4");
        assert_eq!(percent_decode("%41%42"), "AB");
    }
}
