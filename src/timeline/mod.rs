//! The publishing timeline: when will the offer be live? (docs/timeline.md)
//!
//! [`model`] holds the steps as data (an embedded default, replaceable by the `timeline`
//! section of `.offer-lint.yaml`); [`project`] places each offer's applicable steps in time
//! and finds where an offer with errors would be sent back; [`apply`] runs after the
//! cross-file stage, adds `sas-expiry-covers-certification` and `timeline-deadline` findings,
//! and stores the projection on each offer for the renderers in [`render`].
//!
//! Choices where the spec is silent:
//! - Days are 24 hours and all arithmetic is on UTC instants; the time zone (`--timezone`,
//!   `timeline.timezone`) only changes how dates are shown. JSON is always UTC (`Z`).
//! - `plannedSubmission` as a date is 00:00 UTC that day. `targetGoLive` as a date means "any
//!   time that day": 23:59:59 UTC; the go-live meets it when it is not later.
//! - The start is truncated to whole seconds (the moment of the run has nanoseconds).
//! - Areas: `manifest` (a manifest that does not parse or follow the schema, as long as its
//!   offer id can be read) and `change` are checked at prerequisite validation with the
//!   offer's own areas. A manifest with no readable offer id is not projected at all.
//!   `timeline`, `config` and `suppression` are not Partner Center's checks and reject at no
//!   step. An error in an area that no *applicable* step checks (test drive rules on an offer
//!   without a test drive, or areas a configured model leaves out) rejects nothing.
//! - Rejection counts findings of severity error after configuration and suppressions,
//!   including this stage's own `sas-expiry-covers-certification`; the rejection date is the
//!   latest end of the rejecting step.
//! - A manual step takes `publish.signOffDays` days when given (every manual step, if a
//!   configured model has several), else its own `duration` (none in the default).
//! - "The end of certification" is the end of the last applicable step that checks the `sas`
//!   area (else `cert`); without one, `sas-expiry-covers-certification` does not apply.
//! - The cost of a rejection is the earliest go-live if the findings are fixed and the offer
//!   resubmitted at the rejection's date: the whole model again from then, each step at its
//!   longest (a resubmission goes through every step). The delay is that go-live minus the
//!   go-live without the findings, i.e. the time from submission to the rejection.
//! - A rejected offer has no go-live: its deadline is not met (`marginHours` null) and
//!   `timeline-deadline` stays silent, since its errors already fail the run.

pub mod model;
pub mod project;
pub mod render;

use std::sync::Arc;

use jiff::tz::TimeZone;
use jiff::Timestamp;
use serde_json::Value;

use crate::check::{FileReport, RunContext};
use crate::finding::{Finding, Position, Span};
use crate::load::{SourceFile, SpanIndex};
use crate::rules;

pub use model::Model;
pub use project::{Deadline, Projection, Rejection, StepTime};

/// The timeline's part of a run: the stage model and the display time zone.
#[derive(Debug, Clone)]
pub struct Settings {
    pub model: Arc<Model>,
    /// For display only; JSON is always UTC.
    pub timezone: TimeZone,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            model: Arc::new(Model::embedded().clone()),
            timezone: TimeZone::UTC,
        }
    }
}

impl Settings {
    /// The settings of a configuration's `timeline` section, with `--timezone` winning over
    /// its `timezone`.
    pub fn from_config(
        section: Option<&Value>,
        timezone: Option<&str>,
    ) -> Result<Settings, String> {
        let problems = model::problems(section);
        if !problems.is_empty() {
            return Err(problems
                .iter()
                .map(|p| {
                    format!(
                        "{}: {}",
                        crate::message::display_path(&p.pointer),
                        p.message
                    )
                })
                .collect::<Vec<_>>()
                .join("; "));
        }
        let model = Model::from_config(section)
            .map_err(|_| "the `timeline` section is invalid".to_string())?;
        let configured = section
            .and_then(|s| s.get("timezone"))
            .and_then(Value::as_str);
        let timezone = match timezone.or(configured) {
            Some(tz) => model::parse_timezone(tz)?,
            None => TimeZone::UTC,
        };
        Ok(Settings {
            model: Arc::new(model),
            timezone,
        })
    }
}

/// Where a value is written: its span and positions.
pub type Site = (Span, Position, Position);

/// The expiry (`se`) of one SAS URI of the manifest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SasExpiry {
    /// The URI's pointer, e.g. `/plans/0/technicalConfiguration/vmImageVersions/0/vmImages/0/source/osDisk/uri`.
    pub pointer: String,
    /// The `se=` value inside the URI when it is written literally, else the whole value.
    pub site: Site,
    pub expiry: Timestamp,
}

