pub mod categories_count;
pub mod legal_custom_amendments;
pub mod legal_terms;
