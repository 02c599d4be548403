pub mod timeline_deadline;
