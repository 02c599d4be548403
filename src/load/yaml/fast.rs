//! The fast path: reads the YAML that offer manifests are written in straight from the
//! bytes, and gives the builder exactly the events and spans saphyr would give it for the
//! same text.
//!
//! It reads block mappings and sequences, flow collections on one line, plain and quoted
//! scalars on one line, literal and folded block scalars, and comments; and a document that
//! is one flow collection over many lines, as JSON is (Partner Center's documents), with
//! JSON's escapes in double-quoted scalars. Anything else (anchors, aliases, tags, YAML's
//! other escapes, multi-line plain or quoted scalars, document markers,
//! explicit keys, tabs, carriage returns, odd indentation, ...) makes it give up, and the
//! file is read again by saphyr, which reads any YAML 1.2: a file is sometimes read twice,
//! never read differently. `tests/yaml_fast.rs` and the `yaml_fast` fuzz target compare both
//! readers on every input the fast path accepts.
//!
//! Why it exists: saphyr scans one character at a time through a lookahead buffer, and was
//! the largest cost of a run over many manifests (BENCHMARKS.md).

use std::borrow::Cow;

use saphyr_parser::{Event, ScalarStyle};

use super::{Builder, Flow};
use crate::finding::Span;

pub(super) enum Outcome {
    /// Read to the end; the builder holds the document.
    Done,
    /// The builder refused the document (too deep): no document, as with saphyr.
    Aborted,
    /// Not in the subset this reads: use saphyr.
    Unsupported,
}

/// Why reading stopped early.
enum Stop {
    Unsupported,
    Aborted,
}

type R<T> = Result<T, Stop>;

/// Manifests nest about ten levels; deeper files (and the depth limit's errors) go to saphyr,
/// which also keeps the recursion here shallow.
const MAX_NESTING: usize = 48;

/// The column of the end of the text: below every indentation, so it closes every block.
const END: isize = -1;

/// The first token of a line, or the end of the text.
#[derive(Clone, Copy)]
struct Tok {
    pos: usize,
    col: isize,
}

/// A mapping key on one line, up to its `:`.
struct Key<'t> {
    value: Cow<'t, str>,
    style: ScalarStyle,
    start: usize,
    end: usize,
    colon: usize,
}

#[derive(Clone, Copy)]
enum Chomp {
    Clip,
    Strip,
    Keep,
}

pub(super) fn read<'t>(text: &'t str, builder: &mut Builder<'t>) -> Outcome {
    if !plain_bytes(text.as_bytes()) {
        return Outcome::Unsupported;
    }
    let mut r = Reader {
        text,
        s: text.as_bytes(),
        base: builder.base,
        b: builder,
        depth: 0,
        json: false,
    };
    match r.document() {
        Ok(()) => Outcome::Done,
        Err(Stop::Aborted) => Outcome::Aborted,
        Err(Stop::Unsupported) => Outcome::Unsupported,
    }
}

/// No tab, carriage return, NUL or byte order mark: saphyr gives each its own treatment.
/// (NUL also stands for the end of the text below.)
fn plain_bytes(s: &[u8]) -> bool {
    memchr::memchr3(b'\t', b'\r', 0, s).is_none()
        && memchr::memchr_iter(0xEF, s).all(|i| s.get(i + 1..i + 3) != Some(b"\xBB\xBF"))
}

fn is_flow(c: u8) -> bool {
    matches!(c, b',' | b'[' | b']' | b'{' | b'}')
}

/// A blank, a line break or the end of the text.
fn is_blankz(c: u8) -> bool {
    matches!(c, b' ' | b'\n' | 0)
}

struct Reader<'t, 'b> {
    text: &'t str,
    s: &'t [u8],
    base: usize,
    b: &'b mut Builder<'t>,
    depth: usize,
    /// The document is one flow collection (JSON): its lines may break anywhere between
    /// tokens, not only inside a block.
    json: bool,
}

/// A quoted scalar's value: its text as written, or the unescaped part built so far and the
/// rest.
fn joined<'t>(built: Option<String>, rest: &'t str) -> Cow<'t, str> {
    match built {
        None => Cow::Borrowed(rest),
        Some(mut o) => {
            o.push_str(rest);
            Cow::Owned(o)
        }
    }
}

fn unsupported<T>() -> R<T> {
    Err(Stop::Unsupported)
}

