//! The projection of one offer through the stage model: step dates, rejection and deadline.
//!
//! All arithmetic is jiff's: absolute durations on [`Timestamp`]s, days of 24 hours (UTC).

use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Span, SpanRelativeTo, Timestamp};
use serde_json::Value;

use crate::finding::{Finding, Severity};
use crate::rules::{self, Area};
use crate::timeline::model::Model;

/// What the projection of one offer needs from its manifest.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    pub test_drive: bool,
    /// `publish.signOffDays`.
    pub sign_off_days: Option<i64>,
    /// `publish.plannedSubmission`.
    pub planned: Option<Timestamp>,
    /// `publish.targetGoLive`, as the latest acceptable instant.
    pub target: Option<Timestamp>,
    /// `publish.targetGoLive` as written.
    pub target_text: Option<String>,
}

impl Plan {
    /// Reads the `publish` block (as written) and the test drive switch. Values that do not
    /// parse are left out: the schema reports them.
    pub fn from_publish(publish: Option<&Value>, test_drive: bool) -> Plan {
        let get = |k: &str| publish.and_then(|p| p.get(k));
        let target_text = get("targetGoLive")
            .and_then(Value::as_str)
            .map(str::to_string);
        Plan {
            test_drive,
            sign_off_days: get("signOffDays").and_then(whole_days),
            planned: get("plannedSubmission")
                .and_then(Value::as_str)
                .and_then(|s| parse_instant(s, false)),
            target: target_text.as_deref().and_then(|s| parse_instant(s, true)),
            target_text,
        }
    }
}

fn whole_days(v: &Value) -> Option<i64> {
    match v {
        Value::Number(n) => n
            .as_i64()
            .or_else(|| {
                n.as_f64()
                    .filter(|f| f.fract() == 0.0 && f.abs() < 1e9)
                    .map(|f| f as i64)
            })
            .filter(|d| (0..=36_500).contains(d)),
        _ => None,
    }
}

/// Parses an RFC 3339 date-time, or a date: its start (00:00 UTC) or, with `end_of_day`, its
/// last second (23:59:59 UTC).
pub fn parse_instant(s: &str, end_of_day: bool) -> Option<Timestamp> {
    let s = s.trim();
    if let Ok(t) = s.parse::<Timestamp>() {
        return Some(t);
    }
    let d: Date = s.parse().ok()?;
    let start = d.to_zoned_datetime(TimeZone::UTC).ok()?.timestamp();
    if end_of_day {
        let next = d
            .tomorrow()
            .ok()?
            .to_zoned_datetime(TimeZone::UTC)
            .ok()?
            .timestamp();
        next.checked_sub(SignedDuration::from_secs(1)).ok()
    } else {
        Some(start)
    }
}

/// Where the projection starts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StartFrom {
    /// `publish.plannedSubmission`.
    Manifest,
    /// `--start`.
    Option,
    /// The moment of the run.
    Now,
}

impl StartFrom {
    pub fn describe(self) -> &'static str {
        match self {
            StartFrom::Manifest => "publish.plannedSubmission",
            StartFrom::Option => "--start",
            StartFrom::Now => "now",
        }
    }
}

/// The start: `publish.plannedSubmission`, else `--start`, else now; whole seconds.
pub fn choose_start(
    planned: Option<Timestamp>,
    option: Option<Timestamp>,
    now: Timestamp,
) -> (Timestamp, StartFrom) {
    let (t, from) = match (planned, option) {
        (Some(p), _) => (p, StartFrom::Manifest),
        (None, Some(o)) => (o, StartFrom::Option),
        (None, None) => (now, StartFrom::Now),
    };
    (Timestamp::from_second(t.as_second()).unwrap_or(t), from)
}

/// One applicable step, placed in time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepTime {
    pub name: String,
    pub start: Timestamp,
    /// The latest expected end.
    pub end: Timestamp,
    pub manual: bool,
    pub duration: SignedDuration,
    pub areas: Vec<Area>,
}

