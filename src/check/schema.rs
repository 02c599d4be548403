//! Schema rules: the embedded JSON Schemas, one shared validator, and the mapping from a
//! failing keyword to its rule id through the `x-rule` annotations (see schemas/README.md).

use std::collections::HashMap;
use std::sync::OnceLock;

use jsonschema::error::ValidationErrorKind;
use jsonschema::{Draft, Validator};
use serde_json::Value;

use crate::load::ingestion::DocumentKind;
use crate::message::{closest, describe, display_path, is_secret, type_name};
use crate::rules::ctx::RawFinding;
use crate::rules::{self, At, Rule};

/// Where the schemas claim to live; nothing is ever fetched from there.
pub const BASE_URI: &str = "https://offer-lint.dev/schemas/v1/";
pub const ROOT: &str = "offer.schema.json";
pub const CONFIG: &str = "config.schema.json";

/// The schema files, embedded in the binary.
pub const FILES: &[(&str, &str)] = &[
    (
        "offer.schema.json",
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/schemas/offer.schema.json"
        )),
    ),
    (
        "common.schema.json",
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/schemas/common.schema.json"
        )),
    ),
    (
        "listing.schema.json",
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/schemas/listing.schema.json"
        )),
    ),
    (
        "plan.schema.json",
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/schemas/plan.schema.json"
        )),
    ),
    (
        "technical-configuration.schema.json",
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/schemas/technical-configuration.schema.json"
        )),
    ),
    (
        "test-drive.schema.json",
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/schemas/test-drive.schema.json"
        )),
    ),
    (
        "config.schema.json",
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/schemas/config.schema.json"
        )),
    ),
];

/// The parsed schema documents by URI, and the compiled validators.
pub struct Schemas {
    docs: HashMap<String, Value>,
    /// Compiled on first use, as the other validators are: a run of resource trees needs
    /// only `ingestion`, and compiling is most of a one-file run's start-up.
    manifest: OnceLock<Result<Validator, String>>,
    /// Compiled on first use: most runs read no configuration file.
    config: OnceLock<Validator>,
    /// Compiled on first use: the manifest schema as a Product Ingestion document meets it
    /// (see [`Schemas::for_kind`]).
    ingestion: OnceLock<Result<Validator, String>>,
}

static SCHEMAS: OnceLock<Result<Schemas, String>> = OnceLock::new();

/// The shared schema set, compiled once per process.
pub fn schemas() -> Result<&'static Schemas, &'static str> {
    SCHEMAS
        .get_or_init(Schemas::build)
        .as_ref()
        .map_err(String::as_str)
}

fn uri(name: &str) -> String {
    format!("{BASE_URI}{name}")
}

impl Schemas {
    fn build() -> Result<Schemas, String> {
        let mut docs = HashMap::new();
        for (name, text) in FILES {
            let v: Value =
                serde_json::from_str(text).map_err(|e| format!("schemas/{name}: {e}"))?;
            docs.insert(uri(name), v);
        }
        Ok(Schemas {
            docs,
            manifest: OnceLock::new(),
            config: OnceLock::new(),
            ingestion: OnceLock::new(),
        })
    }

    /// The validator of a document of this kind: a manifest meets the manifest schema; a
    /// Product Ingestion document meets it without the two requirements the API keeps apart
    /// from the model (a listing's `media`, the test drive's details): they are not asked of
    /// a JSON document, and a whole clean resource tree is valid.
    pub fn for_kind(&self, kind: DocumentKind) -> Result<&Validator, &str> {
        if kind == DocumentKind::Manifest {
            return self
                .manifest
                .get_or_init(|| compile(&self.docs, ROOT))
                .as_ref()
                .map_err(String::as_str);
        }
        self.ingestion
            .get_or_init(|| {
                let mut docs = self.docs.clone();
                kept_apart(&mut docs)?;
                compile(&docs, ROOT)
            })
            .as_ref()
            .map_err(String::as_str)
    }

    /// The manifest validator (for the tests and benchmarks: `check` asks `for_kind`).
    pub fn manifest(&self) -> &Validator {
        // The embedded schemas are fixed at build time and compiled by the tests.
        self.for_kind(DocumentKind::Manifest)
            .unwrap_or_else(|e| panic!("{e}"))
    }