/// An implicit key is at most 1024 characters long, up to its colon: leave the edge (and
/// saphyr's error past it) to saphyr.
fn short_key(start: usize, colon: usize) -> R<()> {
    if colon - start > 1000 {
        return unsupported();
    }
    Ok(())
}

impl<'t> Reader<'t, '_> {
    /// The byte at `p`, or 0 at the end of the text.
    fn at(&self, p: usize) -> u8 {
        self.s.get(p).copied().unwrap_or(0)
    }

    fn spaces(&self, mut p: usize) -> usize {
        while self.at(p) == b' ' {
            p += 1;
        }
        p
    }

    /// The line break ending the line at `p`, or the end of the text.
    fn eol(&self, p: usize) -> usize {
        self.s[p..]
            .iter()
            .position(|&c| c == b'\n')
            .map_or(self.s.len(), |i| p + i)
    }

    fn emit(&mut self, event: Event<'t>, start: usize, end: usize) -> R<()> {
        let span = Span::new(self.base + start, self.base + end);
        match self.b.event(event, span) {
            Flow::Continue => Ok(()),
            Flow::Abort => Err(Stop::Aborted),
            Flow::Stop => unsupported(),
        }
    }

    fn scalar(&mut self, v: Cow<'t, str>, style: ScalarStyle, start: usize, end: usize) -> R<()> {
        self.emit(Event::Scalar(v, style, 0, None), start, end)
    }

    fn nest(&mut self) -> R<()> {
        self.depth += 1;
        if self.depth > MAX_NESTING {
            return unsupported();
        }
        Ok(())
    }

    fn document(&mut self) -> R<()> {
        self.emit(Event::DocumentStart(false), 0, 0)?;
        let t = self.line_token(0)?;
        if matches!(self.at(t.pos), b'{' | b'[') {
            return self.json_document(t.pos);
        }
        // Only a mapping at the left margin: anything else is rare, or an error saphyr words.
        if t.col != 0 || self.is_entry(t.pos) {
            return unsupported();
        }
        let end = self.block_mapping(t.pos, 0, None)?;
        if end.col != END {
            return unsupported();
        }
        self.emit(Event::DocumentEnd, end.pos, end.pos)
    }

    /// A document that is one flow collection, as JSON is, at `p`: Partner Center's
    /// documents. Nothing but blanks may follow it.
    fn json_document(&mut self, p: usize) -> R<()> {
        self.json = true;
        let end = self.flow_node(p)?;
        let rest = self.flow_blanks(end)?;
        if rest != self.s.len() {
            return unsupported();
        }
        self.emit(Event::DocumentEnd, rest, rest)
    }

    /// Past the blanks between flow tokens from `p`: spaces, and in a JSON document line
    /// breaks (a line that starts a document marker is left to saphyr).
    fn flow_blanks(&self, mut p: usize) -> R<usize> {
        loop {
            p = self.spaces(p);
            if !self.json || self.at(p) != b'\n' {
                return Ok(p);
            }
            p += 1;
            if self.s[p..].starts_with(b"---") || self.s[p..].starts_with(b"...") {
                return unsupported();
            }
        }
    }

    /// The first token from the start of the line at `p` on, past blank and comment lines.
    fn line_token(&self, mut p: usize) -> R<Tok> {
        loop {
            let line = p;
            p = self.spaces(p);
            match self.at(p) {
                0 => {
                    return Ok(Tok {
                        pos: self.s.len(),
                        col: END,
                    })
                }
                b'\n' => p += 1,
                b'#' => p = self.eol(p) + 1,
                _ => return self.token(p, p - line),
            }
        }
    }

    /// The token at `p`, the first on its line, at column `col`.
    fn token(&self, p: usize, col: usize) -> R<Tok> {
        if col == 0 && (self.s[p..].starts_with(b"---") || self.s[p..].starts_with(b"...")) {
            return unsupported();
        }
        Ok(Tok {
            pos: p,
            col: col as isize,
        })
    }

    /// The next token after the line break (or end) at `p`.
    fn after_line(&self, p: usize) -> R<Tok> {
        if p >= self.s.len() {
            return Ok(Tok {
                pos: self.s.len(),
                col: END,
            });
        }
        self.line_token(p + 1)
    }

    /// Past spaces and a comment after a token that ends at `p`: the comment needs a space
    /// before it.
    fn skip_ws_comment(&self, p: usize) -> R<usize> {
        let q = self.spaces(p);
        if self.at(q) == b'#' {
            if q == p {
                return unsupported();
            }
            return Ok(self.eol(q));
        }
        Ok(q)
    }

    /// The end of the line after a token that ends at `p`, which must hold nothing else.
    fn rest_of_line(&self, p: usize) -> R<usize> {
        let q = self.skip_ws_comment(p)?;
        match self.at(q) {
            b'\n' | 0 => Ok(q),
            _ => unsupported(),
        }
    }

    /// A block sequence entry: `-` and a blank.
    fn is_entry(&self, p: usize) -> bool {
        self.at(p) == b'-' && is_blankz(self.at(p + 1))
    }

    /// Can a plain scalar start at `p`?
    fn plain_start(&self, p: usize, flow: bool) -> bool {
        match self.at(p) {
            b'-' => {
                let n = self.at(p + 1);
                !(is_blankz(n) || (flow && is_flow(n)))
            }
            b'?' | b':' | b',' | b'[' | b']' | b'{' | b'}' | b'#' | b'&' | b'*' | b'!' | b'|'
            | b'>' | b'\'' | b'"' | b'%' | b'@' | b'`' | b' ' | b'\n' | 0 => false,
            _ => true,
        }
    }

    /// A plain scalar on one line from `p`: where its text ends (trailing spaces excluded)
    /// and where the scan stopped (a line break, ` #`, `: `, or in flow a flow indicator).
    fn plain(&self, p: usize, flow: bool) -> (usize, usize) {
        let mut q = p;
        let mut end = p;
        loop {
            match self.at(q) {
                0 | b'\n' => break,
                b' ' => {
                    q += 1;
                    continue;
                }
                b'#' if self.s[q - 1] == b' ' => break,
                // saphyr refuses `-` and a flow indicator after a blank in flow context:
                // stop there, and the caller gives up.
                b'-' if flow && self.s[q - 1] == b' ' && is_flow(self.at(q + 1)) => break,
                b':' if is_blankz(self.at(q + 1)) || (flow && is_flow(self.at(q + 1))) => break,
                c if flow && is_flow(c) => break,
                _ => {}
            }
            q += 1;
            end = q;
        }
        (end, q)
    }

    /// A quoted scalar on one line at `p`: its value and the position after the closing quote.
    fn quoted(&self, p: usize) -> R<(Cow<'t, str>, ScalarStyle, usize)> {
        let text = self.text;
        if self.s[p] == b'"' {
            let mut q = p + 1;
            let mut from = q;
            let mut owned: Option<String> = None;
            loop {
                match self.at(q) {
                    b'"' => {
                        let value = joined(owned, &text[from..q]);
                        return Ok((value, ScalarStyle::DoubleQuoted, q + 1));
                    }
                    b'\\' => {
                        let (c, len) = self.escape(q)?;
                        let o = owned.get_or_insert_with(String::new);
                        o.push_str(&text[from..q]);
                        o.push(c);
                        q += len;
                        from = q;
                    }
                    b'\n' | 0 => return unsupported(),
                    _ => q += 1,
                }
            }
        }
        let mut q = p + 1;
        let mut from = q;
        let mut owned: Option<String> = None;
        loop {
            match self.at(q) {
                b'\'' if self.at(q + 1) == b'\'' => {
                    owned
                        .get_or_insert_with(String::new)
                        .push_str(&text[from..=q]);
                    q += 2;
                    from = q;
                }
                b'\'' => {
                    let value = joined(owned, &text[from..q]);
                    return Ok((value, ScalarStyle::SingleQuoted, q + 1));
                }
                b'\n' | 0 => return unsupported(),
                _ => q += 1,
            }
        }
    }

    /// The escape at `p` (a backslash) in a double-quoted scalar: the character and the
    /// escape's length. Only JSON's escapes, the ones Partner Center's documents hold; the
    /// rest of YAML's (and a `\\u` of half a surrogate pair) are left to saphyr.
    fn escape(&self, p: usize) -> R<(char, usize)> {
        let c = match self.at(p + 1) {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let hex = self.s.get(p + 2..p + 6).ok_or(Stop::Unsupported)?;
                if !hex.iter().all(u8::is_ascii_hexdigit) {
                    return unsupported();
                }
                let code = u32::from_str_radix(std::str::from_utf8(hex).unwrap_or("x"), 16)
                    .map_err(|_| Stop::Unsupported)?;
                // JSON writes a character outside the Basic Multilingual Plane as a surrogate
                // pair (.NET's writer does so for every emoji); YAML's `\u` has no pairs, so
                // saphyr refuses them: a JSON document reads them here, as JSON means them.
                if self.json
                    && (0xD800..0xDC00).contains(&code)
                    && self.at(p + 6) == b'\\'
                    && self.at(p + 7) == b'u'
                {
                    let low = self.s.get(p + 8..p + 12).ok_or(Stop::Unsupported)?;
                    let low = std::str::from_utf8(low)
                        .ok()
                        .filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()));
                    let low = low
                        .and_then(|h| u32::from_str_radix(h, 16).ok())
                        .ok_or(Stop::Unsupported)?;
                    if (0xDC00..0xE000).contains(&low) {
                        let c = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
                        return char::from_u32(c).map(|c| (c, 12)).ok_or(Stop::Unsupported);
                    }
                }
                return char::from_u32(code)
                    .map(|c| (c, 6))
                    .ok_or(Stop::Unsupported);
            }
            _ => return unsupported(),
        };
        Ok((c, 2))
    }

    /// A key of a block mapping at `p`, when there is one.
    fn key(&self, p: usize) -> R<Option<Key<'t>>> {
        match self.at(p) {
            b'"' | b'\'' => {
                let (value, style, close) = self.quoted(p)?;
                let q = self.spaces(close);
                if self.at(q) == b':' && is_blankz(self.at(q + 1)) {
                    short_key(p, q)?;
                    // saphyr's span runs over the spaces before the colon.
                    return Ok(Some(Key {
                        value,
                        style,
                        start: p,
                        end: q,
                        colon: q,
                    }));
                }
                Ok(None)
            }
            _ if self.plain_start(p, false) => {
                let (end, stop) = self.plain(p, false);
                if self.at(stop) != b':' {
                    return Ok(None);
                }
                short_key(p, stop)?;
                Ok(Some(Key {
                    value: Cow::Borrowed(&self.text[p..end]),
                    style: ScalarStyle::Plain,
                    start: p,
                    end,
                    colon: stop,
                }))
            }
            _ => Ok(None),
        }
    }

    /// A block mapping whose first key is at `pos`, in column `indent`.
    fn block_mapping(&mut self, pos: usize, indent: usize, first: Option<Key<'t>>) -> R<Tok> {
        self.nest()?;
        self.emit(Event::MappingStart(0, None), pos, pos)?;
        let mut key = first;
        let mut p = pos;
        loop {
            let Some(k) = (match key.take() {
                Some(k) => Some(k),
                None => self.key(p)?,
            }) else {
                return unsupported();
            };
            let colon = k.colon;
            self.scalar(k.value, k.style, k.start, k.end)?;
            let q = self.spaces(colon + 1);
            let tok = if matches!(self.at(q), b'\n' | 0 | b'#') {
                // The value is on the lines below, or empty.
                let t = self.after_line(self.eol(q))?;
                if t.col > indent as isize {
                    self.block_node(t)?
                } else if t.col == indent as isize && self.is_entry(t.pos) {
                    // A sequence at the key's own indentation belongs to the key.
                    self.block_sequence(t.pos, indent, true)?
                } else {
                    self.scalar(Cow::Borrowed(""), ScalarStyle::Plain, colon, colon)?;
                    t
                }
            } else {
                self.inline_value(q, indent)?
            };
            if tok.col == indent as isize && !self.is_entry(tok.pos) {
                p = tok.pos;
                continue;
            }
            if tok.col >= indent as isize {
                return unsupported();
            }
            self.emit(Event::MappingEnd, tok.pos, tok.pos)?;
            self.depth -= 1;
            return Ok(tok);
        }
    }

    /// A block sequence whose first `-` is at `pos`, in column `indent`; `indentless` when
    /// it is a mapping value at the key's own indentation.
    fn block_sequence(&mut self, pos: usize, indent: usize, indentless: bool) -> R<Tok> {
        self.nest()?;
        // saphyr starts an indentless sequence where its first entry's content would begin:
        // after the `-`, its spaces and any comment.
        let start = if indentless {
            let q = self.spaces(pos + 1);
            if self.at(q) == b'#' {
                self.eol(q)
            } else {
                q
            }
        } else {
            pos
        };
        self.emit(Event::SequenceStart(0, None), start, start)?;
        let mut p = pos;
        loop {
            let q = self.spaces(p + 1);
            let tok = if matches!(self.at(q), b'\n' | 0 | b'#') {
                let t = self.after_line(self.eol(q))?;
                if t.col <= indent as isize {
                    // An empty entry: rare, and saphyr places it oddly.
                    return unsupported();
                }
                self.block_node(t)?
            } else if self.is_entry(q) {
                return unsupported();
            } else {
                match self.key(q)? {
                    Some(k) => self.block_mapping(q, indent + (q - p), Some(k))?,
                    None => self.inline_value(q, indent)?,
                }
            };
            if tok.col == indent as isize && self.is_entry(tok.pos) {
                p = tok.pos;
                continue;
            }
            if tok.col > indent as isize {
                return unsupported();
            }
            self.emit(Event::SequenceEnd, tok.pos, tok.pos)?;
            self.depth -= 1;
            return Ok(tok);
        }
    }

    /// A block collection starting a line.
    fn block_node(&mut self, t: Tok) -> R<Tok> {
        let col = t.col as usize;
        if self.is_entry(t.pos) {
            self.block_sequence(t.pos, col, false)
        } else {
            self.block_mapping(t.pos, col, None)
        }
    }

    /// A value that starts at `q` on the line of its key or `-`, in a block at `indent`;
    /// returns the next token.
    fn inline_value(&mut self, q: usize, indent: usize) -> R<Tok> {
        let eol = match self.at(q) {
            b'|' | b'>' => return self.block_scalar(q, indent),
            b'[' | b'{' => {
                let end = self.flow_node(q)?;
                self.rest_of_line(end)?
            }
            b'"' | b'\'' => {
                let (value, style, close) = self.quoted(q)?;
                // saphyr's span runs over the spaces and comment after the closing quote.
                let end = self.skip_ws_comment(close)?;
                if !matches!(self.at(end), b'\n' | 0) {
                    return unsupported();
                }
                self.scalar(value, style, q, end)?;
                end
            }
            _ if self.plain_start(q, false) => {
                let (end, stop) = self.plain(q, false);
                if self.at(stop) == b':' {
                    return unsupported();
                }
                self.scalar(
                    Cow::Borrowed(&self.text[q..end]),
                    ScalarStyle::Plain,
                    q,
                    end,
                )?;
                self.rest_of_line(end)?
            }
            _ => return unsupported(),
        };
        let t = self.after_line(eol)?;
        // A more indented line would continue the scalar (or be an error).
        if t.col > indent as isize {
            return unsupported();
        }
        Ok(t)
    }

    /// A literal (`|`) or folded (`>`) block scalar whose indicator is at `q`, in a block at
    /// `indent`; returns the next token.
    fn block_scalar(&mut self, q: usize, indent: usize) -> R<Tok> {
        let literal = self.s[q] == b'|';
        let mut p = q + 1;
        let chomp = match self.at(p) {
            b'+' => Chomp::Keep,
            b'-' => Chomp::Strip,
            _ => Chomp::Clip,
        };
        if !matches!(chomp, Chomp::Clip) {
            p += 1;
        }
        let p = self.skip_ws_comment(p)?;
        if self.at(p) != b'\n' {
            return unsupported();
        }
        let mut line = p + 1;
        let first = self.spaces(line);
        let n = first - line;
        if is_blankz(self.at(first)) || n <= indent {
            // Leading empty lines, an empty scalar, or content not indented past the block.
            return unsupported();
        }
        let start = first;
        let mut value = String::with_capacity(64);
        let mut blanks = 0usize;
        let mut first_line = true;
        let (end, next) = 'lines: loop {
            let content = line + n;
            if !literal && self.at(content) == b' ' {
                // A more indented line of a folded scalar keeps its breaks: saphyr's to read.
                return unsupported();
            }
            if !first_line {
                if literal {
                    value.push('\n');
                    value.extend(std::iter::repeat_n('\n', blanks));
                } else if blanks == 0 {
                    value.push(' ');
                } else {
                    value.extend(std::iter::repeat_n('\n', blanks));
                }
            }
            first_line = false;
            blanks = 0;
            let e = self.eol(content);
            value.push_str(&self.text[content..e]);
            if e >= self.s.len() {
                // No line break after the last line.
                return unsupported();
            }
            let mut l = e + 1;
            loop {
                let c = self.spaces(l);
                match self.at(c) {
                    b'\n' => {
                        if c - l > n {
                            return unsupported();
                        }
                        blanks += 1;
                        l = c + 1;
                    }
                    0 => {
                        if c > l {
                            return unsupported();
                        }
                        break 'lines (c, Tok { pos: c, col: END });
                    }
                    _ if c - l >= n => {
                        line = l;
                        continue 'lines;
                    }
                    b'#' => break 'lines (c, self.after_line(self.eol(c))?),
                    _ => break 'lines (c, self.token(c, c - l)?),
                }
            }
        };
        match chomp {
            Chomp::Clip => value.push('\n'),
            Chomp::Strip => {}
            Chomp::Keep => value.extend(std::iter::repeat_n('\n', blanks + 1)),
        }
        let style = if literal {
            ScalarStyle::Literal
        } else {
            ScalarStyle::Folded
        };
        self.scalar(Cow::Owned(value), style, start, end)?;
        if next.col > indent as isize {
            return unsupported();
        }
        Ok(next)
    }

    /// A node in a flow collection (or a flow collection in a block) at `p`: the position
    /// after it.
    fn flow_node(&mut self, p: usize) -> R<usize> {
        match self.at(p) {
            b'[' => self.flow_sequence(p),
            b'{' => self.flow_mapping(p),
            b'"' | b'\'' => {
                let (value, style, close) = self.quoted(p)?;
                let end = self.skip_ws_comment(close)?;
                self.scalar(value, style, p, end)?;
                Ok(end)
            }
            _ if self.plain_start(p, true) => {
                let (end, stop) = self.plain(p, true);
                self.scalar(
                    Cow::Borrowed(&self.text[p..end]),
                    ScalarStyle::Plain,
                    p,
                    end,
                )?;
                Ok(stop)
            }
            _ => unsupported(),
        }
    }

    fn flow_sequence(&mut self, p: usize) -> R<usize> {
        self.nest()?;
        self.emit(Event::SequenceStart(0, None), p, p + 1)?;
        let mut q = self.flow_blanks(p + 1)?;
        if self.at(q) != b']' {
            loop {
                let end = self.flow_node(q)?;
                let (next, closed) = self.after_entry(end, b']')?;
                q = next;
                if closed {
                    break;
                }
            }
        }
        self.emit(Event::SequenceEnd, q, q + 1)?;
        self.depth -= 1;
        Ok(q + 1)
    }

    /// After a flow entry that ends at `q`: the next entry, or the closing bracket `close`
    /// (then `true`). A trailing comma is left to saphyr.
    fn after_entry(&self, q: usize, close: u8) -> R<(usize, bool)> {
        let q = self.flow_blanks(q)?;
        match self.at(q) {
            b',' => {
                let next = self.flow_blanks(q + 1)?;
                if self.at(next) == close {
                    return unsupported();
                }
                Ok((next, false))
            }
            c if c == close => Ok((q, true)),
            _ => unsupported(),
        }
    }

    fn flow_mapping(&mut self, p: usize) -> R<usize> {
        self.nest()?;
        self.emit(Event::MappingStart(0, None), p, p + 1)?;
        let mut q = self.flow_blanks(p + 1)?;
        if self.at(q) != b'}' {
            loop {
                let colon = match self.at(q) {
                    b'"' | b'\'' => {
                        let (value, style, close) = self.quoted(q)?;
                        let end = self.skip_ws_comment(close)?;
                        if self.at(end) != b':' {
                            return unsupported();
                        }
                        short_key(q, end)?;
                        self.scalar(value, style, q, end)?;
                        end
                    }
                    _ if self.plain_start(q, true) => {
                        let (end, stop) = self.plain(q, true);
                        if self.at(stop) != b':' || self.at(stop + 1) != b' ' {
                            return unsupported();
                        }
                        short_key(q, stop)?;
                        self.scalar(
                            Cow::Borrowed(&self.text[q..end]),
                            ScalarStyle::Plain,
                            q,
                            end,
                        )?;
                        stop
                    }
                    _ => return unsupported(),
                };
                q = self.spaces(colon + 1);
                if matches!(self.at(q), b',' | b'}' | b'\n' | 0) {
                    // A key without a value.
                    return unsupported();
                }
                let end = self.flow_node(q)?;
                let (next, closed) = self.after_entry(end, b'}')?;
                q = next;
                if closed {
                    break;
                }
            }
        }
        self.emit(Event::MappingEnd, q, q + 1)?;
        self.depth -= 1;
        Ok(q + 1)
    }
}
