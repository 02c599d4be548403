//! The pipeline over a whole run: discover → check each file in parallel → cross-file rules.

use std::collections::HashMap;
use std::path::PathBuf;

use rayon::prelude::*;

use crate::check::{self, FileInput, FileReport, RunContext};
use crate::finding::{Finding, Totals};
use crate::load::ingestion::DocumentKind;
use crate::rules;

/// What to lint.
pub enum Input {
    Path(PathBuf),
    /// Standard input, with the name it is reported under.
    Stdin {
        name: String,
        bytes: Vec<u8>,
    },
}

/// The findings of a run, file by file in path order.
#[derive(Debug, Default)]
pub struct Outcome {
    pub files: Vec<FileReport>,
    /// Files whose check panicked: a bug in offer-lint, reported after the findings.
    pub internal_errors: Vec<String>,
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
    prepare(&inputs);
    let roots = crate::paths::RootFinder::default();
    let results: Vec<Result<FileReport, String>> = inputs
        .into_par_iter()
        .map(|input| {
            let name = match &input {
                Input::Path(p) => crate::paths::display(p),
                Input::Stdin { name, .. } => name.clone(),
            };
            let display = name.clone();
            // A panic in one file's checks must not lose the other files' findings.
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                check_input(input, display, run, &roots)
            }))
            .map_err(|e| format!("{name}: {}", crate::panic::message(&e)))
        })
        .collect();
    let mut files = Vec::with_capacity(results.len());
    let mut internal_errors = Vec::new();
    for r in results {
        match r {
            Ok(f) => files.push(f),
            Err(e) => internal_errors.push(e),
        }
    }
    cross_file(&mut files, run);
    crate::timeline::apply(&mut files, run);
    for f in &mut files {
        f.finish_suppressions(run);
    }
    Outcome {
        files,
        internal_errors,
    }
}

/// Starts compiling the embedded schemas the inputs will need, on the pool beside the first
/// files (each compiles once per process, on first use, in several milliseconds): a file is
/// read and parsed while they compile, and Microsoft's schemas compile beside ours instead of
/// after them.
fn prepare(inputs: &[Input]) {
    let is_json = |i: &Input| match i {
        Input::Path(p) => p
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("json")),
        // A JSON document is one object; a manifest is a block mapping (a guess is enough:
        // what is not compiled here is compiled when it is first needed).
        Input::Stdin { bytes, .. } => bytes.trim_ascii_start().starts_with(b"{"),
    };
    let json = inputs.iter().any(is_json);
    let yaml = inputs.iter().any(|i| !is_json(i));
    // A panic in a task spawned on the pool would abort the process; the file that needs
    // the schema then meets the same failure where it is caught and reported.
    let spawn = |job: Box<dyn FnOnce() + Send>| {
        rayon::spawn(move || {
            let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(job));
        })
    };
    if json {
        spawn(Box::new(crate::load::ingestion::microsoft::prepare));
    }
    for (wanted, kind) in [
        (json, DocumentKind::ResourceTree),
        (yaml, DocumentKind::Manifest),
    ] {
        if wanted {
            spawn(Box::new(move || {
                if let Ok(s) = check::schema::schemas() {
                    let _ = s.for_kind(kind);
                }
            }));
        }
    }
}

fn check_input(
    input: Input,
    display: String,
    run: &RunContext,
    roots: &crate::paths::RootFinder,
) -> FileReport {
    match input {
        Input::Path(p) => {
            let root = roots.root(&p);
            check::check_file(FileInput::read(&p, display, root, &run.limits), run)
        }
        Input::Stdin { name, bytes } => {
            debug_assert_eq!(name, display);
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
    }
}

/// `offer-id-unique`: every manifest after the first that declares an id is a duplicate.
fn cross_file(files: &mut [FileReport], run: &RunContext) {
    let rule = &rules::offer::offer_id_unique::RULE;
    let Some(severity) = run.rules.effective(rule) else {
        return;
    };
    let mut first: HashMap<String, String> = HashMap::new();
    for f in files.iter_mut() {
        let Some(offer) = &f.offer else { continue };
        match first.get(&offer.id) {
            None => {
                first.insert(offer.id.clone(), f.display.clone());
            }
            Some(other) => {
                let (span, start, end) = offer.id_site;
                let finding = Finding {
                    rule: rule.id,
                    severity,
                    path: f.display.clone(),
                    span,
                    start,
                    end,
                    pointer: "/offer/id".into(),
                    message: format!("the offer id `{}` is also declared by {other}", offer.id),
                    help: Some(
                        "each manifest describes a different offer: give this one its own id"
                            .into(),
                    ),
                    label: String::new(),
                };
                f.add_late(finding, run);
            }
        }
    }
}