    pub fn config(&self) -> &Validator {
        self.config.get_or_init(|| {
            // The embedded schema is fixed at build time and compiled by the tests.
            compile(&self.docs, CONFIG).unwrap_or_else(|e| panic!("{e}"))
        })
    }

    /// One self-contained 2020-12 document: the other files are embedded under `$defs` as
    /// resources that keep their `$id`, so every relative `$ref` resolves inside it (a
    /// "compound schema document", which editors and other validators understand).
    pub fn bundled(&self, name: &str) -> Result<Value, String> {
        let mut root = self
            .docs
            .get(&uri(name))
            .cloned()
            .ok_or_else(|| format!("no schema {name}"))?;
        if name == CONFIG {
            return Ok(root);
        }
        let Value::Object(map) = &mut root else {
            return Err(format!("{name} is not an object"));
        };
        let defs = map
            .entry("$defs")
            .or_insert_with(|| Value::Object(Default::default()));
        let Value::Object(defs) = defs else {
            return Err(format!("{name}: $defs is not an object"));
        };
        for (file, _) in FILES {
            if *file == name || *file == CONFIG {
                continue;
            }
            let mut doc = self.docs[&uri(file)].clone();
            if let Value::Object(m) = &mut doc {
                // An embedded resource takes the dialect of the document around it.
                m.remove("$schema");
                // Editors (yaml-language-server) resolve a `$ref` against the file they
                // loaded, not against an embedded `$id`: every reference becomes a pointer
                // into this one document, so no `$id` is needed inside it.
                m.remove("$id");
            }
            localize_refs(&mut doc, file);
            defs.insert(file.to_string(), doc);
        }
        localize_refs(&mut root, name);
        Ok(root)
    }
    /// Every `x-rule` value in the schema files, with the file and pointer it sits at.
    pub fn x_rules(&self) -> Vec<(String, String, String)> {
        let mut out = Vec::new();
        for (uri, doc) in &self.docs {
            collect_x_rules(doc, String::new(), uri, &mut out);
        }
        out.sort();
        out
    }
}

fn collect_x_rules(v: &Value, ptr: String, uri: &str, out: &mut Vec<(String, String, String)>) {
    match v {
        Value::Object(m) => {
            if let Some(Value::String(r)) = m.get("x-rule") {
                out.push((uri.to_string(), ptr.clone(), r.clone()));
            }
            for (k, x) in m {
                collect_x_rules(
                    x,
                    format!("{ptr}/{}", crate::load::yaml::escape_token(k)),
                    uri,
                    out,
                );
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                collect_x_rules(x, format!("{ptr}/{i}"), uri, out);
            }
        }
        _ => {}
    }
}

fn registry(docs: &HashMap<String, Value>) -> Result<jsonschema::Registry<'_>, String> {
    let mut b = jsonschema::Registry::new();
    for (uri, doc) in docs {
        b = b.add(uri, doc).map_err(|e| e.to_string())?;
    }
    b.prepare().map_err(|e| e.to_string())
}

/// Takes out of the schema documents what the API keeps apart from the model: the listing's
/// required `media`, and the top-level `testDrive` that `test-drive-required` asks for.
fn kept_apart(docs: &mut HashMap<String, Value>) -> Result<(), String> {
    let mut unrequire = |file: &str, at: &dyn Fn(&mut Value) -> Option<&mut Value>, key: &str| {
        let required = docs
            .get_mut(&uri(file))
            .and_then(at)
            .and_then(|r| r.get_mut("required"))
            .and_then(Value::as_array_mut)
            .filter(|r| r.iter().any(|k| k == key))
            .ok_or_else(|| format!("schemas/{file}: no `required` with `{key}` to leave out"))?;
        required.retain(|k| k != key);
        Ok::<(), String>(())
    };
    unrequire("listing.schema.json", &|d| Some(d), "media")?;
    unrequire(
        ROOT,
        &|d| {
            d.get_mut("allOf")?
                .as_array_mut()?
                .iter_mut()
                .find(|s| s.get("x-rule").and_then(Value::as_str) == Some("test-drive-required"))?
                .get_mut("then")
        },
        "testDrive",
    )
}

