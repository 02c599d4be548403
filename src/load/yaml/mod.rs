//! YAML text → `serde_json::Value` plus a JSON-pointer → span index, in one pass.
//!
//! We drive saphyr-parser's event stream ourselves instead of using saphyr's loader: its
//! loader recurses once per nesting level (a 20,000-deep file overflows the stack), builds
//! its own tree we would only convert again, and stops at the first duplicate key. Here the
//! depth, alias and key checks happen as events arrive, before any deep tree exists.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use saphyr::Scalar;
use saphyr_parser::{Event, Marker, Parser, ScalarStyle};
use serde_json::{Number, Value};

use crate::finding::Span;

#[cfg(test)]
pub(crate) mod built;
mod fast;

/// Where a node sits in the text: its key (for mapping values) and its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct NodeSpans {
    pub key: Option<Span>,
    pub value: Span,
}

/// JSON pointer → spans, as a tree parallel to the value: a node per indexed value, the
/// children of each collection side by side, mapping keys in one string. Building it costs a
/// few pushes per node (a map from pointer strings cost an allocation and a hash per node,
/// and most manifests are never asked for a span); a lookup walks the pointer's tokens.
/// Pointers under an alias resolve to the alias itself.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct SpanIndex {
    nodes: Vec<IndexNode>,
    kids: Vec<Kid>,
    names: String,
    /// The keys of wide mappings, by (mapping, key), made on the first lookup in one: a
    /// hostile file's mapping of 100,000 keys would make each lookup a long scan.
    wide: std::sync::OnceLock<std::collections::HashMap<(u32, Box<str>), u32>>,
    /// An index that has no nodes of its own: it answers from a parsed file's (see
    /// [`SpanIndex::view`]).
    view: Option<View>,
}

/// A value built from parts of a parsed file, indexed through the parsed file's index.
#[derive(Debug, Clone, PartialEq)]
struct View {
    parsed: Arc<SpanIndex>,
    /// Where the built value's nodes come from; `None`: the value is the parsed file's.
    origins: Option<Arc<HashMap<String, Origin>>>,
}

/// Where a node of a value built from a parsed file comes from.
#[derive(Debug, Clone, PartialEq)]
pub enum Origin {
    /// Copied from the node at this pointer of the parsed file, with everything below it.
    Parsed(String),
    /// Made by the translation; shown at these spans.
    Made(NodeSpans),
}

/// Mappings with more keys than this are looked up by hash.
const WIDE: usize = 32;

#[derive(Debug, Clone, Copy, PartialEq)]
struct IndexNode {
    spans: NodeSpans,
    kind: NodeKind,
    /// The node's children: `kids[first..first + len]`.
    first: u32,
    len: u32,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum NodeKind {
    /// A scalar, or an alias (whose contents are not indexed).
    Leaf,
    Seq,
    Map,
}

/// A child of a collection: its node, and for a mapping its key, `names[name..name + name_len]`.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Kid {
    node: u32,
    name: u32,
    name_len: u32,
}

impl SpanIndex {
    /// Spans of the node at `pointer`, or of its nearest indexed ancestor.
    pub fn get(&self, pointer: &str) -> Option<&NodeSpans> {
        self.lookup(pointer).map(|(spans, _)| spans)
    }

    /// Spans of exactly this pointer, with no fallback.
    pub fn exact(&self, pointer: &str) -> Option<&NodeSpans> {
        match self.lookup(pointer) {
            Some((spans, true)) => Some(spans),
            _ => None,
        }
    }

    /// An index of a value built from parts of the file `parsed` indexes (a Product
    /// Ingestion document translated into the manifest model), made of nothing but where its
    /// nodes come from: every node that `origins` names, a copied node (its spans and its
    /// descendants' are the parsed node's and its descendants') or a made one (its spans;
    /// every node below a made one is named too). With `origins` `None`, the value is the
    /// parsed file's own. A lookup walks up the pointer to what `origins` names: no index of
    /// the built value is made, and most are never asked for a span.
    pub fn view(
        parsed: Arc<SpanIndex>,
        origins: Option<Arc<HashMap<String, Origin>>>,
    ) -> SpanIndex {
        SpanIndex {
            view: Some(View { parsed, origins }),
            ..SpanIndex::default()
        }
    }

