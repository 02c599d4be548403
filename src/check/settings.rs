//! Which rules run and at what severity: the defaults, changed by configuration.

use std::collections::HashMap;

use crate::finding::Severity;
use crate::rules::{Area, Rule};

/// A rule's setting: off, or on at a severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Off,
    On(Severity),
}

impl Level {
    pub fn parse(s: &str) -> Option<Level> {
        match s {
            "off" => Some(Level::Off),
            other => Severity::parse(other).map(Level::On),
        }
    }
}

/// Per-rule and per-area levels; a rule's own setting wins over its area's.
#[derive(Debug, Clone, Default)]
pub struct RuleSettings {
    pub by_rule: HashMap<String, Level>,
    pub by_area: HashMap<Area, Level>,
}

impl RuleSettings {
    fn level(&self, rule: &Rule) -> Option<Level> {
        self.by_rule
            .get(rule.id)
            .or_else(|| self.by_area.get(&rule.area))
            .copied()
    }

    pub fn enabled(&self, rule: &Rule) -> bool {
        self.level(rule) != Some(Level::Off)
    }

    pub fn severity_override(&self, rule: &Rule) -> Option<Severity> {
        match self.level(rule) {
            Some(Level::On(s)) => Some(s),
            _ => None,
        }
    }

    /// The severity findings of this rule get by default under these settings.
    pub fn effective(&self, rule: &Rule) -> Option<Severity> {
        match self.level(rule) {
            Some(Level::Off) => None,
            Some(Level::On(s)) => Some(s),
            None => Some(rule.severity),
        }
    }
}
