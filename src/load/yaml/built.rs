//! An index built node by node for a value made from parts of a parsed file: the reference
//! that [`SpanIndex::view`], which builds nothing, is tested against.

use std::collections::HashMap;

use serde_json::Value;

use super::{push_token, IndexNode, Kid, NodeKind, NodeSpans, Origin, SpanIndex};

/// The index of `value`, built from parts of the file `from` indexes: `origins` names, for
/// the nodes that have one, where they come from; a node without one is a copied node's
/// descendant (spans of the parsed node it was copied from) or a made node's (its parent's
/// spans).
pub fn build_from(value: &Value, from: &SpanIndex, origins: &HashMap<String, Origin>) -> SpanIndex {
    let mut index = SpanIndex::default();
    let (root, parsed) = spans_from(from, origins.get(""), None, NodeSpans::default());
    add_mapped(
        &mut index,
        value,
        root,
        parsed,
        from,
        &mut String::new(),
        origins,
    );
    index
}

/// A node's spans and the parsed node it stands for.
fn spans_from(
    from: &SpanIndex,
    origin: Option<&Origin>,
    parsed_child: Option<usize>,
    parent: NodeSpans,
) -> (NodeSpans, Option<usize>) {
    match origin {
        Some(Origin::Parsed(jp)) => match from.walk(jp) {
            Some((n, _)) => (from.nodes[n].spans, Some(n)),
            None => (parent, None),
        },
        Some(Origin::Made(s)) => (*s, None),
        None => match parsed_child {
            Some(n) => (from.nodes[n].spans, Some(n)),
            None => (parent, None),
        },
    }
}

fn add_mapped(
    index: &mut SpanIndex,
    value: &Value,
    own: NodeSpans,
    parsed: Option<usize>,
    from: &SpanIndex,
    pointer: &mut String,
    origins: &HashMap<String, Origin>,
) -> u32 {
    let at = index.nodes.len();
    let kind = match value {
        Value::Array(_) => NodeKind::Seq,
        Value::Object(_) => NodeKind::Map,
        _ => NodeKind::Leaf,
    };
    index.nodes.push(IndexNode {
        spans: own,
        kind,
        first: 0,
        len: 0,
    });
    let children: Vec<(Option<&str>, &Value)> = match value {
        Value::Array(a) => a.iter().map(|v| (None, v)).collect(),
        Value::Object(m) => m.iter().map(|(k, v)| (Some(k.as_str()), v)).collect(),
        _ => Vec::new(),
    };
    let first = index.kids.len();
    for (name, _) in &children {
        let start = index.names.len() as u32;
        if let Some(n) = name {
            index.names.push_str(n);
        }
        index.kids.push(Kid {
            node: 0,
            name: start,
            name_len: name.map_or(0, |n| n.len() as u32),
        });
    }
    index.nodes[at].first = first as u32;
    index.nodes[at].len = children.len() as u32;
    for (i, (name, child)) in children.into_iter().enumerate() {
        let len = pointer.len();
        pointer.push('/');
        match name {
            Some(n) => push_token(pointer, n),
            None => pointer.push_str(&i.to_string()),
        }
        let parsed_child = parsed.and_then(|n| from.child_of(n, name, i));
        let (spans, parsed_node) =
            spans_from(from, origins.get(pointer.as_str()), parsed_child, own);
        let node = add_mapped(index, child, spans, parsed_node, from, pointer, origins);
        index.kids[first + i].node = node;
        pointer.truncate(len);
    }
    at as u32
}
