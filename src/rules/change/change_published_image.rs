use crate::message::display_path;
use crate::rules::change::{images, versions, Change};
use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// With `--baseline`, every image version of the baseline (the published state) is still
    /// in its plan, unchanged: the same image types, each with the same `source` (source type,
    /// OS disk, data disks, gallery image). Plans are matched by id and versions by
    /// `versionNumber`.
    ///
    /// What may change on a published version: `lifecycleState` and `deprecationSchedule`
    /// (deprecating is how a version is retired), offer-lint's own `certification` facts, and
    /// the query string of a SAS URI (a fresh signature for the same blob). A value written
    /// as `${env:NAME}` on either side is not compared, as its value at the baseline is
    /// unknown.
    ///
    /// ## Why Partner Center rejects it
    /// A published image cannot be edited, only deprecated: customers deploy a version by its
    /// number and must get the same disks every time. A new or fixed image is published as a
    /// new version number. (A version left out of the plan altogether is reported by
    /// `change-image-version-dropped`.)
    ///
    /// ## Example
    /// At the baseline:
    /// ```yaml
    /// vmImageVersions:
    ///   - versionNumber: 1.0.0
    ///     vmImages:
    ///       - imageType: x64Gen2
    ///         source: { sourceType: sasUri, osDisk: { uri: "https://contoso.blob.core.windows.net/vhds/os-1.0.0.vhd?sv=..." } }
    /// ```
    /// Now:
    /// ```yaml
    /// vmImageVersions:
    ///   - versionNumber: 1.0.0
    ///     vmImages:
    ///       - imageType: x64Gen2
    ///         source: { sourceType: sasUri, osDisk: { uri: "https://contoso.blob.core.windows.net/vhds/os-1.0.1.vhd?sv=..." } }
    /// ```
    /// Use instead: keep 1.0.0 as published and add the new image as 1.0.1:
    /// ```yaml
    /// vmImageVersions:
    ///   - versionNumber: 1.0.0
    ///     vmImages: [ ... as published ... ]
    ///   - versionNumber: 1.0.1
    ///     vmImages:
    ///       - imageType: x64Gen2
    ///         source: { sourceType: sasUri, osDisk: { uri: "https://contoso.blob.core.windows.net/vhds/os-1.0.1.vhd?sv=..." } }
    /// ```
    ///
    /// ## Source
    /// - "a published image cannot be edited, only deprecated": Microsoft, VM plan technical
    ///   configuration,
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/azure-vm-plan-technical-configuration.md>
    RULE {
        id: "change-published-image",
        area: Change,
        severity: Error,
        kind: Change,
        summary: "an image version of the baseline changed (published images are immutable; add a version instead)",
    }
}

/// A SAS URI without its query string: the blob it names.
fn blob(uri: &str) -> &str {
    uri.split_once('?').map_or(uri, |(b, _)| b)
}

/// The pointer (in the current manifest) of the first difference between two sources.
fn difference(was: &Value, now: &Value, pointer: &str, key: &str) -> Option<String> {
    match (was, now) {
        (Value::String(a), Value::String(b)) => {
            if a.contains("${env:") || b.contains("${env:") {
                return None;
            }
            let same = if key == "uri" {
                blob(a) == blob(b)
            } else {
                a == b
            };
            (!same).then(|| pointer.to_string())
        }
        (Value::Object(a), Value::Object(b)) => {
            for (k, v) in b {
                let p = format!("{pointer}/{}", crate::load::yaml::escape_token(k));
                match a.get(k) {
                    Some(w) => {
                        if let Some(d) = difference(w, v, &p, k) {
                            return Some(d);
                        }
                    }
                    None => return Some(p),
                }
            }
            a.keys()
                .any(|k| !b.contains_key(k))
                .then(|| pointer.to_string())
        }
        (Value::Array(a), Value::Array(b)) => {
            for (i, (w, v)) in a.iter().zip(b).enumerate() {
                if let Some(d) = difference(w, v, &format!("{pointer}/{i}"), key) {
                    return Some(d);
                }
            }
            match b.len().cmp(&a.len()) {
                std::cmp::Ordering::Greater => Some(format!("{pointer}/{}", a.len())),
                std::cmp::Ordering::Less => Some(pointer.to_string()),
                std::cmp::Ordering::Equal => None,
            }
        }
        (a, b) => (a != b).then(|| pointer.to_string()),
    }
}

