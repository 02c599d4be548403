//! The `export` and `import` commands.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::args::{ColorChoice, ExportArgs, ImportArgs};
use crate::check::RunContext;
use crate::commands::{
    allow_env, configuration, nothing_found, parse_time, report_context, say, selection, style,
    EXIT_FINDINGS, EXIT_USAGE,
};
use crate::config::FailOn;
use crate::finding::Severity;
use crate::lint::{self, Input};
use crate::load::ingestion::{detect, Detected};
use crate::report::{self, Format};
use crate::write::{replace_file, Access};

use super::export::{export, Exported, Options};
use super::import::import;
use super::yaml::to_yaml;

/// Microsoft's Product Ingestion API (a Microsoft Graph workload), and the schema version the
/// payloads are written at, which the API takes as `$version`.
const API: &str = "https://graph.microsoft.com/rp/product-ingestion";
const API_VERSION: &str = "$version=2022-03-01-preview2";

pub fn export_cmd(a: ExportArgs, color: ColorChoice) -> Result<u8, String> {
    if a.resolve_env && a.output.is_none() {
        return Err("--resolve-env puts secrets in the payload: write it to a file with --output, never to the terminal or a CI log".into());
    }
    let first = a.paths.first().cloned().unwrap_or_else(|| ".".into());
    let cfg = configuration(a.config.as_deref(), &first)?;
    let sel = selection(&cfg, &[], &[])?;
    let mut run = RunContext {
        limits: cfg.limits,
        rules: cfg.rules.clone(),
        env_allow: allow_env(&a.allow_env)?,
        ..RunContext::default()
    };
    if let Some(n) = &a.now {
        run.now = parse_time(n)?;
    }
    for p in &a.paths {
        if !p.exists() && p.symlink_metadata().is_err() {
            return Err(format!("{}: no such file or folder", p.display()));
        }
    }
    let github = crate::report::github::detected();
    let found = discover::find(&a.paths, &sel, false);
    for dir in &found.empty {
        say(
            github,
            &format!("warning: {}", nothing_found(dir, &cfg, &[])),
        );
    }
    let outcome = lint::lint(
        found.manifests.iter().cloned().map(Input::Path).collect(),
        &run,
    );
    let failing: Vec<&str> = outcome
        .files
        .iter()
        .filter(|f| f.findings.iter().any(|x| x.severity == Severity::Error))
        .map(|f| f.display.as_str())
        .collect();
    if !failing.is_empty() && !a.allow_errors {
        let ctx = report_context(&run, FailOn::Error, github);
        let text = report::render_with(Format::Human, &outcome, &style(color), &ctx);
        if github {
            // As `check` prints it: the runner reads no command in text from the checkout.
            let token = crate::escape::random_token();
            eprint!("::stop-commands::{token}\n{text}::{token}::\n");
        } else {
            eprint!("{text}");
        }
        say(
            github,
            &format!(
                "nothing exported: {} has errors that Partner Center would reject (fix them, or pass --allow-errors)",
                failing.join(", ")
            ),
        );
        return Ok(EXIT_FINDINGS);
    }
    let cwd = PathBuf::from(".");
    let mut payloads: Vec<(String, Exported)> = Vec::new();
    for path in &found.manifests {
        let shown = path.display().to_string();
        let bytes = crate::load::read_file(path, &cwd, run.limits.max_file_bytes)
            .map_err(|e| format!("{shown}: {}", e.describe(run.limits.max_file_bytes)))?;
        let loaded = crate::load::load_bytes(&shown, bytes, &run.limits);
        let Some(doc) = loaded.document else {
            say(
                github,
                &format!("{shown}: not exported: it does not parse (`offer-lint check` says why)"),
            );
            continue;
        };
        if detect(&doc.value) != Detected::Manifest {
            say(
                github,
                &format!("{shown}: not exported: it is already a Partner Center document"),
            );
            continue;
        }
        // Everything shown and every file name comes from the manifest as written; only the
        // payload's secret fields get values, and only with --resolve-env.
        let id = doc
            .value
            .pointer("/offer/id")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        let options = Options {
            submit: a.submit,
            asset_base_url: a.asset_base_url.clone(),
        };
        let mut exported = export(&doc.value, &options);
        if a.resolve_env {
            for name in resolve_secret_fields(&mut exported.payload, &run) {
                say(github, &format!("{}: `${{env:{name}}}` is not resolved (not set, or not allowed by --allow-env): kept as written", one_line(&shown)));
            }
        }
        // The upload commands run from here: asset paths are the manifest's, from its folder.
        let folder = path.parent().unwrap_or(Path::new(""));
        for u in &mut exported.uploads {
            u.file = folder.join(&u.file).display().to_string();
        }
        payloads.push((id, exported));
    }
    if payloads.is_empty() {
        say(github, "no offer manifest to export");
        return Ok(EXIT_USAGE);
    }
    let access = if a.resolve_env {
        Access::OwnerOnly
    } else {
        Access::Shared
    };
    let into_dir = a
        .output
        .as_ref()
        .is_some_and(|o| o.is_dir() || o.as_os_str().to_string_lossy().ends_with('/'));
    if payloads.len() > 1 && !into_dir {
        return Err(format!(
            "{} offers: name a folder with --output DIR (one <offer id>.configure.json each)",
            payloads.len()
        ));
    }
    if into_dir {
        let mut ids: Vec<&str> = payloads.iter().map(|(id, _)| id.as_str()).collect();
        ids.sort_unstable();
        if let Some(w) = ids.windows(2).find(|w| w[0] == w[1]) {
            return Err(format!(
                "two manifests have the offer id `{}`: each offer is one payload file",
                one_line(w[0])
            ));
        }
    }
    for (id, exported) in &payloads {
        let mut text =
            serde_json::to_string_pretty(&exported.payload).map_err(|e| e.to_string())?;
        text.push('\n');
        let written = match &a.output {
            None => {
                print!("{text}");
                None
            }
            Some(out) => {
                let file = if into_dir {
                    if !super::import::is_plain_id(id) {
                        return Err(format!(
                            "offer id `{}` cannot name a file: export it alone with --output FILE",
                            one_line(id)
                        ));
                    }
                    out.join(format!("{id}.configure.json"))
                } else {
                    out.clone()
                };
                replace_file(&file, text.as_bytes(), access)
                    .map_err(|e| format!("--output: {e}"))?;
                Some(file)
            }
        };
        explain_next_steps(id, exported, written.as_deref());
    }
    Ok(0)
}

