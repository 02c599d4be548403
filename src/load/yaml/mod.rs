//! YAML text → `serde_json::Value` plus a JSON-pointer → span index, in one pass.
//!
//! We drive saphyr-parser's event stream ourselves instead of using saphyr's loader: its
//! loader recurses once per nesting level (a 20,000-deep file overflows the stack), builds
//! its own tree we would only convert again, and stops at the first duplicate key. Here the
//! depth, alias and key checks happen as events arrive, before any deep tree exists.

use std::borrow::Cow;
use std::collections::HashMap;

use saphyr::Scalar;
use saphyr_parser::{Event, Marker, Parser, ScalarStyle};
use serde_json::{Map, Number, Value};

use crate::finding::Span;

mod fast;

/// Where a node sits in the text: its key (for mapping values) and its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NodeSpans {
    pub key: Option<Span>,
    pub value: Span,
}

/// JSON pointer → spans. Pointers under an alias resolve to the alias itself.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct SpanIndex {
    /// foldhash rather than SipHash: one insert per node of every manifest; still seeded
    /// per process, so a hostile file cannot choose colliding keys.
    map: HashMap<String, NodeSpans, foldhash::fast::RandomState>,
}

impl SpanIndex {
    /// Spans of the node at `pointer`, or of its nearest indexed ancestor.
    pub fn get(&self, pointer: &str) -> Option<&NodeSpans> {
        let mut p = pointer;
        loop {
            if let Some(s) = self.map.get(p) {
                return Some(s);
            }
            match p.rfind('/') {
                Some(i) => p = &p[..i],
                None => return None,
            }
        }
    }

    /// Spans of exactly this pointer, with no fallback.
    pub fn exact(&self, pointer: &str) -> Option<&NodeSpans> {
        self.map.get(pointer)
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    pub fn pointers(&self) -> impl Iterator<Item = &str> {
        self.map.keys().map(String::as_str)
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

/// Appends one escaped reference token to a pointer, without an intermediate string.
pub fn push_token(pointer: &mut String, s: &str) {
    if s.bytes().any(|b| b == b'~' || b == b'/') {
        pointer.push_str(&escape_token(s));
    } else {
        pointer.push_str(s);
    }
}

/// `{parent}/{token}` with the token escaped, in one allocation.
fn child(parent: &str, token: &str) -> String {
    let mut p = String::with_capacity(parent.len() + 1 + token.len());
    p.push_str(parent);
    p.push('/');
    push_token(&mut p, token);
    p
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

enum Frame {
    Seq {
        items: Vec<Value>,
        pointer: String,
        start: usize,
        anchor: usize,
    },
    Map {
        map: Map<String, Value>,
        pointer: String,
        start: usize,
        anchor: usize,
        state: MapState,
    },
}

/// Where a mapping is between its keys and values.
enum MapState {
    ExpectKey,
    /// The key waiting for its value, with its span.
    ExpectValue(String, Span),
    /// The key was unusable (reported already): its value is skipped.
    SkipValue,
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
pub(crate) struct Builder {
    base: usize,
    limits: ParseLimits,
    stack: Vec<Frame>,
    index: SpanIndex,
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

impl Builder {
    fn new(text: &str, base: usize, limits: ParseLimits) -> Self {
        Builder {
            base,
            limits,
            stack: Vec::new(),
            // About one node per 24 bytes of a typical manifest: no rehashing as the index grows.
            index: SpanIndex {
                map: HashMap::with_capacity_and_hasher(text.len() / 24, Default::default()),
            },
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
                let scalar =
                    Scalar::parse_from_cow_and_metadata(Cow::Borrowed(&*v), style, tag.as_ref());
                match b.stack.last_mut() {
                    Some(Frame::Map {
                        state: MapState::ExpectKey,
                        ..
                    }) => {
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
                    Some(Frame::Map {
                        state: state @ MapState::SkipValue,
                        ..
                    }) => {
                        *state = MapState::ExpectKey;
                        return Flow::Continue;
                    }
                    _ => {}
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
                b.place(value, span_b);
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
                match b.stack.last_mut() {
                    Some(Frame::Map {
                        state: MapState::ExpectKey,
                        ..
                    }) => {
                        b.bad_key(span_b, "an alias used as a mapping key");
                        return Flow::Continue;
                    }
                    Some(Frame::Map {
                        state: state @ MapState::SkipValue,
                        ..
                    }) => {
                        *state = MapState::ExpectKey;
                        return Flow::Continue;
                    }
                    _ => {}
                }
                b.place(value, span_b);
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
                let pointer = match b.stack.last_mut() {
                    None => String::new(),
                    Some(Frame::Seq { items, pointer, .. }) => format!("{pointer}/{}", items.len()),
                    Some(Frame::Map {
                        state: MapState::ExpectValue(k, _),
                        pointer,
                        ..
                    }) => child(pointer, k),
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
                };
                if b.stack.is_empty() {
                    b.root_span = span_b;
                }
                let start = span_b.start;
                b.stack.push(if is_map {
                    Frame::Map {
                        map: Map::new(),
                        pointer,
                        start,
                        anchor,
                        state: MapState::ExpectKey,
                    }
                } else {
                    Frame::Seq {
                        items: Vec::new(),
                        pointer,
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
                let (value, start, anchor) = match frame {
                    Frame::Seq {
                        items,
                        start,
                        anchor,
                        ..
                    } => (Value::Array(items), start, anchor),
                    Frame::Map {
                        map, start, anchor, ..
                    } => (Value::Object(map), start, anchor),
                };
                if anchor > 0 {
                    b.anchors.insert(anchor, value.clone());
                }
                let end = span_b.start.max(start);
                b.place(value, Span::new(start, end));
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
        self.index.map.entry(String::new()).or_insert(NodeSpans {
            key: None,
            value: self.root_span,
        });
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
            map,
            pointer,
            state,
            ..
        }) = self.stack.last_mut()
        else {
            return;
        };
        if map.contains_key(&key) {
            let first = self
                .index
                .exact(&format!("{pointer}/{}", escape_token(&key)))
                .and_then(|s| s.key);
            self.errors.push(SyntaxError {
                span,
                message: format!("duplicate key `{key}`"),
                help: Some(match first {
                    Some(_) => "a key may appear once in a mapping; remove one of the two (the first is kept)".into(),
                    None => "a key may appear once in a mapping; remove one of the two".into(),
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

    /// Places a finished node into its parent (or as the root).
    fn place(&mut self, value: Value, span: Span) {
        match self.stack.last_mut() {
            None => {
                if self.root.is_none() {
                    self.index.map.insert(
                        String::new(),
                        NodeSpans {
                            key: None,
                            value: span,
                        },
                    );
                    self.root = Some(value);
                }
            }
            Some(Frame::Seq { items, pointer, .. }) => {
                let p = format!("{pointer}/{}", items.len());
                self.index.map.insert(
                    p,
                    NodeSpans {
                        key: None,
                        value: span,
                    },
                );
                items.push(value);
            }
            Some(Frame::Map {
                map,
                pointer,
                state,
                ..
            }) => {
                if let MapState::ExpectValue(k, kspan) =
                    std::mem::replace(state, MapState::ExpectKey)
                {
                    let p = child(pointer, &k);
                    self.index.map.insert(
                        p,
                        NodeSpans {
                            key: Some(kspan),
                            value: span,
                        },
                    );
                    map.insert(k, value);
                }
            }
        }
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
