//! The generated parts of `docs/`: the rule reference from the registry, the command-line
//! reference from clap, and the manifest's key table from the embedded JSON Schemas. Each is
//! a pure function of the binary, so a test (`tests/docs.rs`) can tell when a committed file
//! is stale; `OFFER_LINT_UPDATE_DOCS=1 cargo test --test docs` rewrites them.

use crate::rules;
use serde_json::Value;
use std::fmt::Write as _;

/// Where a generated block sits in a hand-written file.
pub const KEYS_START: &str =
    "<!-- generated: keys (OFFER_LINT_UPDATE_DOCS=1 cargo test --test docs) -->";
pub const KEYS_END: &str = "<!-- end of generated keys -->";

/// `docs/rules.md`: every rule's `explain` text, in registry order.
pub fn rules_md() -> String {
    let mut out = String::from(
        "# Rules\n\n<!-- Generated from the rule registry by \
         `OFFER_LINT_UPDATE_DOCS=1 cargo test --test docs`; do not edit. -->\n\n\
         Each rule below is also printed by `offer-lint explain <id>`. Severities are the \
         defaults; `.offer-lint.yaml` can change them (see [configuration](configuration.md)).\n\n\
         | rule | area | severity | checks |\n|---|---|---|---|\n",
    );
    for r in rules::ALL {
        let _ = writeln!(
            out,
            "| [`{}`](#{}) | {} | {} | {} |",
            r.id,
            r.id,
            r.area.name(),
            r.severity.as_str(),
            r.summary.replace('|', "\\|")
        );
    }
    for r in rules::ALL {
        let _ = write!(
            out,
            "\n## {}\n\narea: {} · default severity: {}\n\n",
            r.id,
            r.area.name(),
            r.severity.as_str()
        );
        for line in rules::documentation(r).lines() {
            // The explain text's sections become sub-sections here.
            if let Some(rest) = line.strip_prefix("## ") {
                let _ = writeln!(out, "### {rest}");
            } else {
                let _ = writeln!(out, "{line}");
            }
        }
    }
    out
}

/// `docs/cli.md`: every command and option, from the same clap definition the binary parses.
pub fn cli_md() -> String {
    use clap::CommandFactory;
    let mut cmd = crate::args::Cli::command();
    cmd.build();
    let mut out = String::from(
        "# Command line\n\n<!-- Generated from src/args.rs by \
         `OFFER_LINT_UPDATE_DOCS=1 cargo test --test docs`; do not edit. -->\n\n",
    );
    command_md(&mut out, &cmd, "offer-lint");
    out
}

fn command_md(out: &mut String, cmd: &clap::Command, name: &str) {
    let level = if name.contains(' ') { "##" } else { "" };
    if !level.is_empty() {
        let _ = writeln!(out, "{level} `{name}`\n");
    }
    if let Some(about) = cmd.get_long_about().or(cmd.get_about()) {
        let _ = writeln!(out, "{about}\n");
    }
    let usage = cmd.clone().render_usage().to_string();
    let usage = usage.trim_start_matches("Usage: ").replace('\n', " ");
    let _ = writeln!(out, "```text\n{}\n```\n", usage.trim());
    let args: Vec<&clap::Arg> = cmd
        .get_arguments()
        .filter(|a| !a.is_hide_set() && a.get_id() != "help" && a.get_id() != "version")
        .collect();
    if !args.is_empty() {
        out.push_str("| argument | meaning |\n|---|---|\n");
        for a in args {
            let _ = writeln!(out, "| {} | {} |", arg_name(a), arg_help(a));
        }
        out.push('\n');
    }
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        if sub.get_name() == "help" {
            continue;
        }
        command_md(out, sub, &format!("{name} {}", sub.get_name()));
    }
}