/// What the user does with the payload: skipped parts, uploads, posting, polling (stderr, so
/// that stdout stays the payload).
fn explain_next_steps(id: &str, exported: &Exported, file: Option<&Path>) {
    // Every value from the files is put on one line before it is placed in the text, and
    // every one that goes into a command is quoted for the shell.
    let body = file
        .map(|f| shell_quote(&format!("@{}", f.display())))
        .unwrap_or_else(|| "@<the payload file>".into());
    let mut out = String::new();
    out.push_str(&format!(
        "offer-lint: offer `{}`: {} resources",
        one_line(id),
        exported.payload["resources"].as_array().map_or(0, Vec::len)
    ));
    if let Some(f) = file {
        out.push_str(&format!(
            " written to {}",
            one_line(&f.display().to_string())
        ));
    }
    out.push('\n');
    for s in &exported.skipped {
        out.push_str(&format!(
            "  not exported: {} ({})\n",
            one_line(&crate::message::display_path(&s.pointer)),
            s.reason
        ));
    }
    let pending: Vec<_> = exported.uploads.iter().filter(|u| !u.has_url).collect();
    if !pending.is_empty() {
        out.push_str("  listing images: the payload names each by fileName; Partner Center reads it from a URL. In order:\n");
        out.push_str("    1. upload each file where Partner Center can read it over HTTPS, e.g. an Azure Storage container:\n");
        for u in &pending {
            out.push_str(&format!(
                "         az storage blob upload --account-name ACCOUNT --container-name CONTAINER --name {} --file {}\n",
                shell_quote(&u.file_name),
                shell_quote(&u.file)
            ));
        }
        out.push_str("    2. run export again with --asset-base-url https://ACCOUNT.blob.core.windows.net/CONTAINER (a read SAS query is not kept: use a container Partner Center can read)\n");
        out.push_str(
            "    3. post the payload; Partner Center copies each image when the job runs\n",
        );
    }
    out.push_str(&format!(
        "  post it:  az rest --method post --resource https://graph.microsoft.com --url '{API}/configure?{API_VERSION}' --body {body} --headers Content-Type=application/json\n"
    ));
    out.push_str(&format!("  poll it:  az rest --method get --resource https://graph.microsoft.com --url '{API}/configure/<jobId>/status?{API_VERSION}'  (jobId is in the response; repeat until jobStatus is completed, then read jobResult and errors)\n"));
    if exported
        .payload
        .to_string()
        .contains("\"targetType\":\"live\"")
    {
        out.push_str("  live: Partner Center publishes to live only an offer whose preview was signed off; a payload that goes straight to live fails with invalidState\n");
    }
    emit(&out);
}