fn compile(docs: &HashMap<String, Value>, name: &str) -> Result<Validator, String> {
    let reg = registry(docs)?;
    jsonschema::options()
        .with_draft(Draft::Draft202012)
        .should_validate_formats(true)
        .offline()
        .with_registry(&reg)
        .with_base_uri(uri(name))
        .build(&docs[&uri(name)])
        .map_err(|e| format!("schemas/{name}: {e}"))
}

/// Which kind of document a validation is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// An offer manifest (`offer.schema.json`).
    Manifest,
    /// `.offer-lint.yaml` (`config.schema.json`).
    Config,
}

impl Target {
    fn root(self) -> &'static str {
        match self {
            Target::Manifest => ROOT,
            Target::Config => CONFIG,
        }
    }

    /// The rule for a problem that no `x-rule` annotation names.
    fn generic(self) -> &'static Rule {
        match self {
            Target::Manifest => &rules::manifest::manifest_schema::RULE,
            Target::Config => &rules::config::config_invalid::RULE,
        }
    }

    /// What the document's root is called in messages.
    fn subject(self) -> &'static str {
        match self {
            Target::Manifest => "the manifest",
            Target::Config => "the configuration",
        }
    }
}

/// Validates a document and turns every error into a finding under its rule.
///
/// `written` is the document as written, when `${env:..}` references were resolved in
/// `instance`: messages quote values from it, so a value from the environment is never shown.
pub fn check(
    validator: &Validator,
    schemas: &Schemas,
    target: Target,
    instance: &Value,
    written: Option<&Value>,
) -> Vec<RawFinding> {
    check_with(validator, schemas, target, instance, written, &|_| true)
}

/// [`check`], reporting a missing required key only where `asks_for(conditional)`
/// (`conditional`: the key is required by an `if`/`then`, "when X, also Y"): a configure
/// payload carries part of an offer, so most of the offer is missing by design.
pub fn check_with(
    validator: &Validator,
    schemas: &Schemas,
    target: Target,
    instance: &Value,
    written: Option<&Value>,
    asks_for: &dyn Fn(bool) -> bool,
) -> Vec<RawFinding> {
    let mut out = Vec::new();
    // Most manifests are valid: the boolean check is several times cheaper than collecting
    // errors, and finds the same thing.
    if validator.is_valid(instance) {
        return out;
    }
    for err in validator.iter_errors(instance) {
        let pointer = err.instance_path().as_str().to_string();
        let eval = err.evaluation_path().as_str().to_string();
        let field = if pointer.is_empty() {
            target.subject().to_string()
        } else {
            display_path(&pointer)
        };
        let chain = schemas.chain_from(target.root(), &eval);
        let (rule, help) = resolve_rule(&chain, err.kind(), target.generic());
        let instance = err.instance();
        let shown = written
            .and_then(|w| crate::rules::ctx::pointer_get(w, &pointer))
            .unwrap_or(instance);
        match err.kind() {
            ValidationErrorKind::AdditionalProperties { unexpected }
            | ValidationErrorKind::UnevaluatedProperties { unexpected } => {
                let known: Vec<String> = chain
                    .last()
                    .and_then(|s| s.get("properties"))
                    .and_then(Value::as_object)
                    .map(|m| m.keys().cloned().collect())
                    .unwrap_or_default();
                for key in unexpected {
                    let suggestion = closest(key, &known).map(|k| format!("did you mean `{k}`?"));
                    out.push(raw(
                        rule,
                        At::Key,
                        format!("{pointer}/{}", crate::load::yaml::escape_token(key)),
                        format!("unknown key `{key}` in {field}"),
                        Some(help.clone().unwrap_or_else(|| match &suggestion {
                            Some(s) => s.clone(),
                            None if known.is_empty() => "remove the key".to_string(),
                            None => format!(
                                "remove the key; the keys allowed here are: {}",
                                known.join(", ")
                            ),
                        })),
                    ));
                }
            }
            ValidationErrorKind::Required { property } => {
                let name = property.as_str().unwrap_or_default();
                if !asks_for(eval.contains("/then/")) {
                    continue;
                }
                out.push(raw(
                    rule,
                    At::Key,
                    pointer.clone(),
                    format!("{field} is missing the required key `{name}`"),
                    help.or_else(|| Some(format!("add `{name}` to {field}"))),
                ));
            }
            kind => {
                // Keys, passwords and SAS URIs are never repeated in a message.
                let secret = is_secret(&pointer, shown);
                let hidden = Value::String("[hidden]".into());
                let quoted = if secret { &hidden } else { shown };
                let message = match (kind, too_many_contained(&chain, &eval)) {
                    (ValidationErrorKind::Contains, Some(max)) => {
                        format!("{field} has more than {max} items of one kind")
                    }
                    _ => describe(kind, &field, instance, quoted),
                };
                let advice = value_help(target, kind, &chain, &pointer, quoted, secret);
                let help = match (advice, help) {
                    // A "did you mean" comes first; the rule's own advice follows it.
                    (Some(a), Some(own)) if a.starts_with("did you mean") => format!("{a} {own}"),
                    (_, Some(own)) => own,
                    (Some(a), None) => a,
                    (None, None) => rule_help(rule),
                };
                out.push(raw(rule, At::Value, pointer, message, Some(help)));
            }
        }
    }
    out
}

