//! What a rule file needs.
pub use crate::declare_rule;
pub use crate::finding::Severity;
pub use crate::rules::{At, Ctx};
pub use serde_json::Value;
