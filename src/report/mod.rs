//! Report: one small renderer per output format over the neutral finding model.

pub mod human;
pub mod json;

use crate::lint::Outcome;

/// The output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Snippets with labels and help, for people (miette).
    Human,
    /// A stable JSON document for tools.
    Json,
}

/// How the human renderer draws.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub color: bool,
    pub unicode: bool,
    pub width: usize,
    /// Plain sentences instead of drawings (screen readers, dumb terminals).
    pub narrated: bool,
}

impl Default for Style {
    fn default() -> Self {
        Style {
            color: false,
            unicode: true,
            width: 100,
            narrated: false,
        }
    }
}

/// Renders an outcome in a format.
pub fn render(format: Format, outcome: &Outcome, style: &Style) -> String {
    match format {
        Format::Human => human::render(outcome, style),
        Format::Json => json::render(outcome),
    }
}
