use std::fs::File;
use std::io::Read;
use std::path::Path;

use crate::rules::prelude::*;

/// The template the test drive deploys, at the root of the package.
const TEMPLATE: &str = "main-template.json";

/// The parameter types the test-drive service knows how to fill in.
const PARAMETER_TYPES: &[&str] = &["baseuri", "username", "password", "sessionid"];

declare_rule! {
    /// ## What it checks
    /// `testDrive.package` is a zip archive with `main-template.json` at its root; that
    /// template is valid JSON, and every entry of its `parameters` carries a `metadata.type`
    /// of `baseuri`, `username`, `password` or `sessionid`.
    ///
    /// Only the archive's central directory and the one template entry are read, in memory
    /// and never extracted; an entry larger than `limits.max-archive-bytes` (by its declared
    /// size or by what it actually inflates to) is reported rather than read.
    ///
    /// ## Why Partner Center rejects it
    /// A VM offer's test drive is an Azure Resource Manager deployment: the package must be a
    /// `.zip` that contains `main-template.json`. The test-drive service supplies the value of
    /// every template parameter itself, and it only knows four kinds: the base URI of the
    /// package, a generated user name, a password and the session id. A parameter of any
    /// other kind makes test-drive validation fail; turn it into a variable or a constant.
    ///
    /// ## Example
    /// ```json
    /// "parameters": {
    ///   "adminUsername": { "type": "string", "metadata": { "type": "username" } },
    ///   "vmSize":        { "type": "string", "defaultValue": "Standard_D2s_v5" }
    /// }
    /// ```
    /// Use instead:
    /// ```json
    /// "parameters": {
    ///   "adminUsername": { "type": "string", "metadata": { "type": "username" } }
    /// },
    /// "variables": { "vmSize": "Standard_D2s_v5" }
    /// ```
    ///
    /// ## Source
    /// - ARM package: Microsoft, Azure Resource Manager test drive,
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/azure-resource-manager-test-drive.md>
    /// - Microsoft, test drive technical configuration (2021-12),
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/test-drive-technical-configuration.md>
    RULE {
        id: "test-drive-package",
        area: TestDrive,
        severity: Error,
        kind: Document,
        summary: "the package is a zip that contains main-template.json; each template parameter has metadata.type of baseuri, username, password or sessionid",
        check: check,
    }
}

fn check(ctx: &mut Ctx) {
    let pointer = "/testDrive/package";
    if ctx.get(pointer).is_none() {
        return;
    }
    let Some(path) = ctx.asset(pointer) else {
        return;
    };
    let rel = ctx.shown(pointer).unwrap_or_default().to_string();
    let limits = ctx.run.limits;
    let template = match read_template(&path, limits.max_asset_bytes, limits.max_archive_bytes) {
        Ok(t) => t,
        Err(p) => {
            ctx.report(
                pointer,
                format!("the test-drive package `{rel}` {}", p.message),
                p.help,
            );
            return;
        }
    };
    let bad = bad_parameters(&template);
    if bad.is_empty() {
        return;
    }
    let allowed = PARAMETER_TYPES.join(", ");
    let list: Vec<String> = bad
        .iter()
        .map(|(name, found)| format!("`{name}` ({found})"))
        .collect();
    let (noun, names) = if bad.len() == 1 {
        ("parameter", list[0].clone())
    } else {
        ("parameters", list.join(", "))
    };
    ctx.report(
        pointer,
        format!("`{TEMPLATE}` in `{rel}` has {noun} {names} without an accepted metadata.type; test drive fills in only {allowed}"),
        format!("give each parameter a metadata.type of {allowed}, or turn it into a variable or a constant"),
    );
}

/// Why the template could not be read.
#[derive(Debug)]
pub struct Problem {
    pub message: String,
    pub help: String,
}

fn problem(message: impl Into<String>, help: impl Into<String>) -> Problem {
    Problem {
        message: message.into(),
        help: help.into(),
    }
}