fn arg_name(a: &clap::Arg) -> String {
    let value = a
        .get_value_names()
        .map(|v| {
            v.iter()
                .map(|s| s.to_string())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .unwrap_or_else(|| a.get_id().to_string().to_uppercase());
    let takes = a.get_num_args().is_some_and(|n| n.takes_values());
    let mut names = Vec::new();
    if let Some(s) = a.get_short() {
        names.push(format!("-{s}"));
    }
    if let Some(l) = a.get_long() {
        names.push(format!("--{l}"));
    }
    let shown = if names.is_empty() {
        format!("`{value}`")
    } else if takes {
        format!("`{} {value}`", names.join(", "))
    } else {
        format!("`{}`", names.join(", "))
    };
    shown.replace('|', "\\|")
}

fn arg_help(a: &clap::Arg) -> String {
    let mut s = a
        .get_long_help()
        .or(a.get_help())
        .map(|h| h.to_string())
        .unwrap_or_default()
        .replace('\n', " ");
    if !s.is_empty() && !s.ends_with('.') {
        s.push('.');
    }
    let values: Vec<String> = a
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| format!("`{}`", v.get_name()))
        .collect();
    if !values.is_empty() && !s.contains('`') {
        let _ = write!(s, " One of {}.", values.join(", "));
    }
    let defaults: Vec<String> = a
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    if !defaults.is_empty() && a.get_num_args().is_some_and(|n| n.takes_values()) {
        let _ = write!(s, " Default: `{}`.", defaults.join(" "));
    }
    s.trim().replace('|', "\\|")
}

/// The key table of `docs/manifest.md`: every key of the manifest schema, its type, whether it
/// is required, its limits, its default, the rule its schema findings are filed under, and its
/// description.
pub fn manifest_keys() -> String {
    let mut out = String::from(
        "| key | type | required | limits | default | rule | description |\n|---|---|---|---|---|---|---|\n",
    );
    let root = schema_file(crate::check::schema::ROOT).unwrap_or(&Value::Null);
    let mut seen = Vec::new();
    walk(&mut out, crate::check::schema::ROOT, root, "", &mut seen, 0);
    out
}

/// One embedded schema file, as the checks parsed it.
fn schema_file(name: &str) -> Option<&'static Value> {
    crate::check::schema::schemas().ok()?.doc(name)
}

/// Follows `$ref`s from `node` (in `file`) to the schema that describes the value; the first
/// description and rule met on the way win, as an editor shows them.
fn resolve(file: &str, node: &Value) -> (String, Value, Option<String>, Option<String>) {
    let mut file = file.to_string();
    let mut node = node.clone();
    let mut description = node["description"].as_str().map(str::to_string);
    let mut rule = node["x-rule"].as_str().map(str::to_string);
    for _ in 0..8 {
        let Some(r) = node["$ref"].as_str().map(str::to_string) else {
            break;
        };
        let (target_file, fragment) = match r.split_once('#') {
            Some(("", f)) => (file.clone(), f.to_string()),
            Some((t, f)) => (t.to_string(), f.to_string()),
            None => (r.clone(), String::new()),
        };
        let Some(target) = schema_file(&target_file)
            .and_then(|doc| doc.pointer(&fragment))
            .cloned()
        else {
            break;
        };
        file = target_file;
        // Keywords beside a `$ref` apply too: keep them over the target's.
        let mut merged = target;
        if let (Value::Object(m), Value::Object(own)) = (&mut merged, &node) {
            for (k, v) in own {
                if k != "$ref" {
                    m.insert(k.clone(), v.clone());
                }
            }
        }
        node = merged;
        description = description.or_else(|| node["description"].as_str().map(str::to_string));
        rule = rule.or_else(|| node["x-rule"].as_str().map(str::to_string));
    }
    (file, node, description, rule)
}

