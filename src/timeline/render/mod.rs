//! Renderers of projected timelines: a terminal table, JSON, and Markdown with a Mermaid
//! `gantt` chart; plus the one-line summary `check` prints per offer.

pub mod json;
pub mod markdown;
pub mod table;

use jiff::tz::TimeZone;
use jiff::{SignedDuration, Span, SpanRelativeTo, SpanRound, Timestamp, Unit};

use crate::timeline::{Projection, Rejection};

/// One projected offer, as the renderers take it.
#[derive(Debug, Clone, Copy)]
pub struct Entry<'a> {
    pub id: &'a str,
    pub path: &'a str,
    pub projection: &'a Projection,
}

/// The projected offers of a run, in file order.
pub fn entries(outcome: &crate::lint::Outcome) -> Vec<Entry<'_>> {
    outcome
        .files
        .iter()
        .filter_map(|f| {
            let o = f.offer.as_ref()?;
            Some(Entry {
                id: &o.id,
                path: &f.display,
                projection: o.timeline.as_ref()?,
            })
        })
        .collect()
}

/// An RFC 3339 date-time in `tz`: `Z` for UTC, else the offset.
pub fn time(t: Timestamp, tz: &TimeZone) -> String {
    if *tz == TimeZone::UTC {
        t.to_string()
    } else {
        t.display_with_offset(tz.to_offset(t)).to_string()
    }
}

/// The calendar date of `t` in `tz`.
pub fn date(t: Timestamp, tz: &TimeZone) -> String {
    t.to_zoned_datetime(tz.clone()).date().to_string()
}

/// The time zone's name: `UTC`, its IANA name, or its offset at `t`.
pub fn zone_label(tz: &TimeZone, t: Timestamp) -> String {
    if *tz == TimeZone::UTC {
        return "UTC".into();
    }
    match tz.iana_name() {
        Some(n) => n.to_string(),
        None => t.to_zoned_datetime(tz.clone()).strftime("%:z").to_string(),
    }
}

/// The parts of a duration in days (of 24 hours), hours, minutes and seconds; rounded to the
/// nearest minute from one minute up.
fn parts(d: SignedDuration) -> [(i64, &'static str); 4] {
    let d = d.abs();
    let smallest = if d < SignedDuration::from_mins(1) {
        Unit::Second
    } else {
        Unit::Minute
    };
    let span = Span::try_from(d)
        .and_then(|s| {
            s.round(
                SpanRound::new()
                    .largest(Unit::Day)
                    .smallest(smallest)
                    .mode(jiff::RoundMode::HalfExpand)
                    .relative(SpanRelativeTo::days_are_24_hours()),
            )
        })
        .unwrap_or_default();
    [
        (i64::from(span.get_days()), "d"),
        (i64::from(span.get_hours()), "h"),
        (span.get_minutes(), "min"),
        (span.get_seconds(), "s"),
    ]
}

/// "15 d 1 h 15 min": a duration's absolute value, zero parts left out.
pub fn duration(d: SignedDuration) -> String {
    let shown: Vec<String> = parts(d)
        .iter()
        .filter(|(n, _)| *n != 0)
        .map(|(n, u)| format!("{n} {u}"))
        .collect();
    if shown.is_empty() {
        "0 min".into()
    } else {
        shown.join(" ")
    }
}

/// The line `check` prints per offer: "id: live by 2027-01-19 (15 d 1 h 15 min)", or
/// "id: rejected at Certification by 2027-01-07: cert-linux-agent".
pub fn line(id: &str, p: &Projection) -> String {
    let tz = &p.timezone;
    if let Some(r) = &p.rejected {
        return format!(
            "{id}: rejected at {} by {}: {}; {}",
            r.step,
            date(r.date, tz),
            r.rules.join(", "),
            cost(r, tz)
        );
    }
    let mut s = format!(
        "{id}: live by {} ({})",
        date(p.end(), tz),
        duration(p.total())
    );
    if let Some(d) = &p.deadline {
        match d.margin {
            Some(m) if d.met => s.push_str(&format!(
                ", target {} met with {} to spare",
                d.written,
                duration(m)
            )),
            Some(m) => s.push_str(&format!(", target {} missed by {}", d.written, duration(m))),
            None => {}
        }
    }
    s
}

/// What a rejection costs: "this finding delays go-live by 3 d 15 min (live by 2026-12-19 if
/// fixed and resubmitted that day)".
pub fn cost(r: &Rejection, tz: &TimeZone) -> String {
    let (subject, verb) = if r.rules.len() == 1 {
        ("this finding", "delays")
    } else {
        ("these findings", "delay")
    };
    format!(
        "{subject} {verb} go-live by {} (live by {} if fixed and resubmitted that day)",
        duration(r.delay),
        date(r.resubmitted_go_live, tz)
    )
}

/// A sentence on the deadline, for the table and Markdown.
pub fn deadline_sentence(p: &Projection, quote: fn(&str) -> String) -> Option<String> {
    let d = p.deadline.as_ref()?;
    let written = quote(&d.written);
    let tz = &p.timezone;
    let latest = time(d.latest_submission, tz);
    Some(match d.margin {
        Some(m) if d.met => format!(
            "target {}: met with {} to spare; latest submission {latest}",
            written,
            duration(m)
        ),
        Some(m) => format!(
            "target {}: missed by {}; latest submission {latest}",
            written,
            duration(m)
        ),
        None => format!(
            "target {}: not met (rejected); latest submission {latest}",
            written
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_as_days_hours_minutes() {
        let h = SignedDuration::from_hours;
        assert_eq!(
            duration(h(15 * 24 + 1) + SignedDuration::from_mins(15)),
            "15 d 1 h 15 min"
        );
        assert_eq!(duration(h(72)), "3 d");
        assert_eq!(duration(SignedDuration::from_mins(15)), "15 min");
        assert_eq!(duration(-SignedDuration::from_secs(61)), "1 min");
        assert_eq!(duration(SignedDuration::from_secs(89)), "1 min");
        assert_eq!(duration(SignedDuration::from_secs(90)), "2 min");
        assert_eq!(duration(SignedDuration::from_secs(59)), "59 s");
        assert_eq!(
            duration(
                SignedDuration::from_hours(10 * 24 + 20) + SignedDuration::from_secs(44 * 60 + 59)
            ),
            "10 d 20 h 45 min"
        );
        assert_eq!(duration(SignedDuration::ZERO), "0 min");
    }

    #[test]
    fn times_are_rfc_3339() {
        let t: Timestamp = "2026-12-01T00:15:00Z".parse().unwrap();
        assert_eq!(time(t, &TimeZone::UTC), "2026-12-01T00:15:00Z");
        let tokyo = TimeZone::fixed(jiff::tz::offset(9));
        assert_eq!(time(t, &tokyo), "2026-12-01T09:15:00+09:00");
        assert_eq!(
            date("2026-12-01T20:00:00Z".parse().unwrap(), &tokyo),
            "2026-12-02"
        );
        assert_eq!(zone_label(&tokyo, t), "+09:00");
        assert_eq!(zone_label(&TimeZone::UTC, t), "UTC");
    }
}
