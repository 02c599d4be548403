pub mod config_invalid;
