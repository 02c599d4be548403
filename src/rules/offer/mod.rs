pub mod offer_alias_length;
pub mod offer_id_format;
pub mod offer_id_unique;