    /// The spans of the deepest node along `pointer`, and whether it is the node at
    /// `pointer` itself.
    fn lookup(&self, pointer: &str) -> Option<(&NodeSpans, bool)> {
        let Some(view) = &self.view else {
            return self
                .walk(pointer)
                .map(|(node, exact)| (&self.nodes[node].spans, exact));
        };
        let parsed = &view.parsed;
        let Some(origins) = &view.origins else {
            return parsed.lookup(pointer);
        };
        let mut at = pointer;
        loop {
            match origins.get(at) {
                Some(Origin::Made(spans)) => return Some((spans, at.len() == pointer.len())),
                // A node an origin names is in the value, whatever the file holds there.
                Some(Origin::Parsed(from)) if at.len() == pointer.len() => {
                    return parsed.lookup(from).map(|(spans, _)| (spans, true));
                }
                Some(Origin::Parsed(from)) => {
                    return parsed.lookup(&format!("{from}{}", &pointer[at.len()..]));
                }
                None => {}
            }
            at = &at[..at.rfind('/')?];
        }
    }

    /// The deepest node along `pointer`, and whether it is the node at `pointer` itself.
    fn walk(&self, pointer: &str) -> Option<(usize, bool)> {
        if self.nodes.is_empty() {
            return None;
        }
        let Some(rest) = pointer.strip_prefix('/') else {
            return pointer.is_empty().then_some((0, true));
        };
        let mut at = 0usize;
        for token in rest.split('/') {
            let next = match self.nodes[at].kind {
                NodeKind::Leaf => None,
                NodeKind::Seq => array_index(token).and_then(|i| self.child_of(at, None, i)),
                NodeKind::Map => self.child_of(at, Some(&unescape_token(token)), 0),
            };
            match next {
                Some(node) => at = node,
                None => return Some((at, false)),
            }
        }
        Some((at, true))
    }

    /// Number of indexed nodes.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// Every indexed pointer, parents before their children.
    pub fn pointers(&self) -> Vec<String> {
        let mut out = Vec::with_capacity(self.nodes.len());
        if !self.nodes.is_empty() {
            self.collect(0, &mut String::new(), &mut out);
        }
        out
    }

    fn collect(&self, at: usize, pointer: &mut String, out: &mut Vec<String>) {
        out.push(pointer.clone());
        let map = self.nodes[at].kind == NodeKind::Map;
        for (i, k) in self.kids_of(at).iter().enumerate() {
            let len = pointer.len();
            pointer.push('/');
            if map {
                push_token(pointer, self.name(k));
            } else {
                pointer.push_str(&i.to_string());
            }
            self.collect(k.node as usize, pointer, out);
            pointer.truncate(len);
        }
    }
}

impl SpanIndex {
    /// The child of node `at`: by key in a mapping (`name`), by index `i` in a sequence.
    fn child_of(&self, at: usize, name: Option<&str>, i: usize) -> Option<usize> {
        let kids = self.kids_of(at);
        let k = match (self.nodes[at].kind, name) {
            (NodeKind::Seq, None) => kids.get(i),
            (NodeKind::Map, Some(n)) if kids.len() > WIDE => self
                .wide_keys()
                .get(&(at as u32, Box::from(n)))
                .and_then(|&k| self.kids.get(k as usize)),
            (NodeKind::Map, Some(n)) => kids.iter().find(|k| self.name(k) == n),
            _ => None,
        };
        k.map(|k| k.node as usize)
    }
}

impl SpanIndex {
    /// The children of node `at`.
    /// Every wide mapping's keys → their place in `kids` (the first of a repeated key, as
    /// the linear scan finds it).
    fn wide_keys(&self) -> &std::collections::HashMap<(u32, Box<str>), u32> {
        self.wide.get_or_init(|| {
            let mut map = std::collections::HashMap::new();
            for (at, n) in self.nodes.iter().enumerate() {
                if n.kind == NodeKind::Map && n.len as usize > WIDE {
                    for k in n.first..n.first + n.len {
                        let name = self.name(&self.kids[k as usize]);
                        map.entry((at as u32, Box::from(name))).or_insert(k);
                    }
                }
            }
            map
        })
    }

    fn kids_of(&self, at: usize) -> &[Kid] {
        let n = &self.nodes[at];
        &self.kids[n.first as usize..(n.first + n.len) as usize]
    }

    /// The key of a mapping child.
    fn name(&self, k: &Kid) -> &str {
        &self.names[k.name as usize..(k.name + k.name_len) as usize]
    }
}

/// A reference token as an array index (RFC 6901: decimal, no leading zero).
pub(crate) fn array_index(token: &str) -> Option<usize> {
    let b = token.as_bytes();
    if b.is_empty() || (b.len() > 1 && b[0] == b'0') || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    token.parse().ok()
}

/// A reference token unescaped (RFC 6901: `~1` is `/`, `~0` is `~`).
pub(crate) fn unescape_token(token: &str) -> Cow<'_, str> {
    if token.as_bytes().contains(&b'~') {
        Cow::Owned(token.replace("~1", "/").replace("~0", "~"))
    } else {
        Cow::Borrowed(token)
    }
}