fn raw(
    rule: &'static Rule,
    at: At,
    pointer: String,
    message: String,
    help: Option<String>,
) -> RawFinding {
    RawFinding::new(rule, pointer, at, message, help)
}

/// Advice for a value of the wrong type or outside an enum: what to write instead.
fn value_help(
    target: Target,
    kind: &ValidationErrorKind,
    chain: &[&Value],
    pointer: &str,
    shown: &Value,
    secret: bool,
) -> Option<String> {
    use jsonschema::error::TypeKind;
    use jsonschema::JsonType;
    let key = pointer
        .rsplit('/')
        .next()
        .filter(|k| !k.is_empty() && !k.bytes().all(|b| b.is_ascii_digit()))
        .map(|k| k.replace("~1", "/").replace("~0", "~"));
    let lhs = key.as_deref().map(|k| format!("{k}: ")).unwrap_or_default();
    let text = |v: &Value| match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let advice = match kind {
        ValidationErrorKind::Type { kind } => {
            let wanted: Vec<JsonType> = match kind {
                TypeKind::Single(t) => vec![*t],
                TypeKind::Multiple(ts) => ts.iter().collect(),
            };
            let wants = |t: JsonType| wanted.contains(&t);
            match shown {
                _ if secret => None,
                Value::String(s) if wants(JsonType::Boolean) => {
                    let b = match s.to_ascii_lowercase().as_str() {
                        "yes" | "y" | "on" | "true" => Some(true),
                        "no" | "n" | "off" | "false" => Some(false),
                        _ => None,
                    };
                    Some(match b {
                        Some(b) if s != "true" && s != "false" => format!(
                            "`{s}` is a string in YAML 1.2, which offer-lint reads (only \
                             `true` and `false` are booleans): write `{lhs}{b}`"
                        ),
                        Some(b) => format!("remove the quotes: write `{lhs}{b}`"),
                        None => format!("write `{lhs}true` or `{lhs}false`"),
                    })
                }
                Value::String(s) if wants(JsonType::Integer) || wants(JsonType::Number) => {
                    let t = s.trim();
                    let whole = wants(JsonType::Integer) && !wants(JsonType::Number);
                    Some(if t.parse::<f64>().is_ok() {
                        format!("remove the quotes: write `{lhs}{t}`")
                    } else if whole {
                        format!("write a whole number in digits, e.g. `{lhs}30`")
                    } else {
                        format!("write a number in digits, e.g. `{lhs}1.5`")
                    })
                }
                Value::String(_) | Value::Number(_) | Value::Bool(_) if wants(JsonType::Array) => {
                    Some(format!(
                        "write a list, even of one item: `{lhs}[{}]`",
                        text(shown)
                    ))
                }
                Value::Number(_) | Value::Bool(_) if wants(JsonType::String) => Some(format!(
                    "quote it to keep it as written: `{lhs}\"{}\"`",
                    text(shown)
                )),
                Value::Null => Some(format!(
                    "the key has no value; write {} after `{}` or remove the key",
                    type_name(kind),
                    key.as_deref().unwrap_or("the key"),
                )),
                _ if wants(JsonType::Object) => {
                    let keys: Vec<&String> = chain
                        .last()
                        .and_then(|s| s.get("properties"))
                        .and_then(Value::as_object)
                        .map(|m| m.keys().take(6).collect())
                        .unwrap_or_default();
                    Some(if keys.is_empty() {
                        "write a mapping: keys indented under this one".to_string()
                    } else {
                        format!(
                            "write a mapping: keys indented under this one, such as {}",
                            keys.iter()
                                .map(|k| format!("`{k}`"))
                                .collect::<Vec<_>>()
                                .join(", ")
                        )
                    })
                }
                _ => Some(format!("write {} here", type_name(kind))),
            }
        }
        ValidationErrorKind::Enum { options } => {
            let allowed: Vec<String> = options
                .as_array()
                .map(|a| a.iter().map(text).collect())
                .unwrap_or_default();
            let near = (!secret)
                .then(|| shown.as_str().and_then(|s| closest(s, &allowed)))
                .flatten();
            Some(match near {
                Some(n) => format!("did you mean `{lhs}{n}`?"),
                None => format!("write one of: {}", allowed.join(", ")),
            })
        }
        _ => None,
    };
    // A configuration value's help names its key and says what the key is for.
    match (target, advice) {
        (Target::Config, advice) => {
            let about = chain
                .iter()
                .rev()
                .find_map(|s| s.get("description").and_then(Value::as_str));
            let key = key
                .map(|k| format!("`{k}`"))
                .unwrap_or_else(|| "this value".into());
            match (advice, about) {
                (Some(a), Some(d)) => {
                    let stop = if a.ends_with('?') { "" } else { "." };
                    Some(format!("{a}{stop} The configuration key {key}: {d}"))
                }
                (None, Some(d)) => Some(format!("the configuration key {key}: {d}")),
                (a, None) => a,
            }
        }
        (_, advice) => advice,
    }
}

