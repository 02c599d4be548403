pub mod pricing_free_trial;
pub mod pricing_option_fields;
pub mod pricing_reservation;
