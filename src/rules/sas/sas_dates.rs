use jiff::{civil, SignedDuration, Timestamp};

use crate::message::display_path;
use crate::rules::prelude::*;
use crate::rules::sas::uri::{sas_uris, SasUri};

declare_rule! {
    /// ## What it checks
    /// The `st` (start) and `se` (expiry) parameters of every SAS URI of the image sources:
    ///
    /// - each is a full ISO 8601 date-time with seconds and a time zone, like
    ///   `2026-11-20T00:00:00Z` (fractions of a second and `+hh:mm` offsets are accepted;
    ///   percent-escaped colons, `%3A`, as the Azure CLI writes them, are decoded first).
    ///   A date alone or a time without seconds is an error;
    /// - `se` is after `st`;
    /// - `se` is at least 21 days after the reference time: `publish.plannedSubmission`
    ///   when the manifest gives it (a date means its start, 00:00 UTC), else `--start`, else
    ///   the moment of the run;
    /// - `st` later than one day before the run is a warning under the same id.
    ///
    /// A URI without `st` or `se` is left to `sas-uri-format`. Whether `se` also outlasts the
    /// projected end of certification is `sas-expiry-covers-certification`.
    ///
    /// ## Why Partner Center rejects it
    /// Microsoft copies the VHD during certification, days after submission, and documents
    /// "short date formats" and missing `st`/`se` as causes of "Failure: Copying Images.
    /// Not able to download blob". Its instructions set the expiry at least three weeks
    /// after creation and the start one day before today, to absorb differences between
    /// clocks (a start in the future makes the copy fail with an authorization error).
    ///
    /// ## Example
    /// ```text
    /// ...&st=2026-11-24&se=2026-12-01&sig=...
    /// ```
    /// Use instead:
    /// ```text
    /// ...&st=2026-11-23T00:00:00Z&se=2027-01-31T00:00:00Z&sig=...
    /// ```
    ///
    /// ## Source
    /// - SAS URI rules: expiry at least 3 weeks after creation, start date 1 day before today,
    ///   `st` and `se` full date-times, documented failure messages: Microsoft, generate a SAS
    ///   URI for a VM image (2021-06),
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/azure-vm-get-sas-uri.md>
    /// - Microsoft, Cloud Partner Portal, get a SAS URI,
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/cloud-partner-portal/virtual-machine/cpp-get-sas-uri.md>
    /// - Microsoft, Cloud Partner Portal, common SAS URL issues,
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/cloud-partner-portal/virtual-machine/cpp-common-sas-url-issues.md>
    RULE {
        id: "sas-dates",
        area: Sas,
        severity: Error,
        kind: Document,
        summary: "`st` and `se` are full ISO 8601 date-times; `se` at least 21 days after the run (or after `publish.plannedSubmission`); `st` later than one day before the run is a warning",
        check: check,
    }
}

const DAY: SignedDuration = SignedDuration::from_hours(24);

/// True when `s` is `YYYY-MM-DDThh:mm:ss[.f+](Z|±hh:mm)`.
pub fn is_full_datetime(s: &str) -> bool {
    let b = s.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|x| x.iter().all(u8::is_ascii_digit));
    if !(digits(0..4)
        && b.get(4) == Some(&b'-')
        && digits(5..7)
        && b.get(7) == Some(&b'-')
        && digits(8..10)
        && b.get(10) == Some(&b'T')
        && digits(11..13)
        && b.get(13) == Some(&b':')
        && digits(14..16)
        && b.get(16) == Some(&b':')
        && digits(17..19))
    {
        return false;
    }
    let mut i = 19;
    if b.get(i) == Some(&b'.') {
        i += 1;
        let start = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if i == start {
            return false;
        }
    }
    match b.get(i) {
        Some(b'Z') => i + 1 == b.len(),
        Some(b'+' | b'-') => {
            b.len() == i + 6
                && digits(i + 1..i + 3)
                && b.get(i + 3) == Some(&b':')
                && digits(i + 4..i + 6)
        }
        _ => false,
    }
}

/// Parses a full date-time (see [`is_full_datetime`]).
pub fn parse_full(s: &str) -> Option<Timestamp> {
    if !is_full_datetime(s) {
        return None;
    }
    s.parse::<Timestamp>().ok()
}

/// The moment the SAS must still be valid from: `publish.plannedSubmission`, else
/// `--start`, else the run; with the words that name it in messages.
pub fn reference(ctx: &Ctx) -> (Timestamp, &'static str) {
    if let Some(t) = ctx.str("/publish/plannedSubmission").and_then(parse_moment) {
        return (t, "publish.plannedSubmission");
    }
    if let Some(t) = ctx.run.start {
        return (t, "the planned submission (--start)");
    }
    (ctx.run.now, "the run")
}

