//! The rule registry: every rule id, its area, default severity and documentation.
//!
//! One rule per file under an area folder; each rule's doc comment is what
//! `offer-lint explain` prints. Rules checked by the JSON schemas name themselves with
//! `x-rule` in `schemas/`; rules checked by code carry a `check` function.

pub mod ctx;
pub mod prelude;

pub mod cert;
pub mod change;
pub mod config;
pub mod ingestion;
pub mod leads;
pub mod listing;
pub mod manifest;
pub mod media;
pub mod offer;
pub mod plans;
pub mod preview;
pub mod pricing;
pub mod properties;
pub mod sas;
pub mod suppression;
pub mod tech;
pub mod test_drive;
pub mod timeline;

use std::collections::HashMap;
use std::sync::OnceLock;

pub use ctx::{At, Ctx};

use crate::finding::Severity;

/// The group a rule belongs to; also decides the publishing step that checks it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Area {
    Manifest,
    Offer,
    Leads,
    Properties,
    Listing,
    Media,
    Preview,
    Plans,
    Pricing,
    Tech,
    Cert,
    Sas,
    TestDrive,
    Timeline,
    Change,
    Config,
    Suppression,
    /// Product Ingestion API documents (configure payloads, resource trees).
    Ingestion,
}

impl Area {
    pub const ALL: [Area; 18] = [
        Area::Manifest,
        Area::Offer,
        Area::Leads,
        Area::Properties,
        Area::Listing,
        Area::Media,
        Area::Preview,
        Area::Plans,
        Area::Pricing,
        Area::Tech,
        Area::Cert,
        Area::Sas,
        Area::TestDrive,
        Area::Timeline,
        Area::Change,
        Area::Config,
        Area::Suppression,
        Area::Ingestion,
    ];

    /// The name used in configuration and output.
    pub fn name(self) -> &'static str {
        match self {
            Area::Manifest => "manifest",
            Area::Offer => "offer",
            Area::Leads => "leads",
            Area::Properties => "properties",
            Area::Listing => "listing",
            Area::Media => "media",
            Area::Preview => "preview",
            Area::Plans => "plans",
            Area::Pricing => "pricing",
            Area::Tech => "tech",
            Area::Cert => "cert",
            Area::Sas => "sas",
            Area::TestDrive => "test-drive",
            Area::Timeline => "timeline",
            Area::Change => "change",
            Area::Config => "config",
            Area::Suppression => "suppression",
            Area::Ingestion => "ingestion",
        }
    }

    pub fn parse(s: &str) -> Option<Area> {
        Area::ALL.into_iter().find(|a| a.name() == s)
    }
}

/// Where a rule runs in the pipeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// While loading a file (syntax, environment references).
    Loader,
    /// On one document: by the schemas (`x-rule`), by code (`check`), or both.
    Document,
    /// Across every manifest of the run, after the per-file stage.
    CrossFile,
    /// Needs the projected publishing timeline.
    Timeline,
    /// Compares a manifest with its baseline (`--baseline`).
    Change,
    /// On the configuration file.
    Config,
    /// On inline suppression comments.
    Suppression,
    /// On a Product Ingestion document, before it is translated into the model.
    Ingestion,
}

/// The signature of a code rule.
pub type CheckFn = fn(&mut Ctx);

/// One rule of the catalog.
pub struct Rule {
    pub id: &'static str,
    pub area: Area,
    pub severity: Severity,
    pub kind: Kind,
    /// One line, for `offer-lint rules` and SARIF's short description.
    pub summary: &'static str,
    /// The full documentation (Markdown), from the rule's doc comment.
    pub doc: &'static str,
    pub check: Option<CheckFn>,
}

impl std::fmt::Debug for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id)
    }
}

