//! Inline suppressions in YAML comments (`# offer-lint: disable-next-line <id> -- reason`).

use crate::finding::{Finding, Span};
use crate::load::SourceFile;
use crate::rules::Rule;

/// The suppressions of one file.
#[derive(Debug, Default)]
pub struct Suppressions {}

impl Suppressions {
    pub fn parse(_source: &SourceFile) -> Suppressions {
        Suppressions {}
    }

    pub fn suppresses(&mut self, _f: &Finding) -> bool {
        false
    }

    /// Warnings about the suppressions themselves: (rule, span, message, help).
    pub fn leftovers(&self) -> Vec<(&'static Rule, Span, String, String)> {
        Vec::new()
    }
}