/// A date (its start, UTC), a date-time with an offset, or a civil date-time taken as UTC.
pub fn parse_moment(s: &str) -> Option<Timestamp> {
    let s = s.trim();
    if let Ok(t) = s.parse::<Timestamp>() {
        return Some(t);
    }
    if let Ok(dt) = s.parse::<civil::DateTime>() {
        return jiff::tz::TimeZone::UTC.to_timestamp(dt).ok();
    }
    if let Ok(d) = s.parse::<civil::Date>() {
        return jiff::tz::TimeZone::UTC
            .to_timestamp(d.to_datetime(civil::Time::midnight()))
            .ok();
    }
    None
}

/// `16 days`, `20 days 12 hours`, `5 hours`.
fn span_words(d: SignedDuration) -> String {
    let hours = d.as_secs() / 3600;
    let (days, hours) = (hours / 24, hours % 24);
    let plural = |n: i64, w: &str| {
        if n == 1 {
            format!("{n} {w}")
        } else {
            format!("{n} {w}s")
        }
    };
    match (days, hours) {
        (0, h) => plural(h, "hour"),
        (d, 0) => plural(d, "day"),
        (d, h) => format!("{} {}", plural(d, "day"), plural(h, "hour")),
    }
}

fn show(t: Timestamp) -> String {
    t.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}

fn check(ctx: &mut Ctx) {
    let (reference, what) = reference(ctx);
    let now = ctx.run.now;
    for (ptr, raw) in sas_uris(ctx) {
        let path = display_path(&ptr);
        let u = SasUri::parse(raw.trim());
        let mut parsed = [None, None];
        for (i, key) in ["st", "se"].into_iter().enumerate() {
            let Some(v) = u.param(key) else { continue };
            if v.is_empty() {
                continue;
            }
            match parse_full(&v) {
                Some(t) => parsed[i] = Some(t),
                None => ctx.report(
                    &ptr,
                    format!(
                        "`{}` in the SAS URI {path} is not a full date-time; Microsoft's copy fails on shortened dates",
                        if ctx.from_env(&ptr) { key.to_string() } else { format!("{key}={v}") }
                    ),
                    "write the date and time in full, in UTC, e.g. `2026-11-20T00:00:00Z`",
                ),
            }
        }
        let [st, se] = parsed;
        if let (Some(st), Some(se)) = (st, se) {
            if se <= st {
                ctx.report(
                    &ptr,
                    format!(
                        "the SAS URI {path} expires (`se` {}) before it starts (`st` {})",
                        show(se),
                        show(st)
                    ),
                    "generate a new SAS whose expiry is after its start",
                );
                continue;
            }
        }
        if let Some(se) = se {
            let left = se.duration_since(reference);
            if left < 21 * DAY {
                let how = if left <= SignedDuration::ZERO {
                    format!("is not after {what} ({})", show(reference))
                } else {
                    format!(
                        "is only {} after {what} ({})",
                        span_words(left),
                        show(reference)
                    )
                };
                ctx.report(
                    &ptr,
                    format!("the SAS URI {path} expires at {}, which {how}; it must stay valid for at least 21 days", show(se)),
                    "generate a new SAS whose expiry (`se`) is at least three weeks after the submission",
                );
            }
        }
        if let Some(st) = st {
            let latest = now - DAY;
            if st > latest {
                ctx.report_with(
                    Severity::Warning,
                    At::Value,
                    &ptr,
                    format!(
                        "the SAS URI {path} starts at {}, later than one day before the run ({}); a start that is not safely in the past can make Microsoft's copy fail",
                        show(st),
                        show(latest)
                    ),
                    "set the SAS start (`st`) one day before the day you generate it",
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_datetimes() {
        assert!(is_full_datetime("2026-11-20T00:00:00Z"));
        assert!(is_full_datetime("2026-11-20T00:00:00.1234567Z"));
        assert!(is_full_datetime("2026-11-20T00:00:00+01:00"));
        assert!(!is_full_datetime("2026-11-20"));
        assert!(!is_full_datetime("2026-11-20T00:00Z"));
        assert!(!is_full_datetime("2026-11-20T00:00:00"));
        assert!(!is_full_datetime("2026-11-20 00:00:00Z"));
        assert!(!is_full_datetime("2026-11-20T00:00:00.Z"));
        assert!(!is_full_datetime("2026-11-20T00:00:00Zjunk"));
        assert!(parse_full("2026-13-20T00:00:00Z").is_none());
        assert_eq!(
            parse_full("2026-11-20T01:00:00+01:00"),
            parse_full("2026-11-20T00:00:00Z")
        );
    }

    #[test]
    fn moments_and_spans() {
        let t = parse_moment("2026-12-01").unwrap();
        assert_eq!(show(t), "2026-12-01T00:00:00Z");
        assert_eq!(
            show(parse_moment("2026-12-01T10:00:00").unwrap()),
            "2026-12-01T10:00:00Z"
        );
        assert!(parse_moment("soon").is_none());
        assert_eq!(span_words(SignedDuration::from_hours(16 * 24)), "16 days");
        assert_eq!(
            span_words(SignedDuration::from_hours(20 * 24 + 12)),
            "20 days 12 hours"
        );
        assert_eq!(span_words(SignedDuration::from_hours(1)), "1 hour");
    }
}