/// Where and when the offer would be sent back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejection {
    /// Index into [`Projection::steps`].
    pub index: usize,
    pub step: String,
    /// The latest date by which the rejection would arrive: the end of that step.
    pub date: Timestamp,
    /// The rules with errors checked at that step, sorted.
    pub rules: Vec<&'static str>,
    /// The earliest go-live if the findings are fixed and the offer resubmitted on the
    /// rejection's date: every step again from `date`, each at its longest.
    pub resubmitted_go_live: Timestamp,
    /// What the rejection costs: how much later that go-live is than the projection's go-live
    /// without the findings (the time from submission to the rejection).
    pub delay: SignedDuration,
}

/// The offer's target go-live against the projection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deadline {
    /// The latest acceptable go-live (a date target: 23:59:59 UTC that day).
    pub target: Timestamp,
    /// `targetGoLive` as written.
    pub written: String,
    /// False when the go-live is later, or when the offer is rejected (it would not go live).
    pub met: bool,
    /// target − go-live: positive when early, negative when late; `None` when rejected.
    pub margin: Option<SignedDuration>,
    /// The latest submission that still meets the target with every step at its longest.
    pub latest_submission: Timestamp,
}

/// The projected timeline of one offer.
#[derive(Debug, Clone, PartialEq)]
pub struct Projection {
    /// The name of the stage model (`seed`, `partner-center`, `custom`).
    pub model: String,
    pub start: Timestamp,
    pub start_from: StartFrom,
    pub steps: Vec<StepTime>,
    pub rejected: Option<Rejection>,
    pub deadline: Option<Deadline>,
    /// The display time zone (JSON is always UTC).
    pub timezone: TimeZone,
}

impl Projection {
    /// The end of the last step.
    pub fn end(&self) -> Timestamp {
        self.steps.last().map(|s| s.end).unwrap_or(self.start)
    }

    /// The sum of the steps.
    pub fn total(&self) -> SignedDuration {
        self.start.duration_until(self.end())
    }

    /// The projected go-live; none when the offer would be rejected.
    pub fn go_live(&self) -> Option<Timestamp> {
        self.rejected.is_none().then(|| self.end())
    }

    /// The end of certification: the last step that checks SAS URIs (or, failing that, the
    /// certification rules).
    pub fn certification(&self) -> Option<&StepTime> {
        let by = |area: Area| self.steps.iter().rev().find(|s| s.areas.contains(&area));
        by(Area::Sas).or_else(|| by(Area::Cert))
    }

    /// Marks the offer rejected at the first step whose areas have an error among `findings`.
    pub fn reject<'a>(&mut self, findings: impl IntoIterator<Item = &'a Finding> + Clone) {
        self.rejected = None;
        for (index, step) in self.steps.iter().enumerate() {
            let mut ids: Vec<&'static str> = findings
                .clone()
                .into_iter()
                .filter(|f| f.severity == Severity::Error)
                .filter(|f| rules::by_id(f.rule).is_some_and(|r| step.areas.contains(&r.area)))
                .map(|f| f.rule)
                .collect();
            if ids.is_empty() {
                continue;
            }
            ids.sort_unstable();
            ids.dedup();
            let resubmitted_go_live = step
                .end
                .saturating_add(self.total())
                .unwrap_or(Timestamp::MAX);
            self.rejected = Some(Rejection {
                index,
                step: step.name.clone(),
                date: step.end,
                rules: ids,
                resubmitted_go_live,
                delay: self.end().duration_until(resubmitted_go_live),
            });
            return;
        }
    }

    /// Compares the go-live with the plan's target, if it has one.
    pub fn judge_deadline(&mut self, plan: &Plan) {
        self.deadline = plan.target.map(|target| {
            let go_live = self.go_live();
            Deadline {
                target,
                written: plan.target_text.clone().unwrap_or_default(),
                met: go_live.is_some_and(|g| g <= target),
                margin: go_live.map(|g| g.duration_until(target)),
                latest_submission: target
                    .saturating_sub(self.total())
                    .unwrap_or(Timestamp::MIN),
            }
        });
    }
}