pub fn import_cmd(a: ImportArgs) -> Result<u8, String> {
    let limits = crate::load::Limits::default();
    let shown = a.tree.display().to_string();
    let doc = super::import::read_tree(&a.tree, &limits)?;
    let imported = import(&doc.value, &doc.index).map_err(|e| format!("{shown}: {e}"))?;
    let dir = match (&a.output, &imported.offer_id) {
        (Some(d), _) => d.clone(),
        (None, Some(id)) => PathBuf::from(id),
        (None, None) => {
            return Err(format!("{shown}: the tree's product has no offer id that can name a folder: name one with --output DIR"))
        }
    };
    let target = dir.join("offer.yaml");
    if target.symlink_metadata().is_ok() {
        return Err(format!(
            "{} exists: import never replaces a file (choose another --output)",
            target.display()
        ));
    }
    let mut text = format!(
        "# Imported by offer-lint from {}: check it with `offer-lint check {}`.\n",
        one_line(&shown),
        one_line(&dir.display().to_string())
    );
    text.push_str(&to_yaml(&imported.manifest));
    replace_file(&target, text.as_bytes(), Access::Shared)?;
    let mut out = format!(
        "offer-lint: wrote {}\n",
        one_line(&target.display().to_string())
    );
    if !imported.env.is_empty() {
        out.push_str("  secrets and image URIs are ${env:NAME} references (never a secret in git); set them before export --resolve-env:\n");
        for e in &imported.env {
            out.push_str(&format!(
                "    {}  {} ({})\n",
                one_line(&e.name),
                e.what,
                one_line(&crate::message::display_path(&e.pointer))
            ));
        }
    }
    if !imported.downloads.is_empty() {
        out.push_str("  listing images to download into the offer folder:\n");
        for d in &imported.downloads {
            let file = dir.join(&d.file).display().to_string();
            let url_like = !d.url.chars().any(|c| c.is_whitespace() || c.is_control());
            if d.url.starts_with("https://") && url_like {
                out.push_str(&format!(
                    "    curl -fsSL --proto =https --create-dirs -o {} {}\n",
                    shell_quote(&file),
                    shell_quote(&d.url)
                ));
            } else {
                out.push_str(&format!(
                    "    {}: not downloadable, its URL is not one https:// URL ({})\n",
                    one_line(&file),
                    one_line(&d.url)
                ));
            }
        }
    }
    if !imported.unmapped.is_empty() {
        out.push_str("  not imported (no place in the manifest):\n");
        for u in &imported.unmapped {
            out.push_str(&format!(
                "    {} ({})\n",
                one_line(&crate::message::display_path(&u.pointer)),
                one_line(&u.kind)
            ));
        }
    }
    emit(&out);
    Ok(0)
}

use crate::discover;

/// `s` on one line, active characters spelled out (see [`crate::escape::one_line`]).
fn one_line(s: &str) -> String {
    crate::escape::one_line(s).into_owned()
}

