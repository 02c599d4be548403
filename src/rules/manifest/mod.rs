pub mod manifest_env_denied;
pub mod manifest_env_unset;
pub mod manifest_kind;
pub mod manifest_schema;
pub mod manifest_syntax;
