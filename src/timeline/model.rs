//! The stage model: the publishing steps, their durations, conditions and rule areas, as data.
//!
//! Two models are built in, embedded in the binary: `seed` (`default.yaml`, the default) and
//! `partner-center` (`partner-center.yaml`), each with its sources. The `timeline` section of
//! `.offer-lint.yaml` names one (`model`) or gives its own `steps` in the same form.

use std::sync::OnceLock;

use jiff::fmt::temporal::{DateTimeParser, SpanParser};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, SpanRelativeTo};
use serde_json::Value;

use crate::load::{self, Limits};
use crate::rules::Area;

/// The embedded default model, in the form of the configuration's `timeline` section.
pub const DEFAULT_YAML: &str = include_str!("default.yaml");

/// The current Partner Center flow, the second built-in model (`timeline.model: partner-center`).
pub const PARTNER_CENTER_YAML: &str = include_str!("partner-center.yaml");

/// The built-in models by the name `timeline.model` gives them; the first is the default.
pub const BUILT_IN: [(&str, &str); 2] = [
    ("seed", DEFAULT_YAML),
    ("partner-center", PARTNER_CENTER_YAML),
];

/// When a step applies to an offer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Condition {
    /// Every offer.
    Always,
    /// Only offers with `setup.testDrive.enabled: true`.
    TestDrive,
}

impl Condition {
    /// The name used in configuration (`when:`).
    pub fn name(self) -> Option<&'static str> {
        match self {
            Condition::Always => None,
            Condition::TestDrive => Some("testDrive"),
        }
    }

    fn parse(s: &str) -> Option<Condition> {
        match s {
            "testDrive" => Some(Condition::TestDrive),
            _ => None,
        }
    }

    /// True when the step applies to an offer with (or without) a test drive.
    pub fn holds(self, test_drive: bool) -> bool {
        match self {
            Condition::Always => true,
            Condition::TestDrive => test_drive,
        }
    }
}

/// One publishing step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub name: String,
    /// The longest time the step is expected to take; for a manual step, the time it takes
    /// when the manifest gives no `publish.signOffDays`.
    pub duration: SignedDuration,
    /// The publisher's own step (sign-off): takes `publish.signOffDays` days when given.
    pub manual: bool,
    pub when: Condition,
    /// The rule areas checked at this step.
    pub areas: Vec<Area>,
}

/// The ordered publishing steps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Model {
    /// `seed` or `partner-center` for a built-in model, `custom` for configured steps.
    pub name: String,
    pub steps: Vec<Step>,
}

/// A problem in a `timeline` section, at a JSON pointer into the configuration file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub pointer: String,
    pub message: String,
}

impl Default for Model {
    fn default() -> Self {
        Model::embedded().clone()
    }
}

