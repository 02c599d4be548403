pub mod leads_config_matches_destination;
pub mod leads_connection_string;
pub mod leads_destination_retired;
pub mod leads_dynamics_auth;
pub mod leads_https_endpoint;
pub mod leads_marketo_ids;
pub mod leads_required_with_test_drive;
pub mod leads_salesforce_oid;
