//! The `timeline` object of an offer in JSON: date-times in RFC 3339 UTC (`Z`).

use serde_json::{json, Value};

use crate::timeline::render::Entry;
use crate::timeline::Projection;

/// `{"model", "start", "goLive", "steps": [{"name", "start", "end", "manual"}], "rejectedAt": {"step", "date", "rules",
/// "resubmittedGoLive", "delayHours"}, "deadline"}`.
pub fn timeline(p: &Projection) -> Value {
    let t = |x: jiff::Timestamp| Value::String(x.to_string());
    json!({
        "model": p.model,
        "start": t(p.start),
        "goLive": p.go_live().map(t),
        "steps": p.steps.iter().map(|s| json!({
            "name": s.name,
            "start": t(s.start),
            "end": t(s.end),
            "manual": s.manual,
        })).collect::<Vec<_>>(),
        "rejectedAt": p.rejected.as_ref().map(|r| json!({
            "step": r.step,
            "date": t(r.date),
            "rules": r.rules,
            "resubmittedGoLive": t(r.resubmitted_go_live),
            "delayHours": hours(r.delay),
        })),
        "deadline": p.deadline.as_ref().map(|d| json!({
            "target": t(d.target),
            "met": d.met,
            "marginHours": d.margin.map(hours),
            "latestSubmission": t(d.latest_submission),
        })),
    })
}

/// Hours to two decimals.
fn hours(d: jiff::SignedDuration) -> f64 {
    (d.as_secs_f64() / 36.0).round() / 100.0
}

/// The document of `offer-lint timeline --format json`.
pub fn document(entries: &[Entry]) -> String {
    let doc = json!({
        "version": 1,
        "offers": entries.iter().map(|e| json!({
            "id": e.id,
            "path": e.path,
            "timeline": timeline(e.projection),
        })).collect::<Vec<_>>(),
    });
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}
