pub mod files;
pub mod media_file_missing;
pub mod media_logo_large;
pub mod media_logo_size;
pub mod media_screenshots;
pub mod media_videos;
