//! References between resources: a durable id (`product/<guid>`, `plan/<guid>/<guid>`) or
//! `{"externalId": "..."}`, and the keys resources are joined on.
//!
//! Durable ids as Microsoft documents them:
//! <https://learn.microsoft.com/partner-center/marketplace-offers/product-ingestion-api#resource-api>

use serde_json::Value;

/// A GUID in any case (the API writes them lowercase, and compares without case).
pub fn is_guid(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 36
        && b.iter().enumerate().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => *c == b'-',
            _ => c.is_ascii_hexdigit(),
        })
}

/// What a `product` or `plan` field says, read leniently so that a malformed reference
/// still joins its resource to the right offer (the rule `ingestion-reference` reports it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ref {
    /// `{"externalId": "..."}` (also `externalID`, which the rule reports).
    External(String),
    /// A durable id; the GUIDs found in it, in order.
    Durable { text: String, guids: Vec<String> },
}

impl Ref {
    pub fn read(v: &Value) -> Option<Ref> {
        match v {
            Value::String(s) => Some(Ref::Durable {
                text: s.clone(),
                guids: s
                    .split('/')
                    .filter(|p| is_guid(p))
                    .map(str::to_ascii_lowercase)
                    .collect(),
            }),
            Value::Object(m) => m
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case("externalId"))
                .and_then(|(_, v)| v.as_str())
                .map(|s| Ref::External(s.to_string())),
            _ => None,
        }
    }

    /// The keys this reference may join on: `ext:<id>`, or `guid:<last guid>` and the
    /// whole id (for ids that hold no GUID, as test data does).
    pub fn keys(&self) -> Vec<String> {
        match self {
            Ref::External(x) => vec![format!("ext:{x}")],
            Ref::Durable { guids, text } => {
                let mut keys = Vec::with_capacity(2);
                if let Some(g) = guids.last() {
                    keys.push(format!("guid:{g}"));
                }
                keys.push(format!("text:{}", text.to_ascii_lowercase()));
                keys
            }
        }
    }

    /// The external id, when the reference is by external id.
    pub fn external(&self) -> Option<&str> {
        match self {
            Ref::External(x) => Some(x),
            Ref::Durable { .. } => None,
        }
    }
}

/// Why a durable id is not well-formed for its field (`product` or `plan`), or `None`.
pub fn durable_problem(field: &str, s: &str) -> Option<String> {
    let parts: Vec<&str> = s.split('/').collect();
    let ok = match field {
        "product" => parts.len() == 2 && parts[0] == "product" && is_guid(parts[1]),
        "plan" => parts.len() == 3 && parts[0] == "plan" && parts[1..].iter().all(|p| is_guid(p)),
        _ => true,
    };
    if ok {
        return None;
    }
    let expected = if field == "plan" {
        "`plan/<product guid>/<plan guid>`"
    } else {
        "`product/<guid>`"
    };
    let why = if parts.first() != Some(&field) {
        format!("does not start with `{field}/`")
    } else if parts.len() > 1 && parts[1] == field {
        format!("repeats `{field}/`")
    } else if parts.iter().skip(1).any(|p| !is_guid(p)) {
        "holds a part that is not a GUID (a durable id is made of the GUIDs Partner Center assigned, never of external ids)".to_string()
    } else {
        format!("has {} GUIDs", parts.len() - 1)
    };
    Some(format!("{why}; a durable {field} id is {expected}"))
}

/// The join keys of a product or plan resource: its durable id's last GUID and its
/// `identity.externalId`.
pub fn own_keys(resource: &Value) -> Vec<String> {
    let mut keys = Vec::new();
    if let Some(r @ Ref::Durable { .. }) = resource.get("id").and_then(Ref::read) {
        keys.extend(r.keys());
    }
    if let Some(x) = resource
        .get("identity")
        .and_then(|i| i.get("externalId"))
        .and_then(Value::as_str)
    {
        keys.push(format!("ext:{x}"));
    }
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    const G: &str = "ffffffff-ffff-ffff-ffff-ffffffffffff";

    #[test]
    fn durable_ids() {
        assert_eq!(durable_problem("product", &format!("product/{G}")), None);
        assert!(durable_problem("product", &format!("product/product/{G}"))
            .unwrap()
            .starts_with("repeats"));
        assert!(durable_problem("plan", &format!("plan/{G}"))
            .unwrap()
            .starts_with("has 1 GUIDs"));
        assert!(durable_problem("plan", "plan/sql-alias/ws2022")
            .unwrap()
            .contains("not a GUID"));
        assert_eq!(durable_problem("plan", &format!("plan/{G}/{G}")), None);
    }

    #[test]
    fn references_join_on_the_last_guid_or_the_external_id() {
        let r = Ref::read(&Value::String(format!(
            "plan/{G}/0000000A-0000-0000-0000-000000000000"
        )));
        assert_eq!(
            r.unwrap().keys()[0],
            "guid:0000000a-0000-0000-0000-000000000000"
        );
        let r = Ref::read(&serde_json::json!({"externalID": "x"})).unwrap();
        assert_eq!(r.keys(), ["ext:x"]);
    }
}