impl Model {
    /// The embedded default model (docs/timeline.md).
    pub fn embedded() -> &'static Model {
        Model::built_in(BUILT_IN[0].0).expect("the default model is built in")
    }

    /// A built-in model by name (`seed`, `partner-center`).
    pub fn built_in(name: &str) -> Option<&'static Model> {
        static MODELS: OnceLock<Vec<Model>> = OnceLock::new();
        let models = MODELS.get_or_init(|| {
            BUILT_IN
                .iter()
                .map(|(name, yaml)| {
                    let v = yaml_value(yaml).expect("a built-in timeline parses as YAML");
                    let mut m = Model::from_section(&v, "").expect("a built-in timeline is valid");
                    m.name = (*name).to_string();
                    m
                })
                .collect()
        });
        models.iter().find(|m| m.name == name)
    }

    /// The model a configuration's `timeline` section gives: its `steps` when present, else
    /// the built-in model it names with `model`, else the default.
    pub fn from_config(section: Option<&Value>) -> Result<Model, Vec<Problem>> {
        match section {
            Some(v) if v.get("steps").is_some() => Model::from_section(v, "/timeline"),
            Some(v) => match v.get("model") {
                None => Ok(Model::embedded().clone()),
                Some(m) => m
                    .as_str()
                    .and_then(Model::built_in)
                    .cloned()
                    .ok_or_else(|| vec![unknown_model(m)]),
            },
            None => Ok(Model::embedded().clone()),
        }
    }

    /// Parses a section of the form of `default.yaml`; `base` is its pointer in the file.
    pub fn from_section(section: &Value, base: &str) -> Result<Model, Vec<Problem>> {
        let mut problems = Vec::new();
        let mut steps = Vec::new();
        let at = format!("{base}/steps");
        match section.get("steps") {
            Some(Value::Array(items)) if !items.is_empty() => {
                for (i, item) in items.iter().enumerate() {
                    if let Some(s) = step(item, &format!("{at}/{i}"), &mut problems) {
                        steps.push(s);
                    }
                }
            }
            Some(Value::Array(_)) => {
                problems.push(problem(&at, "`steps` is empty; list at least one step"))
            }
            _ => problems.push(problem(&at, "`steps` must be a list of steps")),
        }
        if problems.is_empty() {
            Ok(Model {
                name: "custom".into(),
                steps,
            })
        } else {
            Err(problems)
        }
    }

    /// The steps that apply to an offer with (or without) a test drive, in order.
    pub fn applicable(&self, test_drive: bool) -> impl Iterator<Item = &Step> {
        self.steps.iter().filter(move |s| s.when.holds(test_drive))
    }
}

/// Every problem of a configuration's `timeline` section (steps and time zone).
pub fn problems(section: Option<&Value>) -> Vec<Problem> {
    let Some(section) = section else {
        return Vec::new();
    };
    let Value::Object(m) = section else {
        return vec![problem(
            "/timeline",
            "`timeline` must be a mapping with `timezone` and `steps`",
        )];
    };
    let mut out = Vec::new();
    for k in m.keys() {
        if !matches!(k.as_str(), "timezone" | "model" | "steps") {
            out.push(problem(
                &format!("/timeline/{}", load::yaml::escape_token(k)),
                &format!(
                    "unknown key `{k}` in `timeline`; the keys are `timezone`, `model` and `steps`"
                ),
            ));
        }
    }
    if m.contains_key("model") && m.contains_key("steps") {
        out.push(problem(
            "/timeline/model",
            "give either `model` (a built-in model) or `steps` (your own), not both",
        ));
    }
    match m.get("timezone") {
        None => {}
        Some(Value::String(s)) => {
            if let Err(e) = parse_timezone(s) {
                out.push(problem("/timeline/timezone", &e));
            }
        }
        Some(_) => out.push(problem(
            "/timeline/timezone",
            "`timezone` must be a string such as `UTC` or `Europe/Paris`",
        )),
    }
    if let Err(mut p) = Model::from_config(Some(section)) {
        out.append(&mut p);
    }
    out
}

fn unknown_model(v: &Value) -> Problem {
    let names: Vec<String> = BUILT_IN.iter().map(|(n, _)| format!("`{n}`")).collect();
    let shown = match v.as_str() {
        Some(s) => format!("`{}`", s.escape_debug()),
        None => "this".into(),
    };
    problem(
        "/timeline/model",
        &format!(
            "{shown} is not a built-in timeline model; the models are {}",
            names.join(" and ")
        ),
    )
}

fn problem(pointer: &str, message: &str) -> Problem {
    Problem {
        pointer: pointer.to_string(),
        message: message.to_string(),
    }
}