/// Reads and parses `main-template.json` from the package: the archive's central directory
/// and that one entry, in memory, at most `max_entry` bytes of it. Messages complete the
/// sentence "the test-drive package `x.zip` ...".
pub fn read_template(path: &Path, max_file: u64, max_entry: u64) -> Result<Value, Problem> {
    let rebuild = "build the package with `zip package.zip main-template.json ...` so that the template sits at the root of the archive";
    let file = File::open(path).map_err(|e| problem(format!("cannot be read: {e}"), ""))?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    if size > max_file {
        return Err(problem(
            format!("is {size} bytes; offer-lint reads packages of up to {max_file} bytes (limits.max-asset-bytes)"),
            "raise limits.max-asset-bytes in .offer-lint.yaml if the package really is this large",
        ));
    }
    let mut archive = zip::ZipArchive::new(file)
        .map_err(|e| problem(format!("is not a readable zip archive ({e})"), rebuild))?;
    let Some(index) = archive.index_for_name(TEMPLATE) else {
        let elsewhere = archive
            .file_names()
            .filter_map(Result::ok)
            .find(|n| {
                let base = n.rsplit(['/', '\\']).next().unwrap_or(n);
                base.eq_ignore_ascii_case(TEMPLATE)
            })
            .map(|n| n.to_string());
        let message = match elsewhere {
            Some(n) => format!("has `{n}` but no `{TEMPLATE}` at the root of the archive"),
            None => format!("does not contain `{TEMPLATE}`"),
        };
        return Err(problem(message, rebuild));
    };
    let unreadable = |e: &dyn std::fmt::Display| {
        problem(
            format!("has a `{TEMPLATE}` that cannot be read ({e})"),
            rebuild,
        )
    };
    let mut entry = archive.by_index(index).map_err(|e| unreadable(&e))?;
    let too_big = |size: String| {
        problem(
            format!("has a `{TEMPLATE}` that inflates to {size} bytes; offer-lint reads templates of up to {max_entry} bytes (limits.max-archive-bytes)"),
            "check that the archive is the test-drive package; raise limits.max-archive-bytes if the template really is this large",
        )
    };
    let declared = entry.size();
    if declared > max_entry {
        return Err(too_big(declared.to_string()));
    }
    let mut bytes = Vec::with_capacity(declared as usize);
    (&mut entry)
        .take(max_entry + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| unreadable(&e))?;
    if bytes.len() as u64 > max_entry {
        // The declared size was smaller: the archive lies about it. Stop reading here.
        return Err(too_big(format!(
            "more than {max_entry} (it declares {declared})"
        )));
    }
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    serde_json::from_slice(text).map_err(|e| {
        problem(
            format!("has a `{TEMPLATE}` that is not valid JSON ({e})"),
            "validate the template (az deployment group validate) before packaging it",
        )
    })
}

/// The template parameters without an accepted `metadata.type`: name and what was found.
pub fn bad_parameters(template: &Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let Some(params) = template.get("parameters").and_then(Value::as_object) else {
        return out;
    };
    for (name, param) in params {
        let found = match param.get("metadata").and_then(|m| m.get("type")) {
            Some(Value::String(s)) if PARAMETER_TYPES.contains(&s.as_str()) => continue,
            Some(Value::String(s)) => format!("metadata.type `{s}`"),
            Some(_) => "a metadata.type that is not a string".to_string(),
            None => "no metadata.type".to_string(),
        };
        out.push((name.clone(), found));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_four_parameter_types_pass() {
        let t = serde_json::json!({"parameters": {
            "a": {"metadata": {"type": "baseuri"}},
            "b": {"metadata": {"type": "Username"}},
            "c": {"type": "string"},
            "d": {"metadata": {"type": 3}}
        }});
        let got = bad_parameters(&t);
        assert_eq!(got.len(), 3, "{got:?}");
        assert_eq!(
            got[0],
            ("b".to_string(), "metadata.type `Username`".to_string())
        );
        assert_eq!(got[1], ("c".to_string(), "no metadata.type".to_string()));
        assert!(bad_parameters(&serde_json::json!({"resources": []})).is_empty());
    }

    const ASSETS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/rules/assets");

    #[test]
    fn reads_the_template_within_the_caps() {
        let ok = Path::new(ASSETS).join("test-drive.zip");
        assert!(read_template(&ok, 1 << 20, 1 << 20).is_ok());
        let declared = read_template(&ok, 1 << 20, 10).unwrap_err().message;
        assert!(
            declared.contains("inflates to") && !declared.contains("more than"),
            "{declared}"
        );
        let small_file = read_template(&ok, 10, 1 << 20).unwrap_err().message;
        assert!(
            small_file.contains("limits.max-asset-bytes"),
            "{small_file}"
        );
    }

    #[test]
    fn a_lying_declared_size_does_not_get_past_the_cap() {
        let lying = Path::new(ASSETS).join("test-drive-lying-size.zip");
        // The zip crate stops at the declared size itself; the capped read is the second
        // guard. Either way the template is refused, not read to its end.
        let err = read_template(&lying, 1 << 20, 4096).unwrap_err().message;
        assert!(
            err.contains("more than 4096") || err.contains("declared uncompressed size"),
            "{err}"
        );
    }
}
