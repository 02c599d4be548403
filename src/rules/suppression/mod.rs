pub mod suppression_reason;
pub mod suppression_unused;
pub mod suppression_invalid;
