//! Helpers for the listing text rules: where a piece of a string value sits in the file.

use crate::finding::Span;
use crate::rules::Ctx;

/// The source range of `needle`, found at byte `at` of the decoded string stored at
/// `pointer`, or `None` when it cannot be told reliably.
///
/// The decoded string and the text as written differ by indentation, line folding and
/// escapes, so the position is found by matching: the `k`-th occurrence of `needle` in the
/// decoded string is taken to be the `k`-th occurrence in the written value. That is exact
/// for plain, single-quoted and literal (`|`) and folded (`>`) block scalars as long as the
/// needle does not span a line break or hold an escape; otherwise the caller reports on
/// the value as a whole.
pub fn locate(ctx: &Ctx, pointer: &str, decoded: &str, at: usize, needle: &str) -> Option<Span> {
    if needle.is_empty() || ctx.is_unresolved(pointer) {
        return None;
    }
    let spans = ctx.doc.index.exact(pointer)?;
    let written = ctx.source.text.get(spans.value.start..spans.value.end)?;
    let before = decoded.get(..at)?;
    let k = before.matches(needle).count();
    if decoded.matches(needle).count() != written.matches(needle).count() {
        return None;
    }
    let (offset, _) = written.match_indices(needle).nth(k)?;
    let start = spans.value.start + offset;
    Some(Span::new(start, start + needle.len()))
}
