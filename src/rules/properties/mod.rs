pub mod categories_count;
pub mod legal_terms;
pub mod legal_custom_amendments;
