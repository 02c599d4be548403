//! Version numbers as the certification facts give them (`2.9.1.1`, `1.0.2k`,
//! `3.0.2-0ubuntu1`, `Python 3.10.12`), compared numerically segment by segment.

use std::cmp::Ordering;
use std::fmt;

use crate::rules::prelude::*;

/// The numeric part of a version: `2.2.41` is `[2, 2, 41]`.
///
/// Anything before the first digit (`v`, `OpenSSL `, `WALinuxAgent-`) and anything after the
/// numeric part (`k` in `1.0.2k`, `-0ubuntu1`, `+deb12u1`) is ignored: a suffix marks a
/// patch or a distribution build of the same upstream version, which is what the
/// certification thresholds are about.
#[derive(Debug, Clone)]
pub struct Version {
    parts: Vec<u64>,
}

impl Version {
    /// Parses the numeric part; `None` when there is none (no digit, or a segment too long).
    pub fn parse(s: &str) -> Option<Version> {
        let start = s.find(|c: char| c.is_ascii_digit())?;
        let mut parts = Vec::new();
        let mut rest = &s[start..];
        loop {
            let end = rest
                .find(|c: char| !c.is_ascii_digit())
                .unwrap_or(rest.len());
            if end == 0 {
                break;
            }
            parts.push(rest[..end].parse::<u64>().ok()?);
            rest = &rest[end..];
            match rest.strip_prefix('.') {
                Some(r) if r.starts_with(|c: char| c.is_ascii_digit()) => rest = r,
                _ => break,
            }
        }
        Some(Version { parts })
    }

    /// The numeric segments.
    pub fn parts(&self) -> &[u64] {
        &self.parts
    }
}

impl Ord for Version {
    /// Segment by segment, numerically; a missing segment counts as 0 (`2.2` == `2.2.0`).
    fn cmp(&self, other: &Self) -> Ordering {
        let n = self.parts.len().max(other.parts.len());
        for i in 0..n {
            let a = self.parts.get(i).copied().unwrap_or(0);
            let b = other.parts.get(i).copied().unwrap_or(0);
            match a.cmp(&b) {
                Ordering::Equal => continue,
                o => return o,
            }
        }
        Ordering::Equal
    }
}

impl PartialEq for Version {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Version {}

impl PartialOrd for Version {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s: Vec<String> = self.parts.iter().map(u64::to_string).collect();
        f.write_str(&s.join("."))
    }
}

/// The text of the scalar at `pointer`: a string as is, a number as written in the file
/// (so that an unquoted `3.10` stays `3.10` and does not become the float `3.1`).
pub fn scalar_text(ctx: &Ctx, pointer: &str) -> Option<String> {
    if ctx.is_unresolved(pointer) {
        return None;
    }
    match ctx.get(pointer)? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => {
            let raw = ctx
                .doc
                .index
                .exact(pointer)
                .and_then(|s| ctx.source.text.get(s.value.start..s.value.end))
                .map(|t| t.trim().trim_matches(['"', '\'']).to_string())
                .filter(|t| !t.is_empty());
            Some(raw.unwrap_or_else(|| n.to_string()))
        }
        _ => None,
    }
}

/// The version at `pointer` with the text shown for it in messages; a value with no version
/// number in it is reported (`needs` says what is required, e.g. "3.0.0 or later").
pub fn version_at(
    ctx: &mut Ctx,
    pointer: &str,
    what: &str,
    needs: &str,
) -> Option<(Version, String)> {
    let text = scalar_text(ctx, pointer)?;
    let shown = ctx.quote(pointer, &text);
    match Version::parse(&text) {
        Some(v) => Some((v, shown)),
        None => {
            let path = crate::message::display_path(pointer);
            ctx.report(
                pointer,
                format!(
                    "{path} is `{shown}`, which is not a version number; {what} must be {needs}"
                ),
                "give the version as the component reports it, e.g. `2.9.1.1`",
            );
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Version;

    fn v(s: &str) -> Version {
        Version::parse(s).unwrap_or_else(|| panic!("{s} should parse"))
    }

    #[test]
    fn compares_segments_numerically() {
        assert!(v("2.2.9") < v("2.2.41"));
        assert!(v("2.10.0") > v("2.9.1.1"));
        assert!(v("2.2.41") == v("2.2.41"));
        assert!(v("2.2.40") < v("2.2.41"));
        assert!(v("2.2.41.1") > v("2.2.41"));
        assert!(v("3.10.12") > v("3.9"));
        assert!(v("10.0") > v("9.99.99"));
    }

    #[test]
    fn missing_segments_count_as_zero() {
        assert_eq!(v("2.2"), v("2.2.0"));
        assert!(v("2.2") == v("2.2.0"));
        assert!(v("1") == v("1.0.0.0"));
        assert!(v("2.6") >= v("2.6.0"));
    }

    #[test]
    fn tolerates_suffixes_and_prefixes() {
        assert_eq!(v("1.0.2k").parts(), &[1, 0, 2]);
        assert_eq!(v("3.0.2-0ubuntu1").parts(), &[3, 0, 2]);
        assert_eq!(v("0.9.8zh").parts(), &[0, 9, 8]);
        assert_eq!(v("1.1.1f+deb12u1").parts(), &[1, 1, 1]);
        assert_eq!(v("v2.2.41").parts(), &[2, 2, 41]);
        assert_eq!(v("WALinuxAgent-2.2.45").parts(), &[2, 2, 45]);
        assert_eq!(v("OpenSSL 3.0.2 15 Mar 2022").parts(), &[3, 0, 2]);
        assert_eq!(v("Python 3.10.12").parts(), &[3, 10, 12]);
        assert_eq!(v("2.2.41.").parts(), &[2, 2, 41]);
        assert_eq!(v("1.0.2k").to_string(), "1.0.2");
        assert!(v("1.0.2k") >= v("1.0"));
        assert!(v("0.9.8zh") >= v("0.9.8"));
        assert!(v("0.9.8zh") < v("1.0"));
    }

    #[test]
    fn rejects_text_without_a_number() {
        assert!(Version::parse("").is_none());
        assert!(Version::parse("latest").is_none());
        assert!(Version::parse("99999999999999999999999.1").is_none());
    }
}
