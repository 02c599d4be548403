pub mod suppression_invalid;
pub mod suppression_reason;
pub mod suppression_unused;