/// A parsed manifest.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub value: Value,
    pub index: SpanIndex,
    /// Spans of literal and folded block scalars (their lines may hold tabs legitimately).
    pub block_scalars: Vec<Span>,
}

/// A syntax problem at a place in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub span: Span,
    pub message: String,
    pub help: Option<String>,
}

#[derive(Debug, Clone, Copy)]
pub struct ParseLimits {
    pub max_depth: usize,
    pub max_alias_nodes: usize,
}

impl Default for ParseLimits {
    fn default() -> Self {
        ParseLimits {
            max_depth: 64,
            max_alias_nodes: 10_000,
        }
    }
}

/// True when a parsed string scalar is the scanned text itself (borrowed from it, unchanged):
/// the same bytes at the same address.
fn is_text(s: &str, text: &str) -> bool {
    std::ptr::eq(s, text)
}

/// Escapes one JSON-pointer reference token (RFC 6901).
pub fn escape_token(s: &str) -> String {
    if s.contains(['~', '/']) {
        s.replace('~', "~0").replace('/', "~1")
    } else {
        s.to_string()
    }
}

/// One step of a path through a value. Walks over a whole manifest keep a stack of steps
/// and make the pointer only for the few nodes they report.
#[derive(Debug, Clone, Copy)]
pub enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

/// The JSON pointer of a path.
pub fn pointer_of(path: &[Step]) -> String {
    let mut p = String::new();
    for step in path {
        p.push('/');
        match step {
            Step::Key(k) => push_token(&mut p, k),
            Step::Index(i) => p.push_str(&i.to_string()),
        }
    }
    p
}

/// Appends one escaped reference token to a pointer, without an intermediate string.
pub fn push_token(pointer: &mut String, s: &str) {
    if s.bytes().any(|b| b == b'~' || b == b'/') {
        pointer.push_str(&escape_token(s));
    } else {
        pointer.push_str(s);
    }
}

/// Converts saphyr's character markers into byte offsets.
struct Offsets<'a> {
    /// Byte offset of each char, only for non-ASCII text.
    table: Option<Vec<u32>>,
    text: &'a str,
    base: usize,
}

impl<'a> Offsets<'a> {
    fn new(text: &'a str, base: usize) -> Self {
        let table = if text.is_ascii() {
            None
        } else {
            let mut t: Vec<u32> = text.char_indices().map(|(b, _)| b as u32).collect();
            t.push(text.len() as u32);
            Some(t)
        };
        Offsets { table, text, base }
    }

    fn byte(&self, m: &Marker) -> usize {
        let i = m.index();
        let b = match &self.table {
            None => i.min(self.text.len()),
            Some(t) => *t.get(i).unwrap_or(t.last().unwrap_or(&0)) as usize,
        };
        b + self.base
    }

    fn span(&self, s: &saphyr_parser::Span) -> Span {
        Span::new(self.byte(&s.start), self.byte(&s.end))
    }
}

/// A collection being built. `node` is its node in the span index; its children's entries
/// wait in `Builder::kids` from `kids_from` on until it ends.
enum Frame {
    Seq {
        items: Vec<Value>,
        node: u32,
        kids_from: usize,
        start: usize,
        anchor: usize,
    },
    Map {
        /// The entries so far; the `Map` is built once, at the end, at its final size.
        entries: Entries,
        node: u32,
        kids_from: usize,
        start: usize,
        anchor: usize,
        state: MapState,
    },
}

/// A mapping's entries while it is read, with the duplicate-key check.
#[derive(Default)]
struct Entries {
    list: Vec<(String, Value)>,
    /// The keys, once there are too many to compare one by one.
    keys: Option<HashSet<String>>,
}

impl Entries {
    /// Mappings up to this size are checked for duplicates by comparing keys: cheaper than
    /// hashing each key for the check and again for the map.
    const SCAN: usize = 32;

    fn contains(&self, key: &str) -> bool {
        match &self.keys {
            Some(keys) => keys.contains(key),
            None => self.list.iter().any(|(k, _)| k == key),
        }
    }

    fn push(&mut self, key: String, value: Value) {
        if let Some(keys) = &mut self.keys {
            keys.insert(key.clone());
        } else if self.list.len() == Self::SCAN {
            let mut keys: HashSet<String> = self.list.iter().map(|(k, _)| k.clone()).collect();
            keys.insert(key.clone());
            self.keys = Some(keys);
        }
        self.list.push((key, value));
    }
}