/// Declares a rule; the doc comment becomes its documentation.
#[macro_export]
macro_rules! declare_rule {
    (
        $(#[doc = $doc:expr])*
        $name:ident {
            id: $id:expr,
            area: $area:ident,
            severity: $sev:ident,
            kind: $kind:ident,
            summary: $summary:expr
            $(, check: $check:path)?
            $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        pub static $name: $crate::rules::Rule = $crate::rules::Rule {
            id: $id,
            area: $crate::rules::Area::$area,
            severity: $crate::finding::Severity::$sev,
            kind: $crate::rules::Kind::$kind,
            summary: $summary,
            doc: concat!($($doc, "\n"),*),
            check: $crate::declare_rule!(@check $($check)?),
        };
    };
    (@check) => { None };
    (@check $c:path) => { Some($c) };
}

/// Every rule, in catalog order.
pub static ALL: &[&Rule] = &[
    &manifest::manifest_syntax::RULE,
    &manifest::manifest_kind::RULE,
    &manifest::manifest_schema::RULE,
    &manifest::manifest_env_unset::RULE,
    &manifest::manifest_env_denied::RULE,
    &offer::offer_id_format::RULE,
    &offer::offer_id_unique::RULE,
    &offer::offer_alias_length::RULE,
    &leads::leads_required_with_test_drive::RULE,
    &leads::leads_config_matches_destination::RULE,
    &leads::leads_connection_string::RULE,
    &leads::leads_dynamics_auth::RULE,
    &leads::leads_marketo_ids::RULE,
    &leads::leads_salesforce_oid::RULE,
    &leads::leads_https_endpoint::RULE,
    &leads::leads_destination_retired::RULE,
    &properties::categories_count::RULE,
    &properties::legal_terms::RULE,
    &properties::legal_custom_amendments::RULE,
    &listing::listing_title_length::RULE,
    &listing::listing_summary_length::RULE,
    &listing::listing_short_description_length::RULE,
    &listing::listing_description_length::RULE,
    &listing::listing_description_html::RULE,
    &listing::listing_non_english_prefix::RULE,
    &listing::listing_privacy_url::RULE,
    &listing::listing_links::RULE,
    &listing::listing_contacts::RULE,
    &listing::listing_government_support_site::RULE,
    &media::media_file_missing::RULE,
    &media::media_logo_large::RULE,
    &media::media_logo_size::RULE,
    &media::media_screenshots::RULE,
    &media::media_videos::RULE,
    &preview::preview_audience::RULE,
    &plans::plans_count::RULE,
    &plans::plan_id_format::RULE,
    &plans::plan_id_unique::RULE,
    &plans::plan_listing_lengths::RULE,
    &plans::plan_regions::RULE,
    &plans::plan_markets::RULE,
    &plans::plan_private_audience::RULE,
    &plans::plan_visibility::RULE,
    &pricing::pricing_option_fields::RULE,
    &pricing::pricing_free_trial::RULE,
    &pricing::pricing_reservation::RULE,
    &tech::tech_operating_system::RULE,
    &tech::tech_vm_sizes::RULE,
    &tech::tech_open_ports::RULE,
    &tech::tech_skus::RULE,
    &tech::tech_image_versions::RULE,
    &tech::tech_active_image::RULE,
    &tech::tech_image_source::RULE,
    &tech::tech_data_disks::RULE,
    &tech::tech_base_plan::RULE,
    &cert::cert_os_disk_size::RULE,
    &cert::cert_data_disk_size::RULE,
    &cert::cert_vhd_format::RULE,
    &cert::cert_architecture::RULE,
    &cert::cert_generalized::RULE,
    &cert::cert_linux_agent::RULE,
    &cert::cert_linux_kernel_params::RULE,
    &cert::cert_linux_swap::RULE,
    &cert::cert_linux_root_partition::RULE,
    &cert::cert_linux_openssl::RULE,
    &cert::cert_linux_python::RULE,
    &cert::cert_linux_client_alive::RULE,
    &cert::cert_linux_users::RULE,
    &cert::cert_linux_omi::RULE,
    &cert::cert_linux_bash_history::RULE,
    &cert::cert_windows_image::RULE,
    &cert::cert_remote_connection::RULE,
    &sas::sas_uri_format::RULE,
    &sas::sas_permissions::RULE,
    &sas::sas_dates::RULE,
    &sas::sas_expiry_covers_certification::RULE,
    &cert::secret_in_manifest::RULE,
    &test_drive::test_drive_required::RULE,
    &test_drive::test_drive_type::RULE,
    &test_drive::test_drive_instances::RULE,
    &test_drive::test_drive_deployment::RULE,
    &test_drive::test_drive_listing::RULE,
    &test_drive::test_drive_package::RULE,
    &timeline::timeline_deadline::RULE,
    &change::change_offer_id::RULE,
    &change::change_plan_removed::RULE,
    &change::change_region_removed::RULE,
    &change::change_visibility::RULE,
    &change::change_published_image::RULE,
    &change::change_image_version_count::RULE,
    &change::change_image_version_dropped::RULE,
    &change::change_legal_terms::RULE,
    &change::change_data_disk_count::RULE,
    &config::config_invalid::RULE,
    &suppression::suppression_reason::RULE,
    &suppression::suppression_unused::RULE,
    &suppression::suppression_invalid::RULE,
    &ingestion::ingestion_reference::RULE,
    &ingestion::ingestion_image_deleted::RULE,
    &ingestion::ingestion_resource_unknown::RULE,
    &ingestion::ingestion_schema_version::RULE,
    &ingestion::ingestion_schema::RULE,
];

/// Looks a rule up by id.
pub fn by_id(id: &str) -> Option<&'static Rule> {
    static MAP: OnceLock<HashMap<&'static str, &'static Rule>> = OnceLock::new();
    MAP.get_or_init(|| ALL.iter().map(|r| (r.id, *r)).collect())
        .get(id)
        .copied()
}

/// The rule a finding id must name; panics in tests only if a check reports an unknown id.
pub fn expect(id: &str) -> &'static Rule {
    by_id(id).unwrap_or(&manifest::manifest_schema::RULE)
}

/// The documentation of a rule with its leading doc-comment spaces removed.
pub fn documentation(rule: &Rule) -> String {
    rule.doc
        .lines()
        .map(|l| l.strip_prefix(' ').unwrap_or(l))
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_string()
}