fn rule_help(rule: &Rule) -> String {
    format!("the rule `{}` requires: {}", rule.id, rule.summary)
}

/// The `maxContains` limit when a `contains` error comes from it (jsonschema reports both
/// `minContains` and `maxContains` failures as `Contains`).
fn too_many_contained(chain: &[&Value], eval: &str) -> Option<u64> {
    if !eval.ends_with("/maxContains") {
        return None;
    }
    chain.last()?.get("maxContains")?.as_u64()
}

/// Picks the rule for a failing keyword from the chain of subschemas that led to it.
fn resolve_rule(
    chain: &[&Value],
    kind: &ValidationErrorKind,
    generic: &'static Rule,
) -> (&'static Rule, Option<String>) {
    match kind {
        ValidationErrorKind::Type { .. }
        | ValidationErrorKind::AdditionalProperties { .. }
        | ValidationErrorKind::UnevaluatedProperties { .. } => return (generic, None),
        ValidationErrorKind::Required { property } => {
            let own = chain
                .last()
                .and_then(|s| s.get("properties"))
                .and_then(|p| p.get(property.as_str().unwrap_or_default()));
            if let Some(found) = own.and_then(x_rule) {
                return found;
            }
        }
        _ => {}
    }
    chain
        .iter()
        .rev()
        .find_map(|s| x_rule(s))
        .unwrap_or((generic, None))
}

fn x_rule(schema: &Value) -> Option<(&'static Rule, Option<String>)> {
    let id = schema.get("x-rule")?.as_str()?;
    let rule = rules::by_id(id)?;
    let help = schema
        .get("x-help")
        .and_then(Value::as_str)
        .map(str::to_string);
    Some((rule, help))
}

