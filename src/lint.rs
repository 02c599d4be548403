//! The pipeline over a whole run: discover → check each file in parallel → cross-file rules.

use std::collections::HashMap;
use std::path::PathBuf;

use rayon::prelude::*;

use crate::check::{self, FileInput, FileReport, RunContext};
use crate::finding::{Finding, Totals};
use crate::rules;

/// What to lint.
pub enum Input {
    Path(PathBuf),
    /// Standard input, with the name it is reported under.
    Stdin { name: String, bytes: Vec<u8> },
}

/// The findings of a run, file by file in path order.
#[derive(Debug, Default)]
pub struct Outcome {
    pub files: Vec<FileReport>,
}

impl Outcome {
    pub fn findings(&self) -> impl Iterator<Item = &Finding> {
        self.files.iter().flat_map(|f| f.findings.iter())
    }

    pub fn totals(&self) -> Totals {
        Totals::of(self.findings())
    }

    pub fn offers(&self) -> usize {
        self.files.iter().filter(|f| f.offer.is_some()).count()
    }
}

/// Lints every input; the order of the result does not depend on thread timing.
pub fn lint(inputs: Vec<Input>, run: &RunContext) -> Outcome {
    let mut files: Vec<FileReport> = inputs
        .into_par_iter()
        .map(|input| match input {
            Input::Path(p) => {
                let display = crate::paths::display(&p);
                let root = crate::paths::repo_root(&p);
                check::check_file(FileInput::read(&p, display, root, &run.limits), run)
            }
            Input::Stdin { name, bytes } => {
                let p = PathBuf::from(&name);
                let dir = std::path::absolute(&p)
                    .ok()
                    .and_then(|a| a.parent().map(|d| d.to_path_buf()))
                    .unwrap_or_else(|| PathBuf::from("."));
                let root = crate::paths::repo_root(&p);
                check::check_file(
                    FileInput {
                        display: name,
                        dir,
                        root,
                        bytes: Ok(bytes),
                    },
                    run,
                )
            }
        })
        .collect();
    cross_file(&mut files, run);
    Outcome { files }
}

/// `offer-id-unique`: every manifest after the first that declares an id is a duplicate.
fn cross_file(files: &mut [FileReport], run: &RunContext) {
    let rule = &rules::offer::offer_id_unique::RULE;
    let Some(severity) = run.rules.effective(rule) else { return };
    let mut first: HashMap<String, String> = HashMap::new();
    for f in files.iter_mut() {
        let Some(offer) = &f.offer else { continue };
        match first.get(&offer.id) {
            None => {
                first.insert(offer.id.clone(), f.display.clone());
            }
            Some(other) => {
                let (span, start, end) = offer.id_site;
                f.findings.push(Finding {
                    rule: rule.id,
                    severity,
                    path: f.display.clone(),
                    span,
                    start,
                    end,
                    pointer: "/offer/id".into(),
                    message: format!("the offer id `{}` is also declared by {other}", offer.id),
                    help: Some("each manifest describes a different offer: give this one its own id".into()),
                    label: String::new(),
                });
                f.findings.sort_by_key(|x| x.span.start);
                if f.source.is_none() {
                    f.source = std::fs::read_to_string(&f.display)
                        .ok()
                        .map(|t| std::sync::Arc::new(crate::load::SourceFile::new(f.display.clone(), t)));
                }
            }
        }
    }
}