pub fn check(c: &mut Change) {
    let at = c.at();
    // (pointer, at, message, help, label)
    let mut found: Vec<(String, At, String, String, String)> = Vec::new();
    for (plan_ptr, id, now, was) in c.kept_plans() {
        let current = versions(now);
        for (_, number, old) in versions(was) {
            // A version left out is change-image-version-dropped's.
            let Some((i, _, new)) = current.iter().find(|(_, n, _)| *n == number) else {
                continue;
            };
            let version_ptr = format!("{plan_ptr}/technicalConfiguration/vmImageVersions/{i}");
            let new_images = images(new);
            for (_, kind, old_image) in images(old) {
                match new_images.iter().find(|(_, k, _)| *k == kind) {
                    None => found.push((
                        format!("{version_ptr}/vmImages"),
                        At::Key,
                        format!("image version `{number}` of plan `{id}` no longer has its `{kind}` image, which is published at {at}; a published image cannot be removed or edited"),
                        format!("restore the `{kind}` image of `{number}` as published; publish changes as a new version number"),
                        format!("`{kind}` removed"),
                    )),
                    Some((j, _, new_image)) => {
                        let image_ptr = format!("{version_ptr}/vmImages/{j}");
                        let (Some(a), Some(b)) = (old_image.get("source"), new_image.get("source")) else {
                            continue;
                        };
                        if let Some(d) = difference(a, b, &format!("{image_ptr}/source"), "source") {
                            let field = display_path(&d[image_ptr.len()..]);
                            found.push((
                                d,
                                At::Value,
                                format!("the `{kind}` image of version `{number}` of plan `{id}` is published at {at}, and its {field} changed; a published image cannot be edited"),
                                format!("restore {field} as published and add the new image as a new version number (e.g. after `{number}`)"),
                                format!("changed since {at}"),
                            ));
                        }
                    }
                }
            }
            let old_kinds: Vec<&str> = images(old).into_iter().map(|(_, k, _)| k).collect();
            for (j, kind, _) in &new_images {
                if !old_kinds.contains(kind) {
                    found.push((
                        format!("{version_ptr}/vmImages/{j}/imageType"),
                        At::Value,
                        format!("image version `{number}` of plan `{id}` is published at {at} and gained a `{kind}` image; a published image version cannot be edited"),
                        format!("publish the `{kind}` image in a new version number instead of adding it to `{number}`"),
                        format!("added since {at}"),
                    ));
                }
            }
        }
    }
    for (pointer, at, message, help, label) in found {
        c.report(&pointer, at, message, help, label);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn sas_signatures_and_env_references_do_not_count() {
        let a = json!({"osDisk": {"uri": "https://a/b.vhd?sig=1"}});
        let b = json!({"osDisk": {"uri": "https://a/b.vhd?sig=2"}});
        assert_eq!(difference(&a, &b, "/s", "source"), None);
        let c = json!({"osDisk": {"uri": "${env:X}"}});
        assert_eq!(difference(&a, &c, "/s", "source"), None);
        let d = json!({"osDisk": {"uri": "https://a/c.vhd?sig=1"}});
        assert_eq!(
            difference(&a, &d, "/s", "source").as_deref(),
            Some("/s/osDisk/uri")
        );
        let e = json!({"osDisk": {"uri": "https://a/b.vhd?sig=1"}, "dataDisks": []});
        assert_eq!(
            difference(&a, &e, "/s", "source").as_deref(),
            Some("/s/dataDisks")
        );
    }
}
