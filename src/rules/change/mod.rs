//! The `change-*` rules: edits that Partner Center refuses once an offer is published.
//!
//! They run only with `--baseline <git ref>`, on manifests that existed at that ref, or with
//! `--baseline-tree <resource tree>`, on the manifests and configure payloads of the tree's
//! offer, and compare the document with its baseline. Both sides are compared **as written**: the
//! baseline is loaded with nothing resolved from the environment, and the current manifest's
//! `${env:..}` values are put back, so a secret never decides (or appears in) a finding.
//! Findings are reported on the current manifest's node, labelled with what changed.

pub mod change_data_disk_count;
pub mod change_image_version_count;
pub mod change_image_version_dropped;
pub mod change_legal_terms;
pub mod change_offer_id;
pub mod change_plan_removed;
pub mod change_published_image;
pub mod change_region_removed;
pub mod change_visibility;

use serde_json::Value;

use crate::rules::ctx::RawFinding;
use crate::rules::{At, Ctx, Rule};

/// What a change rule sees: the manifest now and at the baseline.
pub struct Change<'c, 'a> {
    ctx: &'c mut Ctx<'a>,
    rule: &'static Rule,
    /// The current manifest as written (environment references not resolved).
    pub now: &'c Value,
    /// The manifest at the baseline.
    pub before: &'c Value,
    /// The baseline's ref, for messages.
    pub baseline: &'c str,
}

/// The signature of a change rule.
pub type ChangeFn = fn(&mut Change);

/// Every change rule with its check, in catalog order.
pub static CHECKS: &[(&Rule, ChangeFn)] = &[
    (&change_offer_id::RULE, change_offer_id::check),
    (&change_plan_removed::RULE, change_plan_removed::check),
    (&change_region_removed::RULE, change_region_removed::check),
    (&change_visibility::RULE, change_visibility::check),
    (&change_published_image::RULE, change_published_image::check),
    (
        &change_image_version_count::RULE,
        change_image_version_count::check,
    ),
    (
        &change_image_version_dropped::RULE,
        change_image_version_dropped::check,
    ),
    (&change_legal_terms::RULE, change_legal_terms::check),
    (&change_data_disk_count::RULE, change_data_disk_count::check),
];

/// The change rules that hold for a configure payload, which is a change to part of an offer:
/// they compare what a plan's technical configuration says, when the payload has one. The
/// others (a plan, region, visibility or legal term "removed") would read every part the
/// payload does not carry as removed.
const PARTIAL: &[&str] = &[
    "change-published-image",
    "change-image-version-count",
    "change-image-version-dropped",
    "change-data-disk-count",
];

/// Runs every enabled change rule on one manifest against its baseline document (`partial`:
/// a configure payload, for which only [`PARTIAL`] run).
pub fn run(ctx: &mut Ctx, before: &Value, baseline: &str, partial: bool) {
    run_with(ctx, before, baseline, partial, |_| {})
}

/// [`run`], with the current document prepared by `prepare` first (plan ids a payload
/// implies but does not write).
pub fn run_with(
    ctx: &mut Ctx,
    before: &Value,
    baseline: &str,
    partial: bool,
    prepare: impl FnOnce(&mut Value),
) {
    // Both sides compare as written: the baseline is never resolved from the environment.
    let mut now = ctx.written().clone();
    prepare(&mut now);
    for (rule, check) in CHECKS {
        if partial && !PARTIAL.contains(&rule.id) {
            continue;
        }
        if ctx.run.rules.enabled(rule) {
            let mut c = Change {
                ctx: &mut *ctx,
                rule,
                now: &now,
                before,
                baseline,
            };
            check(&mut c);
        }
    }
}

impl Change<'_, '_> {
    /// Reports on the current manifest's node at `pointer` (its value, or its key with
    /// `At::Key`), with `label` under it.
    pub fn report(&mut self, pointer: &str, at: At, message: String, help: String, label: String) {
        self.ctx.findings.push(RawFinding {
            rule: self.rule,
            severity: self.rule.severity,
            pointer: pointer.to_string(),
            at,
            message,
            help: Some(help),
            label,
        });
    }

    /// `` `ref` ``, for messages.
    pub fn at(&self) -> String {
        format!("`{}`", self.baseline)
    }

    /// Pairs each current plan with the baseline plan of the same id:
    /// `(pointer of the current plan, plan id, plan now, plan at the baseline)`.
    pub fn kept_plans(&self) -> Vec<(String, &str, &Value, &Value)> {
        let before = plans(self.before);
        plans(self.now)
            .into_iter()
            .filter_map(|(ptr, id, now)| {
                before
                    .iter()
                    .find(|(_, b, _)| *b == id)
                    .map(|(_, _, was)| (ptr, id, now, *was))
            })
            .collect()
    }
}

/// The plans of a manifest that have a string id, first occurrence of each id only:
/// `(pointer, id, plan)`.
pub fn plans(doc: &Value) -> Vec<(String, &str, &Value)> {
    let mut out: Vec<(String, &str, &Value)> = Vec::new();
    if let Some(list) = doc.get("plans").and_then(Value::as_array) {
        for (i, plan) in list.iter().enumerate() {
            if let Some(id) = plan.get("id").and_then(Value::as_str) {
                if !out.iter().any(|(_, x, _)| *x == id) {
                    out.push((format!("/plans/{i}"), id, plan));
                }
            }
        }
    }
    out
}

/// The image versions of a plan with a string version number: `(index, number, version)`.
pub fn versions(plan: &Value) -> Vec<(usize, &str, &Value)> {
    plan.pointer("/technicalConfiguration/vmImageVersions")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .enumerate()
                .filter_map(|(i, v)| {
                    v.get("versionNumber")
                        .and_then(Value::as_str)
                        .map(|n| (i, n, v))
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The images of an image version with a string image type: `(index, type, image)`.
pub fn images(version: &Value) -> Vec<(usize, &str, &Value)> {
    version
        .get("vmImages")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .enumerate()
                .filter_map(|(i, v)| {
                    v.get("imageType")
                        .and_then(Value::as_str)
                        .map(|t| (i, t, v))
                })
                .collect()
        })
        .unwrap_or_default()
}

/// `` `a`, `b` and `c` ``.
pub fn list(items: &[&str]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| format!("`{s}`")).collect();
    match quoted.len() {
        0 => String::new(),
        1 => quoted[0].clone(),
        n => format!("{} and {}", quoted[..n - 1].join(", "), quoted[n - 1]),
    }
}
