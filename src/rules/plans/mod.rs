pub mod plan_id_format;
pub mod plan_id_unique;
pub mod plan_listing_lengths;
pub mod plan_markets;
pub mod plan_private_audience;
pub mod plan_regions;
pub mod plans_count;
pub mod unique;