impl Schemas {
    /// The subschemas along an evaluation path, following `$ref`s across files.
    /// The last path segment (the failing keyword) is not included.
    pub fn chain<'s>(&'s self, eval_path: &str) -> Vec<&'s Value> {
        self.chain_from(ROOT, eval_path)
    }

    /// [`Schemas::chain`] from the root schema `root`.
    pub fn chain_from<'s>(&'s self, root: &str, eval_path: &str) -> Vec<&'s Value> {
        let mut segments: Vec<String> = eval_path
            .split('/')
            .skip(1)
            .map(|s| s.replace("~1", "/").replace("~0", "~"))
            .collect();
        segments.pop();
        let mut doc_uri = uri(root);
        let Some(mut cur) = self.docs.get(&doc_uri) else {
            return Vec::new();
        };
        let mut chain = vec![cur];
        for seg in segments {
            let next = if seg == "$ref" {
                let Some(r) = cur.get("$ref").and_then(Value::as_str) else {
                    break;
                };
                let (file, frag) = r.split_once('#').unwrap_or((r, ""));
                if !file.is_empty() {
                    doc_uri = if file.starts_with("http") {
                        file.to_string()
                    } else {
                        uri(file)
                    };
                }
                let Some(doc) = self.docs.get(&doc_uri) else {
                    break;
                };
                if frag.is_empty() {
                    Some(doc)
                } else {
                    doc.pointer(frag)
                }
            } else {
                match cur {
                    Value::Object(m) => m.get(&seg),
                    Value::Array(a) => seg.parse::<usize>().ok().and_then(|i| a.get(i)),
                    _ => None,
                }
            };
            let Some(n) = next else { break };
            cur = n;
            if cur.is_object() {
                chain.push(cur);
            }
        }
        chain
    }

    /// Same as [`chain`] but for the configuration schema.
    pub fn doc(&self, name: &str) -> Option<&Value> {
        self.docs.get(&uri(name))
    }
}

/// Rewrites each `$ref` of a schema file bundled under `$defs/<file>` of the root `root`:
/// `other.schema.json#/x` becomes `#/$defs/other.schema.json/x`, and `#/x` inside a bundled
/// file becomes `#/$defs/<file>/x`. References into the root itself stay as they are.
fn localize_refs(v: &mut Value, file: &str) {
    match v {
        Value::Object(m) => {
            if let Some(Value::String(r)) = m.get_mut("$ref") {
                let (target, fragment) = match r.split_once('#') {
                    Some((t, f)) => (if t.is_empty() { file } else { t }, f.to_string()),
                    None => (r.as_str(), String::new()),
                };
                *r = if target == ROOT {
                    format!("#{fragment}")
                } else {
                    format!("#/$defs/{target}{fragment}")
                };
            }
            for (_, x) in m.iter_mut() {
                localize_refs(x, file);
            }
        }
        Value::Array(a) => a.iter_mut().for_each(|x| localize_refs(x, file)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{self, Limits};

    fn unit_of(file: &str) -> crate::load::front::Unit {
        let path = format!("{}/tests/ingestion/{file}", env!("CARGO_MANIFEST_DIR"));
        let bytes = std::fs::read(&path).unwrap();
        let loaded = load::load_bytes(file, bytes, &Limits::default());
        let mut front = load::front(loaded.document);
        assert_eq!(front.units.len(), 1, "{file}");
        front.units.remove(0)
    }

    /// A whole clean resource tree is valid as the ingestion validator sees it, so its check
    /// asks `is_valid` once and collects no errors (what `for_kind` is for).
    #[test]
    fn a_clean_tree_is_valid_without_what_the_api_keeps_apart() {
        let s = schemas().unwrap();
        let tree = unit_of("tree.json");
        assert!(
            !s.manifest().is_valid(&tree.doc.value),
            "the manifest schema asks for media"
        );
        let validator = s.for_kind(tree.kind).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&tree.doc.value)
            .map(|e| format!("{} at {}", e, e.instance_path().as_str()))
            .collect();
        assert!(errors.is_empty(), "{errors:?}");
        assert!(std::ptr::eq(
            s.for_kind(DocumentKind::Manifest).unwrap(),
            s.manifest()
        ));
    }
}
