//! How findings speak: display paths (`plans[0].listing.name`), quoted values, the words for
//! a failing JSON Schema keyword, and "did you mean". Below `check/`, `load/` and the rules,
//! which all use it.

use jsonschema::error::ValidationErrorKind;
use serde_json::Value;

use crate::load::yaml::kind_of;

/// A manifest path for messages: `/plans/0/listing/name` → `plans[0].listing.name`.
pub fn display_path(pointer: &str) -> String {
    let mut out = String::with_capacity(pointer.len() + 8);
    for seg in pointer.split('/').skip(1) {
        // Rules build these for their messages eagerly: no allocation for a plain segment.
        let seg: std::borrow::Cow<str> = if seg.contains('~') {
            seg.replace("~1", "/").replace("~0", "~").into()
        } else {
            seg.into()
        };
        if !seg.is_empty() && seg.bytes().all(|b| b.is_ascii_digit()) {
            out.push('[');
            out.push_str(&seg);
            out.push(']');
        } else {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(&seg);
        }
    }
    if out.is_empty() {
        "the manifest".into()
    } else {
        out
    }
}

/// Values never repeated in a message: keys, passwords, secrets, connection strings and
/// SAS URIs, whether written literally or resolved from the environment.
pub fn is_secret(pointer: &str, v: &Value) -> bool {
    let key = pointer
        .rsplit('/')
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    let named = [
        "password",
        "secret",
        "key",
        "connectionstring",
        "token",
        "sig",
    ]
    .iter()
    .any(|w| key.contains(w));
    named
        || v.as_str()
            .is_some_and(|s| s.contains("sig=") || s.contains("AccountKey="))
}

/// The message for one failing keyword, naming the limit and what was found: counted on
/// `instance`, quoted from `shown` (the value as written).
pub fn describe(
    kind: &ValidationErrorKind,
    field: &str,
    instance: &Value,
    shown: &Value,
) -> String {
    use ValidationErrorKind as K;
    let chars = instance.as_str().map(|s| s.chars().count());
    let items = instance.as_array().map(Vec::len);
    match kind {
        K::MaxLength { limit } => format!(
            "{field} is {} characters; the limit is {limit}",
            chars.unwrap_or_default()
        ),
        K::MinLength { limit } if *limit == 1 => {
            format!("{field} is empty; it needs at least 1 character")
        }
        K::MinLength { limit } => format!(
            "{field} is {} characters; it needs at least {limit}",
            chars.unwrap_or_default()
        ),
        K::MaxItems { limit } => format!(
            "{field} has {} items; the limit is {limit}",
            items.unwrap_or_default()
        ),
        K::MinItems { limit } => format!(
            "{field} has {} items; it needs at least {limit}",
            items.unwrap_or_default()
        ),
        K::Maximum { limit } => format!("{field} is {shown}; the maximum is {limit}"),
        K::Minimum { limit } => format!("{field} is {shown}; the minimum is {limit}"),
        K::ExclusiveMaximum { limit } => format!("{field} is {shown}; it must be below {limit}"),
        K::ExclusiveMinimum { limit } => format!("{field} is {shown}; it must be above {limit}"),
        K::Type { kind } => format!(
            "{field} is {}; expected {}",
            kind_of(instance),
            type_name(kind)
        ),
        K::Enum { options } => format!(
            "{field} is {}; expected one of {}",
            short(shown),
            list(options)
        ),
        K::Constant { expected_value } => format!(
            "{field} is {}; expected {}",
            short(shown),
            short(expected_value)
        ),
        K::Pattern { pattern } => format!(
            "{field} is {}, which does not match `{pattern}`",
            short(shown)
        ),
        K::Format { format } => {
            format!("{field} is {}, which is not a valid {format}", short(shown))
        }
        K::UniqueItems => format!("{field} has duplicate items"),
        K::MultipleOf { multiple_of } => {
            format!("{field} is {shown}; it must be a multiple of {multiple_of}")
        }
        K::Not { .. } => format!("{field} has a value that is not allowed here"),
        K::OneOfNotValid { .. } | K::AnyOf { .. } => {
            format!("{field} matches none of the allowed forms")
        }
        K::OneOfMultipleValid { .. } => {
            format!("{field} matches more than one of the allowed forms")
        }
        K::FalseSchema => format!("{field} is not allowed here"),
        K::MaxProperties { limit } => format!(
            "{field} has {} entries; the limit is {limit}",
            instance.as_object().map_or(0, |m| m.len())
        ),
        K::MinProperties { limit } => format!(
            "{field} has {} entries; it needs at least {limit}",
            instance.as_object().map_or(0, |m| m.len())
        ),
        K::Contains => format!("{field} has no item of the required form"),
        other => format!("{field}: {}", other_message(other)),
    }
}

fn other_message(kind: &ValidationErrorKind) -> String {
    format!("fails the `{}` constraint", kind.keyword())
}

pub fn type_name(kind: &jsonschema::error::TypeKind) -> String {
    use jsonschema::error::TypeKind;
    match kind {
        TypeKind::Single(t) => article(&t.to_string()),
        TypeKind::Multiple(ts) => {
            let v: Vec<String> = ts.iter().map(|t| article(&t.to_string())).collect();
            v.join(" or ")
        }
    }
}

fn article(t: &str) -> String {
    match t {
        "object" => "a mapping".into(),
        "array" => "a sequence".into(),
        "integer" => "an integer".into(),
        "null" => "null".into(),
        other => format!("a {other}"),
    }
}

pub fn short(v: &Value) -> String {
    let s = match v {
        Value::String(s) => format!("`{s}`"),
        other => format!("`{other}`"),
    };
    if s.chars().count() > 80 {
        let t: String = s.chars().take(77).collect();
        format!("{t}…`")
    } else {
        s
    }
}

fn list(options: &Value) -> String {
    match options {
        Value::Array(a) => a
            .iter()
            .map(|v| match v {
                Value::String(s) => s.clone(),
                o => o.to_string(),
            })
            .collect::<Vec<_>>()
            .join(", "),
        o => o.to_string(),
    }
}

/// The nearest known key by edit distance, for "did you mean".
pub fn closest<'a>(key: &str, known: &'a [String]) -> Option<&'a str> {
    known
        .iter()
        .map(|k| (edit_distance(&key.to_lowercase(), &k.to_lowercase()), k))
        .filter(|(d, k)| *d <= (k.len() / 3).max(2))
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k.as_str())
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != *cb);
            cur.push(sub.min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}