/// Where a mapping is between its keys and values.
enum MapState {
    ExpectKey,
    /// The key waiting for its value, with its span.
    ExpectValue(String, Span),
    /// The key was unusable (reported already): its value is skipped.
    SkipValue,
}

/// A plain scalar that the core schema can only read as a string, told by its first byte:
/// null, true and false start with n, t or f, and a number with a digit, sign or dot. Most
/// keys and values are these, and skip saphyr's attempts at an integer and a float.
fn plain_string(v: &str, style: ScalarStyle) -> bool {
    style == ScalarStyle::Plain
        && v.as_bytes().first().is_some_and(|&c| {
            (c.is_ascii_alphabetic() && !matches!(c, b'n' | b'N' | b't' | b'T' | b'f' | b'F'))
                || matches!(c, b'/' | b'$' | b'_' | b'<')
                || c >= 0x80
        })
}

/// Where the quoted scalar that starts at `start` ends: after its closing quote.
fn closing_quote(text: &str, start: usize) -> Option<usize> {
    let b = text.as_bytes();
    let quote = *b.get(start)?;
    let double = match quote {
        b'"' => true,
        b'\'' => false,
        _ => return None,
    };
    let mut i = start + 1;
    while i < b.len() {
        match b[i] {
            b'\\' if double => i += 2,
            b'\'' if !double && b.get(i + 1) == Some(&b'\'') => i += 2,
            c if c == quote => return Some(i + 1),
            _ => i += 1,
        }
    }
    None
}

/// "a string", "a sequence", ... for messages.
pub fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(n) if n.is_f64() => "a number",
        Value::Number(_) => "an integer",
        Value::String(_) => "a string",
        Value::Array(_) => "a sequence",
        Value::Object(_) => "a mapping",
    }
}

/// Builds the value and the span index from parse events (saphyr's, or the fast path's).
pub(crate) struct Builder<'t> {
    /// The text parsed (after any BOM), `base` bytes into the file.
    text: &'t str,
    base: usize,
    limits: ParseLimits,
    stack: Vec<Frame>,
    index: SpanIndex,
    /// Children of the open collections, innermost last.
    kids: Vec<Kid>,
    anchors: HashMap<usize, Value>,
    alias_budget: usize,
    errors: Vec<SyntaxError>,
    root: Option<Value>,
    root_span: Span,
    documents: usize,
    /// Depth of an unusable subtree being skipped (a complex key, or the value of a bad key).
    skipping: usize,
    block_scalars: Vec<Span>,
}

/// What the builder wants after an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Flow {
    Continue,
    /// Stop reading; what was built stands (a second document begins).
    Stop,
    /// Stop reading; there is no document (too deep, an alias bomb).
    Abort,
}

/// What the parse produced: a document when the text could be read as one.
#[derive(Debug, PartialEq)]
pub struct Parsed {
    pub document: Option<Document>,
    pub errors: Vec<SyntaxError>,
}

/// Parses `text` (which starts `base` bytes into the file, after a BOM) into a document.
///
/// Most manifests are read by the fast path (`fast.rs`), which understands the plain block
/// YAML they are written in and gives the builder exactly the events and spans saphyr would;
/// anything else it hands back, and saphyr reads the file from the start.
pub fn parse(text: &str, base: usize, limits: ParseLimits) -> Parsed {
    parse_fast(text, base, limits).unwrap_or_else(|| parse_with_saphyr(text, base, limits))
}

/// The fast path alone: `None` when the text uses YAML it does not read.
#[doc(hidden)]
pub fn parse_fast(text: &str, base: usize, limits: ParseLimits) -> Option<Parsed> {
    let mut b = Builder::new(text, base, limits);
    match fast::read(text, &mut b) {
        fast::Outcome::Done => Some(b.finish()),
        fast::Outcome::Aborted => Some(b.abort()),
        fast::Outcome::Unsupported => None,
    }
}

/// saphyr alone: reads any YAML 1.2.
#[doc(hidden)]
pub fn parse_with_saphyr(text: &str, base: usize, limits: ParseLimits) -> Parsed {
    let offsets = Offsets::new(text, base);
    let mut b = Builder::new(text, base, limits);
    let mut parser = Parser::new_from_str(text);
    loop {
        let (event, span) = match parser.next_event() {
            None => break,
            Some(Ok(ev)) => ev,
            Some(Err(e)) => {
                let at = offsets.byte(e.marker());
                b.errors.push(SyntaxError {
                    span: Span::new(at, at + 1),
                    message: format!("invalid YAML: {}", e.info()),
                    help: None,
                });
                return b.abort();
            }
        };
        if matches!(event, Event::StreamEnd) {
            break;
        }
        match b.event(event, offsets.span(&span)) {
            Flow::Continue => {}
            Flow::Stop => break,
            Flow::Abort => return b.abort(),
        }
    }
    b.finish()
}

