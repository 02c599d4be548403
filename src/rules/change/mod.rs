pub mod change_offer_id;
pub mod change_plan_removed;
pub mod change_region_removed;
pub mod change_visibility;
pub mod change_published_image;
pub mod change_image_version_count;
pub mod change_legal_terms;
pub mod change_data_disk_count;
