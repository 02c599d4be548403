//! The bridge to Partner Center: `export` writes the configure payload that creates or
//! updates an offer through Microsoft's Product Ingestion API, `import` writes a manifest from
//! the resource tree that the API returns for an offer. offer-lint never talks to the API: the
//! user's own authenticated tool (`az rest`, curl) posts and fetches the JSON.

pub mod export;
pub mod import;
pub mod run;
pub mod yaml;

/// The schema name of the configure payload's envelope.
pub const CONFIGURE: &str = "configure";

/// The host the payloads name (both hosts are accepted by the API; this is the current one).
pub const HOST: &str = "https://schema.mp.microsoft.com/schema/";

pub fn schema_url(kind: &str, version: &str) -> String {
    format!("{HOST}{kind}/{version}")
}

/// Where a submission publishes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Target {
    Preview,
    Live,
}

impl Target {
    pub fn name(self) -> &'static str {
        match self {
            Target::Preview => "preview",
            Target::Live => "live",
        }
    }
}
