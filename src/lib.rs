//! offer-lint: lints Azure Marketplace VM offer manifests.
//!
//! The pipeline, one module per stage: [`discover`] finds manifests, [`load`] parses each once
//! into a value and a span index, [`check`] runs the schema and code [`rules`], [`lint`] runs
//! it over a whole repository, and [`report`] renders the findings.

pub mod args;
pub mod bridge;
pub mod check;
pub mod commands;
pub mod config;
pub mod discover;
pub mod docs;
pub mod escape;
pub mod finding;
pub mod fuzzing;
pub mod image_facts;
pub mod init;
pub mod lint;
pub mod load;
pub mod message;
pub mod panic;
pub mod paths;
pub mod report;
pub mod rules;
#[doc(hidden)]
pub mod testing;
pub mod timeline;
pub mod write;
