//! A `serde_json::Value` written as block YAML, keys in the order given, for the manifests that
//! `import` writes. Strings are plain only when YAML 1.2 and YAML 1.1 readers both read them
//! back as the same string; anything else is double-quoted with JSON's escapes, which are
//! YAML's too. The tests read every output back with offer-lint's own loader.

use serde_json::Value;

/// The YAML text of `value` (an object), ending in a new line.
pub fn to_yaml(value: &Value) -> String {
    let mut out = String::new();
    match value {
        Value::Object(m) if !m.is_empty() => mapping(&mut out, value, 0),
        other => {
            out.push_str(&inline(other));
            out.push('\n');
        }
    }
    out
}

fn mapping(out: &mut String, value: &Value, indent: usize) {
    let Value::Object(m) = value else { return };
    for (k, v) in m {
        out.push_str(&" ".repeat(indent));
        out.push_str(&scalar_string(k));
        out.push(':');
        node(out, v, indent);
    }
}

/// The rest of a `key:` or `- ` line: an inline value, or a block below it.
fn node(out: &mut String, v: &Value, indent: usize) {
    match v {
        Value::Object(m) if !m.is_empty() => {
            out.push('\n');
            mapping(out, v, indent + 2);
        }
        Value::Array(a) if !a.is_empty() => {
            out.push('\n');
            for item in a {
                out.push_str(&" ".repeat(indent + 2));
                out.push('-');
                match item {
                    Value::Object(m) if !m.is_empty() => {
                        // The first key on the dash's line, the others under it.
                        let mut first = true;
                        for (k, v) in m {
                            if first {
                                out.push(' ');
                                first = false;
                            } else {
                                out.push_str(&" ".repeat(indent + 4));
                            }
                            out.push_str(&scalar_string(k));
                            out.push(':');
                            node(out, v, indent + 4);
                        }
                    }
                    Value::Array(inner) if !inner.is_empty() => {
                        // A list in a list: written inline, which YAML reads the same.
                        out.push(' ');
                        out.push_str(&inline(item));
                        out.push('\n');
                    }
                    other => {
                        out.push(' ');
                        out.push_str(&inline(other));
                        out.push('\n');
                    }
                }
            }
        }
        other => {
            out.push(' ');
            out.push_str(&inline(other));
            out.push('\n');
        }
    }
}

/// A value on one line: scalars, and flow collections (JSON, which is YAML).
fn inline(v: &Value) -> String {
    match v {
        Value::String(s) => scalar_string(s),
        Value::Array(a) => {
            let items: Vec<String> = a.iter().map(inline).collect();
            format!("[{}]", items.join(", "))
        }
        Value::Object(m) => {
            let items: Vec<String> = m
                .iter()
                .map(|(k, v)| format!("{}: {}", scalar_string(k), inline(v)))
                .collect();
            format!("{{{}}}", items.join(", "))
        }
        other => other.to_string(),
    }
}

/// A string as a YAML scalar: plain when that is safe, else double-quoted.
fn scalar_string(s: &str) -> String {
    if plain_is_safe(s) {
        s.to_string()
    } else {
        double_quoted(s)
    }
}

/// A string as a YAML double-quoted scalar that reads back as the same string and shows
/// nothing raw that a YAML reader refuses or a terminal acts on.
///
/// JSON's string syntax is a YAML double-quoted scalar; the characters JSON leaves as they are
/// but YAML readers refuse or read as line breaks (DEL, C1 controls, NEL, the line and
/// paragraph separators, the two non-characters, a byte order mark) and the bidirectional
/// controls are escaped too.
pub fn double_quoted(s: &str) -> String {
    let json = serde_json::to_string(s).expect("a string serialises");
    if !json.chars().any(needs_escape) {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 8);
    for c in json.chars() {
        if needs_escape(c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// A character that must not stand raw in YAML written for people and readers alike (see
/// [`double_quoted`]); JSON has already escaped the C0 controls.
pub fn needs_escape(c: char) -> bool {
    matches!(
        c,
        '\u{7f}'..='\u{9f}' | '\u{2028}' | '\u{2029}' | '\u{fffe}' | '\u{ffff}' | '\u{feff}'
    ) || crate::escape::is_active(c) && !c.is_ascii()
}

/// Whether `s` written plain reads back as the same string in any context (block or flow).
fn plain_is_safe(s: &str) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    if !(first.is_ascii_alphabetic() || first == '/' || first == '_' || first == '.') {
        return false;
    }
    if !s
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || " ._/-+@()=~".contains(c))
    {
        return false;
    }
    if s.ends_with(' ') || s.contains("  ") {
        return false;
    }
    // Words that some YAML reader takes for a boolean or null, and what looks like a number.
    const WORDS: &[&str] = &[
        "true", "false", "yes", "no", "on", "off", "y", "n", "null", "nan", "inf",
    ];
    let lower = s.to_ascii_lowercase();
    if WORDS.contains(&lower.as_str()) || lower.starts_with(".inf") || lower.starts_with(".nan") {
        return false;
    }
    !s.starts_with('.') || s.len() > 1 && !s[1..].starts_with(|c: char| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn plain_only_when_safe() {
        for s in [
            "en-us",
            "payAsYouGo",
            "/subscriptions/x",
            "Contoso Linux (Gen2)",
        ] {
            assert!(plain_is_safe(s), "{s}");
        }
        for s in [
            "", "yes", "No", "null", "1.0.0", "22", "a: b", "- x", "#x", "x #y", "x ", "*a",
            "${env:X}", "true", "'q'", "\"q\"", "a\nb", "[x]", "{x}", "x,y", "é", ".5",
        ] {
            assert!(!plain_is_safe(s), "{s}");
        }
    }

    #[test]
    fn escapes_what_yaml_readers_take_for_line_breaks() {
        let v = json!({"a": "x\u{2028}y\u{85}z\u{7f}"});
        assert_eq!(to_yaml(&v), "a: \"x\\u2028y\\u0085z\\u007f\"\n");
    }

    #[test]
    fn writes_blocks_and_inline_scalars() {
        let v = json!({"a": {"b": [1, "x y", {"c": true, "d": []}], "e": {}}, "f": "1.0"});
        assert_eq!(
            to_yaml(&v),
            "a:\n  b:\n    - 1\n    - x y\n    - c: true\n      d: []\n  e: {}\nf: \"1.0\"\n"
        );
    }
}