fn step(v: &Value, at: &str, problems: &mut Vec<Problem>) -> Option<Step> {
    let Value::Object(m) = v else {
        problems.push(problem(
            at,
            "a step must be a mapping with `name`, `duration`, `manual`, `when` and `areas`",
        ));
        return None;
    };
    let before = problems.len();
    for k in m.keys() {
        if !matches!(
            k.as_str(),
            "name" | "duration" | "manual" | "when" | "areas"
        ) {
            problems.push(problem(
                &format!("{at}/{}", load::yaml::escape_token(k)),
                &format!("unknown key `{k}` in a step; the keys are name, duration, manual, when and areas"),
            ));
        }
    }
    let name = match m.get("name") {
        Some(Value::String(s)) if !s.trim().is_empty() => s.trim().to_string(),
        _ => {
            problems.push(problem(
                &format!("{at}/name"),
                "a step needs a non-empty `name`",
            ));
            String::new()
        }
    };
    let manual = match m.get("manual") {
        None => false,
        Some(Value::Bool(b)) => *b,
        Some(_) => {
            problems.push(problem(
                &format!("{at}/manual"),
                "`manual` must be true or false",
            ));
            false
        }
    };
    let duration = match m.get("duration") {
        Some(Value::String(s)) => match parse_duration(s) {
            Ok(d) => d,
            Err(e) => {
                problems.push(problem(&format!("{at}/duration"), &e));
                SignedDuration::ZERO
            }
        },
        None if manual => SignedDuration::ZERO,
        None => {
            problems.push(problem(
                &format!("{at}/duration"),
                "a step needs a `duration` (ISO 8601, e.g. PT15M, PT2H, P3D) unless it is `manual`",
            ));
            SignedDuration::ZERO
        }
        Some(_) => {
            problems.push(problem(
                &format!("{at}/duration"),
                "`duration` must be an ISO 8601 duration string such as PT15M, PT2H or P3D",
            ));
            SignedDuration::ZERO
        }
    };
    let when = match m.get("when") {
        None | Some(Value::Null) => Condition::Always,
        Some(Value::String(s)) => Condition::parse(s).unwrap_or_else(|| {
            problems.push(problem(
                &format!("{at}/when"),
                &format!("unknown condition `{s}`; the only condition is `testDrive`"),
            ));
            Condition::Always
        }),
        Some(_) => {
            problems.push(problem(
                &format!("{at}/when"),
                "`when` must be the string `testDrive`",
            ));
            Condition::Always
        }
    };
    let mut areas = Vec::new();
    match m.get("areas") {
        None | Some(Value::Null) => {}
        Some(Value::Array(items)) => {
            for (i, a) in items.iter().enumerate() {
                match a.as_str().and_then(Area::parse) {
                    Some(area) if !areas.contains(&area) => areas.push(area),
                    Some(_) => {}
                    None => problems.push(problem(
                        &format!("{at}/areas/{i}"),
                        &format!(
                            "{} is not a rule area; the areas are {}",
                            a.as_str()
                                .map(|s| format!("`{s}`"))
                                .unwrap_or_else(|| "this".into()),
                            Area::ALL
                                .iter()
                                .map(|a| a.name())
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    )),
                }
            }
        }
        Some(_) => problems.push(problem(
            &format!("{at}/areas"),
            "`areas` must be a list of rule area names",
        )),
    }
    (problems.len() == before).then_some(Step {
        name,
        duration,
        manual,
        when,
        areas,
    })
}

/// Parses an ISO 8601 duration (`PT15M`, `P3D`, `P1W`); days are 24 hours. Years and months
/// have no fixed length and are refused, and so are negative durations.
pub fn parse_duration(s: &str) -> Result<SignedDuration, String> {
    static PARSER: SpanParser = SpanParser::new();
    let bad = || format!("`{s}` is not an ISO 8601 duration such as PT15M, PT2H or P3D");
    let text = s.trim();
    if !text.starts_with(['P', 'p', '+']) {
        return Err(bad());
    }
    let span = PARSER.parse_span(text).map_err(|_| bad())?;
    if span.get_years() != 0 || span.get_months() != 0 {
        return Err(format!(
            "`{s}`: years and months have no fixed length; give the duration in days, e.g. P30D"
        ));
    }
    if span.is_negative() {
        return Err(format!(
            "`{s}` is negative; a step cannot take less than no time"
        ));
    }
    span.to_duration(SpanRelativeTo::days_are_24_hours())
        .map_err(|e| format!("`{s}`: {e}"))
}

/// Parses a display time zone: `UTC`, an IANA name (`Europe/Paris`) or a fixed offset (`+09:00`).
pub fn parse_timezone(s: &str) -> Result<TimeZone, String> {
    static PARSER: DateTimeParser = DateTimeParser::new();
    let t = s.trim();
    if t.eq_ignore_ascii_case("utc") || t == "Z" {
        return Ok(TimeZone::UTC);
    }
    PARSER.parse_time_zone(t).map_err(|e| {
        format!("`{s}` is not a time zone: give `UTC`, an IANA name such as `Europe/Paris`, or an offset such as `+09:00` ({e})")
    })
}

/// Parses YAML text with the manifest loader into a JSON value.
fn yaml_value(text: &str) -> Option<Value> {
    let loaded = load::load_bytes("timeline", text.as_bytes().to_vec(), &Limits::default());
    if !loaded.errors.is_empty() {
        return None;
    }
    loaded.document.map(|d| d.value)
}

#[cfg(test)]
pub(crate) fn from_yaml(text: &str) -> Result<Model, Vec<Problem>> {
    let v = yaml_value(text).expect("test YAML parses");
    Model::from_config(v.get("timeline"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hours(h: i64) -> SignedDuration {
        SignedDuration::from_hours(h)
    }

    #[test]
    fn the_default_model_is_the_table_of_the_spec() {
        let m = Model::embedded();
        let names: Vec<&str> = m.steps.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "Prerequisite validation",
                "Test drive validation",
                "Certification",
                "Provisioning",
                "Packaging and lead-generation registration",
                "Publisher sign-off",
                "Provisioning",
                "Live"
            ]
        );
        let d: Vec<SignedDuration> = m.steps.iter().map(|s| s.duration).collect();
        assert_eq!(
            d,
            [
                SignedDuration::from_mins(15),
                hours(2),
                hours(72),
                hours(96),
                hours(1),
                SignedDuration::ZERO,
                hours(96),
                hours(96)
            ]
        );
        assert_eq!(m.steps[1].when, Condition::TestDrive);
        assert!(m.steps[5].manual);
        assert_eq!(m.steps.iter().filter(|s| s.manual).count(), 1);
        assert_eq!(m.applicable(false).count(), 7);
        assert_eq!(m.applicable(true).count(), 8);
        assert!(m.steps[2].areas.contains(&Area::Cert) && m.steps[2].areas.contains(&Area::Sas));
        assert_eq!(m.steps[1].areas, [Area::TestDrive]);
    }

    #[test]
    fn the_partner_center_model_has_the_current_phases() {
        let m = Model::built_in("partner-center").unwrap();
        assert_eq!(m.name, "partner-center");
        let names: Vec<&str> = m.steps.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "Automated validation",
                "Test drive validation",
                "Certification",
                "Preview creation",
                "Publisher sign-off",
                "Publish"
            ]
        );
        let d: Vec<SignedDuration> = m.steps.iter().map(|s| s.duration).collect();
        assert_eq!(
            d,
            [
                SignedDuration::from_mins(25),
                SignedDuration::from_mins(35),
                hours(72),
                hours(97),
                SignedDuration::ZERO,
                hours(192)
            ]
        );
        assert!(m.steps[4].manual);
        // Every area the seed checks somewhere, this model checks too, at the same kind of step.
        for area in Area::ALL {
            let at = |m: &Model| m.steps.iter().position(|s| s.areas.contains(&area));
            let seed = at(Model::embedded()).map(|i| Model::embedded().steps[i].name.clone());
            let pc = at(m).map(|i| m.steps[i].name.clone());
            let seed = seed.map(|n| n.replace("Prerequisite validation", "Automated validation"));
            assert_eq!(seed, pc, "{}", area.name());
        }
        assert_eq!(Model::embedded().name, "seed");
    }

    #[test]
    fn a_configuration_names_a_built_in_model() {
        let m = from_yaml("timeline:\n  model: partner-center\n").unwrap();
        assert_eq!(m, *Model::built_in("partner-center").unwrap());
        assert_eq!(
            from_yaml("timeline:\n  model: seed\n").unwrap(),
            *Model::embedded()
        );
        let v = yaml_value("timeline:\n  model: \"fast\\u001b[31m\"\n").unwrap();
        let p = problems(v.get("timeline"));
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].pointer, "/timeline/model");
        assert!(
            p[0].message.contains("`seed` and `partner-center`"),
            "{}",
            p[0].message
        );
        assert!(!p[0].message.contains('\u{1b}'), "{}", p[0].message);
        let v =
            yaml_value("timeline:\n  model: seed\n  steps:\n    - { name: A, duration: PT1H }\n")
                .unwrap();
        let p = problems(v.get("timeline"));
        assert_eq!(p.len(), 1);
        assert!(p[0].message.contains("not both"));
    }

    #[test]
    fn durations_are_iso_8601_with_24_hour_days() {
        assert_eq!(parse_duration("PT15M"), Ok(SignedDuration::from_mins(15)));
        assert_eq!(parse_duration("P3D"), Ok(hours(72)));
        assert_eq!(parse_duration("P1W"), Ok(hours(168)));
        assert_eq!(
            parse_duration("P1DT2H30M"),
            Ok(hours(26) + SignedDuration::from_mins(30))
        );
        assert!(parse_duration("3 days").is_err());
        assert!(parse_duration("P1M").unwrap_err().contains("months"));
        assert!(parse_duration("-P1D").is_err());
        assert!(parse_duration("").is_err());
    }

    #[test]
    fn time_zones() {
        assert_eq!(parse_timezone("UTC"), Ok(TimeZone::UTC));
        assert_eq!(
            parse_timezone("+09:00"),
            Ok(TimeZone::fixed(jiff::tz::offset(9)))
        );
        assert!(parse_timezone("Mars/Olympus").is_err());
    }

    #[test]
    fn a_configuration_replaces_the_steps() {
        let m = from_yaml(
            "timeline:\n  timezone: UTC\n  steps:\n    - { name: Automated validation, duration: PT1H, areas: [offer, listing] }\n    - { name: Certification, duration: P5D, areas: [cert, sas] }\n    - { name: Sign-off, manual: true, duration: P1D }\n    - { name: Go live, duration: PT30M, when: testDrive }\n",
        )
        .unwrap();
        assert_eq!(m.steps.len(), 4);
        assert_eq!(m.steps[1].duration, hours(120));
        assert_eq!(m.steps[2].duration, hours(24));
        assert!(m.steps[2].manual);
        assert_eq!(m.steps[3].when, Condition::TestDrive);
        // Only a time zone: the default steps.
        assert_eq!(
            from_yaml("timeline:\n  timezone: UTC\n").unwrap(),
            *Model::embedded()
        );
        assert_eq!(from_yaml("rules: {}\n").unwrap(), *Model::embedded());
    }

    #[test]
    fn problems_name_their_place() {
        let v = yaml_value(
            "timeline:\n  timezone: Nowhere/Else\n  colour: red\n  steps:\n    - { name: A, duration: 3 days }\n    - { duration: PT1H, areas: [offer, nope], when: weekend }\n    - { name: C }\n",
        )
        .unwrap();
        let p = problems(v.get("timeline"));
        let pointers: Vec<&str> = p.iter().map(|p| p.pointer.as_str()).collect();
        assert_eq!(
            pointers,
            [
                "/timeline/colour",
                "/timeline/timezone",
                "/timeline/steps/0/duration",
                "/timeline/steps/1/name",
                "/timeline/steps/1/when",
                "/timeline/steps/1/areas/1",
                "/timeline/steps/2/duration"
            ]
        );
        assert!(from_yaml("timeline:\n  steps: []\n").is_err());
        assert!(problems(None).is_empty());
    }
}