impl<'t> Builder<'t> {
    fn new(text: &'t str, base: usize, limits: ParseLimits) -> Self {
        Builder {
            text,
            base,
            limits,
            stack: Vec::new(),
            // About one node per 40 bytes of a typical manifest.
            index: SpanIndex {
                nodes: Vec::with_capacity(text.len() / 40),
                kids: Vec::with_capacity(text.len() / 40),
                names: String::with_capacity(text.len() / 8),
                wide: Default::default(),
                view: None,
            },
            kids: Vec::new(),
            anchors: HashMap::new(),
            alias_budget: limits.max_alias_nodes,
            errors: Vec::new(),
            root: None,
            root_span: Span::new(base, base),
            documents: 0,
            skipping: 0,
            block_scalars: Vec::new(),
        }
    }

    /// No document: only the errors.
    fn abort(self) -> Parsed {
        Parsed {
            document: None,
            errors: self.errors,
        }
    }

    /// Takes one event, with its span in bytes.
    pub(crate) fn event(&mut self, event: Event<'_>, span_b: Span) -> Flow {
        let b = self;
        match event {
            Event::StreamStart | Event::StreamEnd | Event::Nothing | Event::DocumentEnd => {}
            Event::DocumentStart(_) => {
                b.documents += 1;
                if b.documents > 1 {
                    b.errors.push(SyntaxError {
                        span: Span::new(span_b.start, span_b.start + 3),
                        message: "the file holds more than one YAML document".into(),
                        help: Some("keep one offer per file; remove the `---` and what follows, or split it into another file".into()),
                    });
                    return Flow::Stop;
                }
            }
            Event::Scalar(v, style, anchor, tag) => {
                // saphyr ends a quoted scalar's span after the blanks and comment that follow
                // it: end it at its closing quote, so a finding marks the value alone.
                let span_b = match style {
                    ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted => {
                        let end = span_b
                            .start
                            .checked_sub(b.base)
                            .and_then(|s| closing_quote(b.text, s))
                            .map_or(span_b.end, |e| (e + b.base).min(span_b.end));
                        Span::new(span_b.start, end)
                    }
                    _ => span_b,
                };
                if matches!(style, ScalarStyle::Literal | ScalarStyle::Folded) {
                    b.block_scalars.push(span_b);
                }
                if b.skipping > 0 {
                    return Flow::Continue;
                }
                if b.root.is_none() && b.stack.is_empty() {
                    b.root_span = span_b;
                }
                // Parsed from a borrow of the text: a string scalar then takes the text over
                // (`own`) instead of a copy of it.
                let scalar = if tag.is_none() && plain_string(&v, style) {
                    Some(Scalar::String(Cow::Borrowed(&*v)))
                } else {
                    Scalar::parse_from_cow_and_metadata(Cow::Borrowed(&*v), style, tag.as_ref())
                };
                if b.expects_key() {
                    match scalar {
                        Some(Scalar::String(s)) => {
                            let key = if is_text(&s, &v) {
                                drop(s);
                                v.into_owned()
                            } else {
                                s.into_owned()
                            };
                            b.string_key(key, style, span_b);
                        }
                        other => b.scalar_key(&v, style, other, span_b),
                    }
                    return Flow::Continue;
                }
                if b.skip_value() {
                    return Flow::Continue;
                }
                let value = match scalar {
                    Some(Scalar::Null) => Value::Null,
                    Some(Scalar::Boolean(x)) => Value::Bool(x),
                    Some(Scalar::Integer(i)) => Value::from(i),
                    Some(Scalar::FloatingPoint(f)) => match Number::from_f64(f.into_inner()) {
                        Some(n) => Value::Number(n),
                        None => {
                            b.errors.push(SyntaxError {
                                span: span_b,
                                message: format!(
                                    "`{v}` is not a finite number; JSON has no infinity or NaN"
                                ),
                                help: Some(
                                    "write a finite number, or quote it to make it a string".into(),
                                ),
                            });
                            Value::String(v.to_string())
                        }
                    },
                    Some(Scalar::String(s)) => Value::String(if is_text(&s, &v) {
                        drop(s);
                        v.into_owned()
                    } else {
                        s.into_owned()
                    }),
                    None => {
                        b.errors.push(SyntaxError {
                            span: span_b,
                            message: format!("`{v}` does not match its tag"),
                            help: Some("remove the tag or fix the value".into()),
                        });
                        Value::String(v.to_string())
                    }
                };
                if anchor > 0 {
                    b.anchors.insert(anchor, value.clone());
                }
                b.place(value, span_b, None);
            }
            Event::Alias(id) => {
                if b.skipping > 0 {
                    return Flow::Continue;
                }
                let value = match b.anchors.get(&id) {
                    Some(v) => {
                        let mut budget = b.alias_budget;
                        if count_within(v, &mut budget) {
                            b.alias_budget = budget;
                            v.clone()
                        } else {
                            b.errors.push(SyntaxError {
                                span: span_b,
                                message: format!(
                                    "aliases expand to more than {} nodes (an alias bomb?)",
                                    b.limits.max_alias_nodes
                                ),
                                help: Some(
                                    "a manifest needs few aliases; write the values out".into(),
                                ),
                            });
                            return Flow::Abort;
                        }
                    }
                    None => Value::Null,
                };
                if b.expects_key() {
                    b.bad_key(span_b, "an alias used as a mapping key");
                    return Flow::Continue;
                }
                if b.skip_value() {
                    return Flow::Continue;
                }
                b.place(value, span_b, None);
            }
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                let is_map = matches!(event, Event::MappingStart(..));
                if b.stack.len() + b.skipping >= b.limits.max_depth {
                    b.errors.push(SyntaxError {
                        span: Span::new(span_b.start, span_b.start + 1),
                        message: format!("nesting is deeper than {} levels", b.limits.max_depth),
                        help: Some(
                            "an offer manifest nests a few levels; check the indentation".into(),
                        ),
                    });
                    return Flow::Abort;
                }
                if b.skipping > 0 {
                    b.skipping += 1;
                    return Flow::Continue;
                }
                match b.stack.last_mut() {
                    None | Some(Frame::Seq { .. }) => {}
                    Some(Frame::Map {
                        state: MapState::ExpectValue(..),
                        ..
                    }) => {}
                    Some(Frame::Map {
                        state: MapState::SkipValue,
                        ..
                    }) => {
                        b.skipping = 1;
                        return Flow::Continue;
                    }
                    Some(Frame::Map {
                        state: MapState::ExpectKey,
                        ..
                    }) => {
                        b.bad_key(span_b, "a mapping or sequence used as a mapping key");
                        // bad_key set SkipValue for the value; the key's own subtree is skipped
                        // first, so step back to ExpectKey until it ends.
                        if let Some(Frame::Map { state, .. }) = b.stack.last_mut() {
                            *state = MapState::ExpectKey;
                        }
                        b.skipping = 1;
                        return Flow::Continue;
                    }
                }
                if b.stack.is_empty() {
                    b.root_span = span_b;
                }
                let start = span_b.start;
                let node = b.index.node(
                    NodeKind::Leaf,
                    NodeSpans {
                        key: None,
                        value: span_b,
                    },
                );
                let kids_from = b.kids.len();
                b.stack.push(if is_map {
                    b.index.nodes[node as usize].kind = NodeKind::Map;
                    Frame::Map {
                        entries: Entries::default(),
                        node,
                        kids_from,
                        start,
                        anchor,
                        state: MapState::ExpectKey,
                    }
                } else {
                    b.index.nodes[node as usize].kind = NodeKind::Seq;
                    Frame::Seq {
                        items: Vec::new(),
                        node,
                        kids_from,
                        start,
                        anchor,
                    }
                });
            }
            Event::SequenceEnd | Event::MappingEnd => {
                if b.skipping > 0 {
                    b.skipping -= 1;
                    if b.skipping == 0 {
                        b.finish_skipped();
                    }
                    return Flow::Continue;
                }
                let Some(frame) = b.stack.pop() else {
                    return Flow::Continue;
                };
                let (value, node, kids_from, start, anchor) = match frame {
                    Frame::Seq {
                        items,
                        node,
                        kids_from,
                        start,
                        anchor,
                    } => (Value::Array(items), node, kids_from, start, anchor),
                    Frame::Map {
                        entries,
                        node,
                        kids_from,
                        start,
                        anchor,
                        ..
                    } => (
                        Value::Object(entries.list.into_iter().collect()),
                        node,
                        kids_from,
                        start,
                        anchor,
                    ),
                };
                let first = b.index.kids.len();
                b.index.kids.extend(b.kids.drain(kids_from..));
                let n = &mut b.index.nodes[node as usize];
                n.first = first as u32;
                n.len = (b.index.kids.len() - first) as u32;
                if anchor > 0 {
                    b.anchors.insert(anchor, value.clone());
                }
                let end = span_b.start.max(start);
                b.place(value, Span::new(start, end), Some(node));
            }
        }
        Flow::Continue
    }

    /// The events are over: the document, or why there is none.
    fn finish(mut self) -> Parsed {
        let base = self.base;
        let value = match self.root.take() {
            Some(v) => v,
            None => {
                // An empty file or a file of comments: there is no document at all.
                self.errors.push(SyntaxError {
                    span: Span::new(base, base),
                    message: "the file holds no YAML document".into(),
                    help: Some(
                        "an offer manifest is a mapping that starts with `apiVersion: offer-lint/v1`"
                            .into(),
                    ),
                });
                return self.abort();
            }
        };
        if !value.is_object() {
            self.errors.push(SyntaxError {
                span: self.root_span,
                message: format!("the top level is {}, not a mapping", kind_of(&value)),
                help: Some(
                    "an offer manifest is a mapping that starts with `apiVersion: offer-lint/v1`"
                        .into(),
                ),
            });
            return self.abort();
        }
        if self.index.nodes.is_empty() {
            let root_span = self.root_span;
            self.index.node(
                NodeKind::Leaf,
                NodeSpans {
                    key: None,
                    value: root_span,
                },
            );
        }
        Parsed {
            document: Some(Document {
                value,
                index: self.index,
                block_scalars: self.block_scalars,
            }),
            errors: self.errors,
        }
    }

    fn scalar_key(&mut self, raw: &str, style: ScalarStyle, scalar: Option<Scalar>, span: Span) {
        match scalar {
            Some(Scalar::String(s)) => self.string_key(s.into_owned(), style, span),
            Some(Scalar::Null) if style == ScalarStyle::Plain && raw.is_empty() => {
                self.bad_key(span, "an empty mapping key");
            }
            _ => {
                self.bad_key(span, &format!("the key `{raw}` is not a string"));
            }
        }
    }

    fn string_key(&mut self, key: String, style: ScalarStyle, span: Span) {
        if key == "<<" && style == ScalarStyle::Plain {
            self.errors.push(SyntaxError {
                span,
                message: "merge keys (`<<`) are YAML 1.1 and not part of YAML 1.2".into(),
                help: Some("write the merged keys out".into()),
            });
            self.mark_skip_value();
            return;
        }
        let Some(Frame::Map {
            entries,
            kids_from,
            state,
            ..
        }) = self.stack.last_mut()
        else {
            return;
        };
        if entries.contains(&key) {
            let index = &self.index;
            let first = self.kids[*kids_from..].iter().any(|k| index.name(k) == key);
            self.errors.push(SyntaxError {
                span,
                message: format!("duplicate key `{key}`"),
                help: Some(if first {
                    "a key may appear once in a mapping; remove one of the two (the first is kept)"
                        .into()
                } else {
                    "a key may appear once in a mapping; remove one of the two".into()
                }),
            });
            *state = MapState::SkipValue;
            return;
        }
        *state = MapState::ExpectValue(key, span);
    }

    fn bad_key(&mut self, span: Span, what: &str) {
        self.errors.push(SyntaxError {
            span,
            message: format!("{what}; offer manifests only use string keys"),
            help: Some("quote the key to make it a string".into()),
        });
        self.mark_skip_value();
    }

    /// Whether the innermost collection is a mapping waiting for a key.
    fn expects_key(&self) -> bool {
        matches!(
            self.stack.last(),
            Some(Frame::Map {
                state: MapState::ExpectKey,
                ..
            })
        )
    }

    /// The value of an unusable key arrived: drop it, and expect the next key.
    fn skip_value(&mut self) -> bool {
        match self.stack.last_mut() {
            Some(Frame::Map {
                state: state @ MapState::SkipValue,
                ..
            }) => {
                *state = MapState::ExpectKey;
                true
            }
            _ => false,
        }
    }

    fn mark_skip_value(&mut self) {
        if let Some(Frame::Map { state, .. }) = self.stack.last_mut() {
            *state = MapState::SkipValue;
        }
    }

    /// A skipped subtree ended: after a complex key its value is skipped next; after a
    /// skipped value the mapping expects a key again.
    fn finish_skipped(&mut self) {
        if let Some(Frame::Map { state, .. }) = self.stack.last_mut() {
            *state = match state {
                MapState::ExpectKey => MapState::SkipValue,
                _ => MapState::ExpectKey,
            };
        }
    }

    /// Places a finished node into its parent (or as the root), with its index node: the
    /// collection's own (`node`), or a new leaf for a scalar or an alias.
    fn place(&mut self, value: Value, span: Span, node: Option<u32>) {
        let spans = NodeSpans {
            key: None,
            value: span,
        };
        match self.stack.last_mut() {
            None => {
                if self.root.is_none() {
                    self.index.settle(node, spans);
                    self.root = Some(value);
                }
            }
            Some(Frame::Seq { items, .. }) => {
                let node = self.index.settle(node, spans);
                self.kids.push(Kid {
                    node,
                    name: 0,
                    name_len: 0,
                });
                items.push(value);
            }
            Some(Frame::Map { entries, state, .. }) => {
                if let MapState::ExpectValue(k, kspan) =
                    std::mem::replace(state, MapState::ExpectKey)
                {
                    let spans = NodeSpans {
                        key: Some(kspan),
                        value: span,
                    };
                    let node = self.index.settle(node, spans);
                    let name = self.index.names.len() as u32;
                    self.index.names.push_str(&k);
                    self.kids.push(Kid {
                        node,
                        name,
                        name_len: k.len() as u32,
                    });
                    entries.push(k, value);
                }
            }
        }
    }
}