fn walk(
    out: &mut String,
    file: &str,
    node: &Value,
    path: &str,
    seen: &mut Vec<String>,
    depth: usize,
) {
    if depth > 12 {
        return;
    }
    let (file, node, _, _) = resolve(file, node);
    let required: Vec<&str> = node["required"]
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let mut props: Vec<(String, Value, bool)> = Vec::new();
    if let Some(p) = node["properties"].as_object() {
        for (k, v) in p {
            props.push((k.clone(), v.clone(), required.contains(&k.as_str())));
        }
    }
    // Properties that only some branches allow (the lead configurations, image sources).
    for key in ["allOf", "oneOf", "anyOf"] {
        for branch in node[key].as_array().into_iter().flatten() {
            let (_, b, _, _) = resolve(&file, branch);
            if let Some(p) = b["properties"].as_object() {
                for (k, v) in p {
                    if !props.iter().any(|(n, _, _)| n == k)
                        && v.as_object().is_some_and(|o| o.len() > 1)
                    {
                        props.push((k.clone(), v.clone(), false));
                    }
                }
            }
        }
    }
    for (key, value, is_required) in props {
        let here = if path.is_empty() {
            key.clone()
        } else {
            format!("{path}.{key}")
        };
        if seen.contains(&here) {
            continue;
        }
        seen.push(here.clone());
        let (vfile, v, description, rule) = resolve(&file, &value);
        let _ = writeln!(
            out,
            "| `{}` | {} | {} | {} | {} | {} | {} |",
            here,
            type_of(&vfile, &v),
            if is_required { "yes" } else { "" },
            cell(&limits(&v)),
            v.get("default")
                .map(|d| format!("`{d}`"))
                .unwrap_or_default(),
            rule.map(|r| format!("[`{r}`](rules.md#{r})"))
                .unwrap_or_else(|| "[`manifest-schema`](rules.md#manifest-schema)".into()),
            cell(&description.unwrap_or_default()),
        );
        walk(out, &vfile, &v, &here, seen, depth + 1);
        if v["type"] == "array" {
            let (ifile, items, _, _) = resolve(&vfile, &v["items"]);
            if items["type"] == "object" || items.get("properties").is_some() {
                walk(out, &ifile, &items, &format!("{here}[]"), seen, depth + 1);
            }
        }
    }
}

fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

fn type_of(file: &str, v: &Value) -> String {
    if let Some(c) = v.get("const") {
        return format!("`{c}`");
    }
    let base = match &v["type"] {
        Value::String(t) => t.clone(),
        Value::Array(ts) => ts
            .iter()
            .filter_map(Value::as_str)
            .collect::<Vec<_>>()
            .join(" or "),
        _ if v.get("oneOf").is_some() || v.get("anyOf").is_some() => "one of several forms".into(),
        _ => String::new(),
    };
    if base == "array" {
        let (_, items, _, _) = resolve(file, &v["items"]);
        if let Some(t) = items["type"].as_str() {
            return format!("list of {t}");
        }
    }
    base
}

fn limits(v: &Value) -> String {
    let mut parts = Vec::new();
    if let Some(e) = v["enum"].as_array() {
        let values: Vec<String> = e
            .iter()
            .map(|x| {
                format!(
                    "`{}`",
                    x.as_str()
                        .map(str::to_string)
                        .unwrap_or_else(|| x.to_string())
                )
            })
            .collect();
        parts.push(format!("one of {}", values.join(", ")));
    }
    for (k, label) in [
        ("minLength", "length ≥"),
        ("maxLength", "length ≤"),
        ("minimum", "≥"),
        ("maximum", "≤"),
        ("exclusiveMinimum", ">"),
        ("exclusiveMaximum", "<"),
        ("minItems", "items ≥"),
        ("maxItems", "items ≤"),
        ("minProperties", "entries ≥"),
        ("maxProperties", "entries ≤"),
    ] {
        if let Some(n) = v.get(k) {
            parts.push(format!("{label} {n}"));
        }
    }
    if let Some(f) = v["format"].as_str() {
        parts.push(format!("format `{f}`"));
    }
    if let Some(p) = v["pattern"].as_str() {
        let fence = if p.contains('`') { "``" } else { "`" };
        parts.push(format!("pattern {fence}{p}{fence}"));
    }
    if v["uniqueItems"] == true {
        parts.push("unique".into());
    }
    parts.join("; ")
}