/// `s` as one word for a POSIX shell: single-quoted, a `'` in it written `'\''`, and on one
/// line, so that a pasted command line runs only what it shows.
fn shell_quote(s: &str) -> String {
    let s = one_line(s);
    if !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "@%+=:,./_-".contains(c))
    {
        return s;
    }
    format!("'{}'", s.replace('\'', "'\\''"))
}

/// The payload's secret fields (image SAS URIs, lead credentials) with their `${env:NAME}`
/// references replaced by the values --allow-env lets offer-lint read; the names it could not
/// resolve. No other field is resolved: a reference moved into a listing text stays a
/// reference, never a published secret.
fn resolve_secret_fields(payload: &mut Value, run: &RunContext) -> Vec<String> {
    let mut unresolved = Vec::new();
    let resources = payload.get_mut("resources").and_then(Value::as_array_mut);
    for r in resources.into_iter().flatten() {
        let mut slots: Vec<&mut Value> = Vec::new();
        let Some(m) = r.as_object_mut() else { continue };
        for (key, v) in m.iter_mut() {
            match key.as_str() {
                "vmImageVersions" => {
                    for version in v.as_array_mut().into_iter().flatten() {
                        let images = version.get_mut("vmImages").and_then(Value::as_array_mut);
                        for image in images.into_iter().flatten() {
                            let Some(source) = image.get_mut("source") else {
                                continue;
                            };
                            let Some(source) = source.as_object_mut() else {
                                continue;
                            };
                            for (k, part) in source.iter_mut() {
                                match k.as_str() {
                                    "osDisk" => slots.extend(part.get_mut("uri")),
                                    "dataDisks" => {
                                        for d in part.as_array_mut().into_iter().flatten() {
                                            slots.extend(d.get_mut("uri"));
                                        }
                                    }
                                    _ => {}
                                }
                            }
                        }
                    }
                }
                k if k.ends_with("LeadConfiguration") => {
                    if let Some(config) = v.as_object_mut() {
                        for (field, x) in config.iter_mut() {
                            if super::import::SECRET_KEYS.iter().any(|(k, _)| k == field) {
                                slots.push(x);
                            }
                        }
                    }
                }
                _ => {}
            }
        }
        for slot in slots {
            let Some(text) = slot.as_str() else { continue };
            if !crate::load::env::is_reference(text) {
                continue;
            }
            let name = text[6..text.len() - 1].to_string();
            match run
                .env_allow
                .allows(&name)
                .then(|| run.env.get(&name))
                .flatten()
            {
                Some(value) => *slot = Value::String(value),
                None => unresolved.push(name),
            }
        }
    }
    unresolved.sort();
    unresolved.dedup();
    unresolved
}

/// Prints the lines to stderr, each made inert: they hold names and URLs from the files, which
/// must not move the cursor or, in a GitHub runner's log, start a workflow command.
fn emit(text: &str) {
    let github = crate::report::github::detected();
    let mut out = String::new();
    for line in text.lines() {
        if github {
            out.push_str(&crate::escape::runner_line(line));
        } else {
            out.push_str(&crate::escape::one_line(line));
        }
        out.push('\n');
    }
    eprint!("{out}");
}

#[cfg(test)]
mod tests {
    use super::shell_quote;

    /// What the shell reads back from a quoted word is the word.
    #[test]
    fn quoted_words_read_back_as_written() {
        for word in [
            "plain.png",
            "a;$(touch PWNED)#.png",
            "it's",
            "x y",
            "",
            "`id`",
            "a\\b",
        ] {
            let quoted = shell_quote(word);
            let out = std::process::Command::new("sh")
                .args(["-c", &format!("printf %s {quoted}")])
                .output()
                .unwrap();
            assert_eq!(String::from_utf8(out.stdout).unwrap(), word, "{quoted}");
        }
        // A line break is spelled out: a pasted command stays one line.
        assert!(!shell_quote("a\nb").contains('\n'));
    }
}
