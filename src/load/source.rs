//! A file's text and the byte-offset → line/column arithmetic over it.

use crate::finding::{Position, Span};

/// The text of one manifest as read, with a line index.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Display path (relative, forward slashes).
    pub name: String,
    /// The text; invalid UTF-8 is replaced so a snippet can still be shown.
    pub text: String,
    line_starts: Vec<usize>,
}

impl SourceFile {
    pub fn new(name: impl Into<String>, text: String) -> SourceFile {
        let mut line_starts = Vec::with_capacity(text.len() / 32 + 1);
        line_starts.push(0);
        line_starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        SourceFile {
            name: name.into(),
            text,
            line_starts,
        }
    }

    /// Clamps a span to the text and to char boundaries (miette panics past the end).
    pub fn clamp(&self, span: Span) -> Span {
        let len = self.text.len();
        let mut start = span.start.min(len);
        let mut end = span.end.min(len).max(start);
        while start > 0 && !self.text.is_char_boundary(start) {
            start -= 1;
        }
        while end < len && !self.text.is_char_boundary(end) {
            end += 1;
        }
        Span { start, end }
    }

    /// 1-based line and character column of a byte offset.
    pub fn position(&self, offset: usize) -> Position {
        let offset = offset.min(self.text.len());
        let line_idx = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let line_start = self.line_starts[line_idx];
        let mut end = offset;
        while end > line_start && !self.text.is_char_boundary(end) {
            end -= 1;
        }
        let column = self.text[line_start..end].chars().count() + 1;
        Position {
            line: line_idx + 1,
            column,
        }
    }

    /// Byte range of a 1-based line, without its line terminator.
    pub fn line_span(&self, line: usize) -> Span {
        let idx = line.saturating_sub(1).min(self.line_starts.len() - 1);
        let start = self.line_starts[idx];
        let mut end = self
            .line_starts
            .get(idx + 1)
            .map_or(self.text.len(), |n| n - 1);
        if end > start && self.text.as_bytes()[end - 1] == b'\r' {
            end -= 1;
        }
        Span::new(start, end)
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// Trims a span to its first line, so a container's label stays on its first key.
    pub fn first_line(&self, span: Span) -> Span {
        let span = self.clamp(span);
        let line = self.line_span(self.position(span.start).line);
        Span::new(span.start, span.end.min(line.end).max(span.start))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters_and_handle_crlf() {
        let s = SourceFile::new("x", "a: é\r\nb: ☕x\n".to_string());
        assert_eq!(s.position(0), Position { line: 1, column: 1 });
        // "b" starts line 2 after "\r\n".
        let b = s.text.find('b').unwrap();
        assert_eq!(s.position(b), Position { line: 2, column: 1 });
        let x = s.text.find('x').unwrap();
        assert_eq!(s.position(x), Position { line: 2, column: 5 });
        assert_eq!(s.line_span(1), Span::new(0, 5));
    }

    #[test]
    fn clamp_never_exceeds_text() {
        let s = SourceFile::new("x", "é".to_string());
        assert_eq!(s.clamp(Span::new(1, 99)), Span::new(0, 2));
    }
}
