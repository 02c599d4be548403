pub mod listing_contacts;
pub mod listing_description_html;
pub mod listing_description_length;
pub mod listing_government_support_site;
pub mod listing_links;
pub mod listing_non_english_prefix;
pub mod listing_privacy_url;
pub mod listing_short_description_length;
pub mod listing_summary_length;
pub mod listing_title_length;

pub mod text;
