//! Finding repeated values in a list, for the rules that require unique items.

use std::collections::HashMap;

use serde_json::Value;

/// A value that occurs again: where (the later item), where first, and the value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repeat {
    pub pointer: String,
    pub first: String,
    pub value: String,
}

/// Every item whose `key` equals that of an earlier item, in order. Items without a key
/// (wrong type, missing field) are skipped.
pub fn repeats<'a, F>(items: &[(String, &'a Value)], key: F) -> Vec<Repeat>
where
    F: Fn(&'a Value) -> Option<String>,
{
    let mut seen: HashMap<String, &str> = HashMap::new();
    let mut out = Vec::new();
    for (ptr, v) in items {
        let Some(k) = key(v) else { continue };
        match seen.get(&k) {
            Some(first) => out.push(Repeat {
                pointer: ptr.clone(),
                first: first.to_string(),
                value: k,
            }),
            None => {
                seen.insert(k, ptr);
            }
        }
    }
    out
}

/// The key of a string item: the string itself.
pub fn string(v: &Value) -> Option<String> {
    v.as_str().map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_later_repeats_only() {
        let (a, b) = (Value::from("x"), Value::from("y"));
        let items = vec![
            ("/0".to_string(), &a),
            ("/1".to_string(), &b),
            ("/2".to_string(), &a),
        ];
        let r = repeats(&items, string);
        assert_eq!(
            r,
            vec![Repeat {
                pointer: "/2".into(),
                first: "/0".into(),
                value: "x".into()
            }]
        );
    }
}