/// Places each applicable step of `model` in time from `start`. Manual steps take the plan's
/// sign-off days when given, else their own duration.
pub fn project(
    model: &Model,
    plan: &Plan,
    start: Timestamp,
    start_from: StartFrom,
    timezone: TimeZone,
) -> Projection {
    let sign_off = plan.sign_off_days.map(|d| {
        Span::new()
            .try_days(d)
            .and_then(|s| s.to_duration(SpanRelativeTo::days_are_24_hours()))
            .unwrap_or(SignedDuration::MAX)
    });
    let mut at = start;
    let mut steps = Vec::new();
    for step in model.applicable(plan.test_drive) {
        let duration = match (step.manual, sign_off) {
            (true, Some(d)) => d,
            _ => step.duration,
        };
        let end = at.saturating_add(duration).unwrap_or(Timestamp::MAX);
        steps.push(StepTime {
            name: step.name.clone(),
            start: at,
            end,
            manual: step.manual,
            duration,
            areas: step.areas.clone(),
        });
        at = end;
    }
    Projection {
        model: model.name.clone(),
        start,
        start_from,
        steps,
        rejected: None,
        deadline: None,
        timezone,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::{Position, Span as ByteSpan};

    fn ts(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    fn plan(test_drive: bool, sign_off_days: Option<i64>) -> Plan {
        Plan {
            test_drive,
            sign_off_days,
            ..Plan::default()
        }
    }

    fn run(plan: &Plan) -> Projection {
        let start = ts("2026-12-01T00:00:00Z");
        project(
            Model::embedded(),
            plan,
            start,
            StartFrom::Manifest,
            TimeZone::UTC,
        )
    }

    fn finding(rule: &'static str, severity: Severity) -> Finding {
        Finding {
            rule,
            severity,
            path: "offer.yaml".into(),
            span: ByteSpan::default(),
            start: Position::default(),
            end: Position::default(),
            pointer: String::new(),
            message: String::new(),
            help: None,
            label: String::new(),
        }
    }

    fn days_hours_mins(d: i64, h: i64, m: i64) -> SignedDuration {
        SignedDuration::from_hours(d * 24 + h) + SignedDuration::from_mins(m)
    }

    #[test]
    fn without_a_test_drive_the_steps_sum_to_15_days_1_hour_15_minutes() {
        let p = run(&plan(false, None));
        assert_eq!(p.steps.len(), 7);
        assert_eq!(p.total(), days_hours_mins(15, 1, 15));
        assert_eq!(p.go_live(), Some(ts("2026-12-16T01:15:00Z")));
        assert!(!p.steps.iter().any(|s| s.name == "Test drive validation"));
    }

    #[test]
    fn with_a_test_drive_the_steps_sum_to_15_days_3_hours_15_minutes() {
        let p = run(&plan(true, None));
        assert_eq!(p.steps.len(), 8);
        assert_eq!(p.total(), days_hours_mins(15, 3, 15));
        assert_eq!(p.steps[1].name, "Test drive validation");
        assert_eq!(p.steps[1].start, ts("2026-12-01T00:15:00Z"));
        assert_eq!(p.steps[1].end, ts("2026-12-01T02:15:00Z"));
    }

    #[test]
    fn steps_follow_each_other() {
        let p = run(&plan(false, None));
        for w in p.steps.windows(2) {
            assert_eq!(w[0].end, w[1].start);
        }
        assert_eq!(p.steps[0].start, p.start);
        let cert = p.certification().unwrap();
        assert_eq!(cert.name, "Certification");
        assert_eq!(cert.end, ts("2026-12-04T00:15:00Z"));
    }

    #[test]
    fn sign_off_takes_the_sign_off_days() {
        let p = run(&plan(false, Some(2)));
        let s = p.steps.iter().find(|s| s.manual).unwrap();
        assert_eq!(s.name, "Publisher sign-off");
        assert_eq!(s.duration, SignedDuration::from_hours(48));
        assert_eq!(p.total(), days_hours_mins(17, 1, 15));
        assert_eq!(
            run(&plan(false, Some(0))).total(),
            days_hours_mins(15, 1, 15)
        );
    }

    #[test]
    fn publish_block_values() {
        let v: Value = serde_json::json!({
            "plannedSubmission": "2026-12-01",
            "targetGoLive": "2026-12-20",
            "signOffDays": 1
        });
        let p = Plan::from_publish(Some(&v), false);
        assert_eq!(p.planned, Some(ts("2026-12-01T00:00:00Z")));
        assert_eq!(p.target, Some(ts("2026-12-20T23:59:59Z")));
        assert_eq!(p.sign_off_days, Some(1));
        let v: Value = serde_json::json!({
            "plannedSubmission": "2026-12-01T09:30:00+09:00",
            "targetGoLive": "2026-12-20T12:00:00Z",
            "signOffDays": -1
        });
        let p = Plan::from_publish(Some(&v), true);
        assert_eq!(p.planned, Some(ts("2026-12-01T00:30:00Z")));
        assert_eq!(p.target, Some(ts("2026-12-20T12:00:00Z")));
        assert_eq!(p.sign_off_days, None);
        assert_eq!(Plan::from_publish(None, false), Plan::default());
        let v: Value = serde_json::json!({ "plannedSubmission": "soon" });
        assert_eq!(Plan::from_publish(Some(&v), false).planned, None);
    }

    #[test]
    fn start_precedence_manifest_then_option_then_now() {
        let planned = ts("2026-12-01T00:00:00Z");
        let option = ts("2026-12-05T00:00:00Z");
        let now = ts("2026-11-24T10:11:12.5Z");
        assert_eq!(
            choose_start(Some(planned), Some(option), now),
            (planned, StartFrom::Manifest)
        );
        assert_eq!(
            choose_start(None, Some(option), now),
            (option, StartFrom::Option)
        );
        assert_eq!(
            choose_start(None, None, now),
            (ts("2026-11-24T10:11:12Z"), StartFrom::Now)
        );
    }

    fn with_target(target: &str) -> Projection {
        let plan = Plan {
            target: parse_instant(target, true),
            target_text: Some(target.into()),
            ..Plan::default()
        };
        let mut p = run(&plan);
        p.judge_deadline(&plan);
        p
    }

    #[test]
    fn deadline_met_exactly_at_the_boundary() {
        // Go-live 2026-12-16T01:15:00Z.
        let p = with_target("2026-12-16T01:15:00Z");
        let d = p.deadline.unwrap();
        assert!(d.met);
        assert_eq!(d.margin, Some(SignedDuration::ZERO));
        assert_eq!(d.latest_submission, ts("2026-12-01T00:00:00Z"));
    }

    #[test]
    fn deadline_missed_by_one_second() {
        let d = with_target("2026-12-16T01:14:59Z").deadline.unwrap();
        assert!(!d.met);
        assert_eq!(d.margin, Some(SignedDuration::from_secs(-1)));
        assert_eq!(d.latest_submission, ts("2026-11-30T23:59:59Z"));
    }

    #[test]
    fn a_date_target_means_any_time_that_day() {
        let d = with_target("2026-12-16").deadline.unwrap();
        assert!(d.met);
        assert_eq!(d.target, ts("2026-12-16T23:59:59Z"));
        assert_eq!(d.latest_submission, ts("2026-12-01T22:44:59Z"));
        let d = with_target("2026-12-15").deadline.unwrap();
        assert!(!d.met);
        assert_eq!(d.margin, Some(SignedDuration::from_secs(-(75 * 60 + 1))));
    }

    #[test]
    fn each_rule_area_rejects_at_its_step() {
        let expect = [
            ("manifest-schema", Some("Prerequisite validation")),
            ("offer-id-format", Some("Prerequisite validation")),
            ("leads-https-endpoint", Some("Prerequisite validation")),
            ("categories-count", Some("Prerequisite validation")),
            ("listing-title-length", Some("Prerequisite validation")),
            ("media-logo-large", Some("Prerequisite validation")),
            ("preview-audience", Some("Prerequisite validation")),
            ("plan-id-format", Some("Prerequisite validation")),
            ("pricing-free-trial", Some("Prerequisite validation")),
            ("tech-vm-sizes", Some("Prerequisite validation")),
            ("change-visibility", Some("Prerequisite validation")),
            ("test-drive-type", Some("Test drive validation")),
            ("cert-linux-agent", Some("Certification")),
            ("sas-permissions", Some("Certification")),
            ("sas-expiry-covers-certification", Some("Certification")),
            ("timeline-deadline", None),
            ("config-invalid", None),
            ("suppression-unused", None),
        ];
        for (rule, step) in expect {
            let mut p = run(&plan(true, None));
            p.reject([&finding(rule, Severity::Error)]);
            assert_eq!(p.rejected.as_ref().map(|r| r.step.as_str()), step, "{rule}");
            if let Some(r) = &p.rejected {
                assert_eq!(r.rules, [rule]);
                assert_eq!(r.date, p.steps[r.index].end);
                assert_eq!(p.go_live(), None);
            }
        }
        // Every area is checked at one default step, except those that are not Partner
        // Center's: the timeline itself, configuration and suppressions.
        for area in Area::ALL {
            let steps = Model::embedded()
                .steps
                .iter()
                .filter(|s| s.areas.contains(&area))
                .count();
            let expected = usize::from(!matches!(
                area,
                Area::Timeline | Area::Config | Area::Suppression
            ));
            assert_eq!(steps, expected, "{}", area.name());
        }
    }

    #[test]
    fn test_drive_errors_do_not_reject_an_offer_without_a_test_drive() {
        let mut p = run(&plan(false, None));
        p.reject([&finding("test-drive-type", Severity::Error)]);
        assert_eq!(p.rejected, None);
    }

    #[test]
    fn only_errors_reject_and_the_first_step_wins() {
        let mut p = run(&plan(false, None));
        p.reject([&finding("cert-linux-agent", Severity::Warning)]);
        assert_eq!(p.rejected, None);
        let fs = [
            finding("cert-linux-swap", Severity::Error),
            finding("cert-linux-agent", Severity::Error),
            finding("cert-linux-agent", Severity::Error),
            finding("listing-links", Severity::Warning),
        ];
        p.reject(&fs);
        let r = p.rejected.clone().unwrap();
        assert_eq!(
            (r.step.as_str(), r.rules.clone()),
            ("Certification", vec!["cert-linux-agent", "cert-linux-swap"])
        );
        assert_eq!(r.date, ts("2026-12-04T00:15:00Z"));
        let fs = [
            finding("cert-linux-swap", Severity::Error),
            finding("listing-links", Severity::Error),
        ];
        p.reject(&fs);
        let r = p.rejected.clone().unwrap();
        assert_eq!(
            (r.step.as_str(), r.rules),
            ("Prerequisite validation", vec!["listing-links"])
        );
        assert_eq!(r.date, ts("2026-12-01T00:15:00Z"));
    }

    /// The cost of a rejection in `model`, started 2026-12-01T00:00Z, without a test drive and
    /// with two days of sign-off: (step, rejection date, go-live if resubmitted then, delay).
    fn cost(model: &Model, rule: &'static str) -> (String, Timestamp, Timestamp, SignedDuration) {
        let mut p = project(
            model,
            &plan(false, Some(2)),
            ts("2026-12-01T00:00:00Z"),
            StartFrom::Manifest,
            TimeZone::UTC,
        );
        let without = p.end();
        p.reject([&finding(rule, Severity::Error)]);
        let r = p.rejected.unwrap();
        assert_eq!(r.resubmitted_go_live, without + r.delay);
        (r.step, r.date, r.resubmitted_go_live, r.delay)
    }

    #[test]
    fn a_rejection_costs_the_time_up_to_it_in_the_seed_model() {
        // 15 d 1 h 15 min of steps plus 2 days of sign-off: live 2026-12-18T01:15Z unrejected.
        let seed = Model::embedded();
        assert_eq!(
            cost(seed, "listing-links"),
            (
                "Prerequisite validation".into(),
                ts("2026-12-01T00:15:00Z"),
                ts("2026-12-18T01:30:00Z"),
                SignedDuration::from_mins(15)
            )
        );
        assert_eq!(
            cost(seed, "cert-linux-agent"),
            (
                "Certification".into(),
                ts("2026-12-04T00:15:00Z"),
                ts("2026-12-21T01:30:00Z"),
                days_hours_mins(3, 0, 15)
            )
        );
    }

    #[test]
    fn a_rejection_costs_the_time_up_to_it_in_the_partner_center_model() {
        // 25 min + 3 d + 4 d 1 h + 2 d sign-off + 8 d: live 2026-12-18T01:25Z unrejected.
        let pc = Model::built_in("partner-center").unwrap();
        assert_eq!(
            cost(pc, "plan-id-format"),
            (
                "Automated validation".into(),
                ts("2026-12-01T00:25:00Z"),
                ts("2026-12-18T01:50:00Z"),
                SignedDuration::from_mins(25)
            )
        );
        assert_eq!(
            cost(pc, "sas-permissions"),
            (
                "Certification".into(),
                ts("2026-12-04T00:25:00Z"),
                ts("2026-12-21T01:50:00Z"),
                days_hours_mins(3, 0, 25)
            )
        );
    }

    #[test]
    fn a_rejected_offer_has_no_go_live_and_misses_its_target() {
        let plan = Plan {
            target: parse_instant("2027-06-01", true),
            target_text: Some("2027-06-01".into()),
            ..Plan::default()
        };
        let mut p = run(&plan);
        p.reject([&finding("listing-links", Severity::Error)]);
        p.judge_deadline(&plan);
        let d = p.deadline.unwrap();
        assert!(!d.met);
        assert_eq!(d.margin, None);
    }

    #[test]
    fn a_replaced_model_from_configuration() {
        let m = crate::timeline::model::from_yaml(
            "timeline:\n  steps:\n    - { name: Automated validation, duration: PT30M, areas: [offer, listing, plans] }\n    - { name: Publisher sign-off, manual: true, duration: P1D }\n    - { name: Certification, duration: P2D, areas: [cert, sas] }\n    - { name: Publish, duration: PT45M }\n",
        )
        .unwrap();
        let start = ts("2026-12-01T00:00:00Z");
        let p = project(
            &m,
            &plan(false, None),
            start,
            StartFrom::Option,
            TimeZone::UTC,
        );
        assert_eq!(p.steps.len(), 4);
        assert_eq!(p.total(), days_hours_mins(3, 1, 15));
        assert_eq!(p.certification().unwrap().end, ts("2026-12-04T00:30:00Z"));
        // The manifest's sign-off days win over the step's own duration.
        let p = project(
            &m,
            &plan(false, Some(3)),
            start,
            StartFrom::Option,
            TimeZone::UTC,
        );
        assert_eq!(p.total(), days_hours_mins(5, 1, 15));
        let mut p = p;
        p.reject([&finding("tech-vm-sizes", Severity::Error)]);
        assert_eq!(p.rejected, None, "tech is checked at no step of this model");
        p.reject([&finding("cert-generalized", Severity::Error)]);
        assert_eq!(p.rejected.unwrap().step, "Certification");
    }
}
