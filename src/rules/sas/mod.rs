pub mod sas_dates;
pub mod sas_expiry_covers_certification;
pub mod sas_permissions;
pub mod sas_uri_format;

pub mod uri;
