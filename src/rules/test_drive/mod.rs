pub mod test_drive_deployment;
pub mod test_drive_instances;
pub mod test_drive_listing;
pub mod test_drive_package;
pub mod test_drive_required;
pub mod test_drive_type;