impl SpanIndex {
    /// The spans of a placed node: a collection's own node (made when it started) gets them
    /// now; a scalar or an alias gets a new leaf.
    fn settle(&mut self, node: Option<u32>, spans: NodeSpans) -> u32 {
        match node {
            Some(n) => {
                self.nodes[n as usize].spans = spans;
                n
            }
            None => self.node(NodeKind::Leaf, spans),
        }
    }

    /// A new node, with no children yet.
    fn node(&mut self, kind: NodeKind, spans: NodeSpans) -> u32 {
        self.nodes.push(IndexNode {
            spans,
            kind,
            first: 0,
            len: 0,
        });
        (self.nodes.len() - 1) as u32
    }
}

/// Counts nodes of `v` against `budget`; false once it runs out.
fn count_within(v: &Value, budget: &mut usize) -> bool {
    if *budget == 0 {
        return false;
    }
    *budget -= 1;
    match v {
        Value::Array(a) => a.iter().all(|x| count_within(x, budget)),
        Value::Object(m) => m.values().all(|x| count_within(x, budget)),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shortcut for plain strings agrees with saphyr's core schema on every first byte.
    #[test]
    fn plain_strings_are_what_saphyr_reads_as_strings() {
        let mut words: Vec<String> = Vec::new();
        for c in (0u8..=0x7f).map(char::from).chain(['é', 'ß', '中']) {
            for rest in [
                "", "1", "12", "1.5", "e5", "nf", "inf", "nan", "ull", "rue", "alse", "x1", "_1",
                ".5", "0", "o7", "x1F",
            ] {
                words.push(format!("{c}{rest}"));
            }
        }
        words.extend(
            [
                "null", "Null", "NULL", "true", "True", "false", "FALSE", "~", ".inf",
            ]
            .map(String::from),
        );
        for w in &words {
            if plain_string(w, ScalarStyle::Plain) {
                let saphyr = Scalar::parse_from_cow_and_metadata(
                    Cow::Borrowed(w.as_str()),
                    ScalarStyle::Plain,
                    None,
                );
                assert!(
                    matches!(saphyr, Some(Scalar::String(_))),
                    "{w:?}: {saphyr:?}"
                );
            }
        }
        assert!(plain_string("https://x", ScalarStyle::Plain));
        assert!(!plain_string("null", ScalarStyle::Plain));
        assert!(!plain_string("1.0", ScalarStyle::Plain));
    }

    /// A quoted value's span ends at its closing quote, not after the comment that follows
    /// (saphyr's span), whichever reader read it.
    #[test]
    fn quoted_spans_end_at_the_closing_quote() {
        for (text, value) in [
            ("a: \"x y\"   # note\n", "\"x y\""),
            ("a: 'it''s'  # note\n", "'it''s'"),
            ("a: \"q\\\" # \\\\\" # note\n", "\"q\\\" # \\\\\""),
            ("a: \"two\n  lines\"  # note\n", "\"two\n  lines\""),
            ("a: [\"x\" , 'y' ]\n", "[\"x\" , 'y' "),
        ] {
            for parsed in [
                parse(text, 0, ParseLimits::default()),
                parse_with_saphyr(text, 0, ParseLimits::default()),
            ] {
                let doc = parsed.document.expect(text);
                let span = doc.index.exact("/a").expect(text).value;
                assert_eq!(&text[span.start..span.end], value, "{text:?}");
            }
        }
        let text = "a: [\"x\" , 'y' ]\n";
        let doc = parse(text, 0, ParseLimits::default()).document.unwrap();
        let span = doc.index.exact("/a/0").unwrap().value;
        assert_eq!(&text[span.start..span.end], "\"x\"");
    }
}