/// Where the value at `pointer` is written.
pub fn site(index: &SpanIndex, source: &SourceFile, pointer: &str) -> Option<Site> {
    let span = source.first_line(index.exact(pointer)?.value);
    let span = source.clamp(span);
    Some((span, source.position(span.start), source.position(span.end)))
}

fn list(v: Option<&Value>) -> Vec<(usize, &Value)> {
    v.and_then(Value::as_array)
        .map(|a| a.iter().enumerate().collect())
        .unwrap_or_default()
}

/// The `se` of every SAS URI of every plan's images (values already resolved from the
/// environment; unresolved ones and expiries that are not full date-times are left out:
/// `manifest-env-unset` and `sas-dates` report those).
pub fn sas_expiries(v: &Value, index: &SpanIndex, source: &SourceFile) -> Vec<SasExpiry> {
    let mut out = Vec::new();
    for (p, plan) in list(v.get("plans")) {
        let tc = plan.get("technicalConfiguration");
        for (i, version) in list(tc.and_then(|t| t.get("vmImageVersions"))) {
            for (j, image) in list(version.get("vmImages")) {
                let base = format!(
                    "/plans/{p}/technicalConfiguration/vmImageVersions/{i}/vmImages/{j}/source"
                );
                let Some(src) = image.get("source") else {
                    continue;
                };
                let mut uris = vec![(format!("{base}/osDisk/uri"), src.pointer("/osDisk/uri"))];
                for (k, disk) in list(src.get("dataDisks")) {
                    uris.push((format!("{base}/dataDisks/{k}/uri"), disk.get("uri")));
                }
                for (pointer, uri) in uris {
                    let Some(uri) = uri.and_then(Value::as_str) else {
                        continue;
                    };
                    if uri.contains("${env:") {
                        continue;
                    }
                    let Some((raw, expiry)) = expiry_of(uri) else {
                        continue;
                    };
                    let Some(whole) = index.exact(&pointer).map(|s| s.value) else {
                        continue;
                    };
                    let whole = source.clamp(whole);
                    // Point at `se=...` when the URI is written literally on one line.
                    let text = &source.text[whole.start..whole.end];
                    let span = ["?se=", "&se="]
                        .iter()
                        .find_map(|k| text.find(&format!("{}{raw}", k)).map(|i| i + 1))
                        .map(|i| Span::new(whole.start + i, whole.start + i + 3 + raw.len()))
                        .unwrap_or_else(|| source.first_line(whole));
                    let span = source.clamp(span);
                    out.push(SasExpiry {
                        pointer,
                        site: (span, source.position(span.start), source.position(span.end)),
                        expiry,
                    });
                }
            }
        }
    }
    out
}

/// The `se` parameter of a SAS URI as written and as an instant.
fn expiry_of(uri: &str) -> Option<(&str, Timestamp)> {
    let query = uri.split_once('?')?.1;
    let raw = query.split('&').find_map(|kv| kv.strip_prefix("se="))?;
    let decoded = percent_decode(raw)?;
    let t = decoded.parse::<Timestamp>().ok()?;
    Some((raw, t))
}

fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Projects every offer of the run, adds the timeline rules' findings, and stores the
/// projections. Runs after the cross-file stage, so that rejection sees the final findings.
pub fn apply(files: &mut [FileReport], run: &RunContext) {
    let sas_rule = &rules::sas::sas_expiry_covers_certification::RULE;
    let deadline_rule = &rules::timeline::timeline_deadline::RULE;
    for f in files.iter_mut() {
        let Some(mut offer) = f.offer.take() else {
            continue;
        };
        let plan = project::Plan::from_publish(offer.publish.as_ref(), offer.test_drive);
        let (start, from) = project::choose_start(plan.planned, run.start, run.now);
        let mut p = project::project(
            &run.timeline.model,
            &plan,
            start,
            from,
            run.timeline.timezone.clone(),
        );
        let mut added = Vec::new();
        if let (Some(severity), Some(cert)) = (run.rules.effective(sas_rule), p.certification()) {
            for e in offer.sas_expiries.iter().filter(|e| e.expiry < cert.end) {
                let (span, start, end) = e.site;
                added.push(Finding {
                    rule: sas_rule.id,
                    severity,
                    path: f.display.clone(),
                    span,
                    start,
                    end,
                    pointer: e.pointer.clone(),
                    message: format!(
                        "the SAS URI expires at {} (`se`), before the projected end of {} at {}",
                        e.expiry, cert.name, cert.end
                    ),
                    help: Some(format!(
                        "Microsoft copies the image during {}: generate a SAS URI whose `se` is after {} (three weeks or more from its creation)",
                        cert.name,
                        cert.end.strftime("%Y-%m-%d")
                    )),
                    label: "expires too early".into(),
                });
            }
        }
        filter_suppressed(f, &mut added);
        p.reject(f.findings.iter().chain(added.iter()));
        p.judge_deadline(&plan);
        if let (Some(severity), Some(d), Some(go_live), Some((span, start, end))) = (
            run.rules.effective(deadline_rule),
            &p.deadline,
            p.go_live(),
            offer.target_site,
        ) {
            if !d.met {
                let late = go_live.duration_since(d.target);
                let mut one = vec![Finding {
                    rule: deadline_rule.id,
                    severity,
                    path: f.display.clone(),
                    span,
                    start,
                    end,
                    pointer: "/publish/targetGoLive".into(),
                    message: format!(
                        "the projected go-live {} is {} after the target `{}`",
                        go_live,
                        render::duration(late),
                        d.written
                    ),
                    help: Some(format!(
                        "submit by {} at the latest, or move publish.targetGoLive; the projection takes the longest expected time of every step from {} ({})",
                        d.latest_submission,
                        p.start,
                        p.start_from.describe()
                    )),
                    label: format!("{} late", render::duration(late)),
                }];
                filter_suppressed(f, &mut one);
                added.append(&mut one);
            }
        }
        offer.timeline = Some(p);
        f.offer = Some(offer);
        if !added.is_empty() {
            f.findings.append(&mut added);
            f.findings.sort_by(|a, b| {
                (a.span.start, a.rule, &a.message).cmp(&(b.span.start, b.rule, &b.message))
            });
        }
    }
}

/// Drops findings that an inline suppression covers; loads the text for showing the rest.
fn filter_suppressed(f: &mut FileReport, added: &mut Vec<Finding>) {
    if added.is_empty() {
        return;
    }
    if f.source.is_none() {
        f.source = std::fs::read_to_string(&f.display)
            .ok()
            .map(|t| Arc::new(SourceFile::new(f.display.clone(), t)));
    }
    added.retain(|x| !f.suppressions.suppresses(x));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{self, Limits};

    fn expiries(text: &str) -> Vec<SasExpiry> {
        let loaded = load::load_bytes("offer.yaml", text.as_bytes().to_vec(), &Limits::default());
        let doc = loaded.document.unwrap();
        sas_expiries(&doc.value, &doc.index, &loaded.source)
    }

    #[test]
    fn sas_expiries_of_os_and_data_disks() {
        let text = "plans:\n  - technicalConfiguration:\n      vmImageVersions:\n        - vmImages:\n            - source:\n                osDisk: { uri: \"https://a.blob.core.windows.net/vhds/os.vhd?sp=rl&se=2026-12-02T00%3A00%3A00Z&sig=x\" }\n                dataDisks:\n                  - { uri: \"https://a.blob.core.windows.net/vhds/d.vhd?se=2027-01-01T00:00:00Z&sp=rl\" }\n                  - { uri: \"https://a.blob.core.windows.net/vhds/e.vhd?se=2027-01-01&sp=rl\" }\n                  - { uri: \"${env:UNSET}\" }\n";
        let e = expiries(text);
        assert_eq!(
            e.len(),
            2,
            "a date-only `se` and an unresolved value are left out"
        );
        assert_eq!(
            e[0].expiry,
            "2026-12-02T00:00:00Z".parse::<Timestamp>().unwrap()
        );
        assert_eq!(
            e[0].pointer,
            "/plans/0/technicalConfiguration/vmImageVersions/0/vmImages/0/source/osDisk/uri"
        );
        // The span covers `se=...` inside the URI.
        let (span, start, _) = e[0].site;
        assert_eq!(&text[span.start..span.end], "se=2026-12-02T00%3A00%3A00Z");
        assert_eq!(start.line, 6);
        assert_eq!(
            e[1].pointer,
            "/plans/0/technicalConfiguration/vmImageVersions/0/vmImages/0/source/dataDisks/0/uri"
        );
        assert_eq!(
            &text[e[1].site.0.start..e[1].site.0.end],
            "se=2027-01-01T00:00:00Z"
        );
        assert!(expiries("offer: { id: x }\n").is_empty());
    }
}
