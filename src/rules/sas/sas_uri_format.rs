use crate::message::display_path;
use crate::rules::prelude::*;
use crate::rules::sas::uri::{percent_decode, sas_uris, SasUri};

declare_rule! {
    /// ## What it checks
    /// Every SAS URI of the image sources (`source.osDisk.uri` and each
    /// `source.dataDisks[].uri`), after `${env:NAME}` references are resolved:
    ///
    /// - the scheme is `https`;
    /// - there is a query (the SAS token after `?`);
    /// - the blob path ends in `.vhd`;
    /// - the blob name (the path after the container) has no whitespace, `%` or `"`.
    ///   A `%` in the path is a percent-escape (`%20` is a space), so the blob's real name
    ///   holds a character that Microsoft refuses; the `%` escapes in the query (the
    ///   signature is usually `...%3D`) are normal and are not checked;
    /// - the query has `sp`, `st`, `se` and `sig`, each with a value.
    ///
    /// Values that name an unset variable are skipped. Messages never show the query or the
    /// signature.
    ///
    /// ## Why Partner Center rejects it
    /// Partner Center copies the VHD from the SAS URI. Without `?`, without `st`/`se`,
    /// without `sp=rl` or with whitespace in the VHD name, the copy fails with "Failure:
    /// Copying Images. Not able to download blob"; VHD names with special characters such
    /// as `%` or `"` are refused, and the URI must name the `.vhd` blob itself
    /// (`<blob-service-endpoint>/<container>/<vhd-name>.vhd?<sas>`).
    ///
    /// ## Example
    /// ```yaml
    /// osDisk:
    ///   uri: "http://contosoimages.blob.core.windows.net/vhds/hardened 2204.vhd"
    /// ```
    /// Use instead (the URI kept out of git and given through the environment):
    /// ```yaml
    /// osDisk:
    ///   uri: ${env:HARDENED_2204_OS_VHD_SAS}
    ///   # https://contosoimages.blob.core.windows.net/vhds/hardened-2204.vhd?sv=...&sr=b&sp=rl&st=...&se=...&sig=...
    /// ```
    ///
    /// ## Source
    /// - SAS URI rules: Microsoft, generate a SAS URI for a VM image (2021-06),
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/azure-vm-get-sas-uri.md>
    /// - Microsoft, Cloud Partner Portal, get a SAS URI,
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/cloud-partner-portal/virtual-machine/cpp-get-sas-uri.md>
    /// - Microsoft, Cloud Partner Portal, common SAS URL issues,
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/cloud-partner-portal/virtual-machine/cpp-common-sas-url-issues.md>
    /// - "VHD name: no special characters such as % or \", and no whitespace": Microsoft, VM
    ///   certification FAQ,
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/azure-vm-certification-faq.yml>
    RULE {
        id: "sas-uri-format",
        area: Sas,
        severity: Error,
        kind: Document,
        summary: "https; has a query; blob path ends in `.vhd`; no whitespace, `%` or `\"` in the blob name; sp, st, se and sig present",
        check: check,
    }
}

const REQUIRED: [&str; 4] = ["sp", "st", "se", "sig"];

fn check(ctx: &mut Ctx) {
    for (ptr, raw) in sas_uris(ctx) {
        let path = display_path(&ptr);
        let u = SasUri::parse(raw.trim());
        // A URI from the environment is described, never quoted.
        let env = ctx.from_env(&ptr);
        let piece = |s: &str| {
            if env {
                String::new()
            } else {
                format!(" `{s}`")
            }
        };
        match u.scheme {
            Some(s) if s.eq_ignore_ascii_case("https") => {}
            Some(s) => ctx.report(
                &ptr,
                format!(
                    "the SAS URI {path} uses{}; it must be https",
                    if env { " another scheme".to_string() } else { format!(" `{s}://`") }
                ),
                "generate the SAS URI with HTTPS only (`--https-only` with the Azure CLI)",
            ),
            None => ctx.report(
                &ptr,
                format!("{path} is not an absolute URL; a SAS URI is `https://<account>.blob.core.windows.net/<container>/<name>.vhd?<sas>`"),
                "give the full SAS URI of the VHD blob, e.g. through `${env:NAME}`",
            ),
        }
        if raw != raw.trim() {
            ctx.report(
                &ptr,
                format!("the SAS URI {path} has leading or trailing whitespace"),
                "remove the spaces around the URI",
            );
        }
        let blob = u.blob_name();
        let lower = u.path.to_ascii_lowercase();
        if blob.is_empty() {
            ctx.report(
                &ptr,
                format!(
                    "the SAS URI {path} names no blob{}; it must name the `.vhd` file",
                    if env {
                        String::new()
                    } else {
                        format!(" (path `{}`)", u.path)
                    }
                ),
                "append `/<container>/<name>.vhd` to the blob service endpoint, before the `?`",
            );
        } else if !lower.ends_with(".vhd") {
            let hint = if lower.ends_with(".vhdx") {
                " (VHDX is not supported)"
            } else {
                ""
            };
            ctx.report(
                &ptr,
                format!("the blob path{} of {path} does not end in `.vhd`{hint}", piece(u.path)),
                "point the URI at the VHD blob itself (a container SAS needs `/<name>.vhd` appended before the `?`)",
            );
        }
        let mut bad = Vec::new();
        if blob.chars().any(char::is_whitespace) {
            bad.push("whitespace".to_string());
        }
        if blob.contains('"') {
            bad.push("`\"`".to_string());
        }
        if blob.contains('%') {
            let decoded = percent_decode(blob);
            let mut what = "`%`".to_string();
            if decoded != blob {
                if decoded.chars().any(char::is_whitespace)
                    && !bad.iter().any(|b| b == "whitespace")
                {
                    what.push_str(" (a percent-escape: the name holds whitespace)");
                } else if !env {
                    what.push_str(&format!(" (a percent-escape: the name is `{decoded}`)"));
                }
            }
            bad.push(what);
        }
        if !bad.is_empty() {
            ctx.report(
                &ptr,
                format!("the blob name{} of {path} contains {}; VHD names may not contain whitespace, `%` or `\"`", piece(blob), bad.join(" and ")),
                "rename the blob (copy it to a name of letters, digits, `-`, `_` and `.`) and generate a new SAS URI",
            );
        }
        let rest_ws = u
            .query
            .is_some_and(|q| q.trim().chars().any(char::is_whitespace))
            || u.host.chars().any(char::is_whitespace);
        if rest_ws {
            ctx.report(
                &ptr,
                format!("the SAS URI {path} contains whitespace outside the blob name"),
                "copy the SAS URI again without line breaks or spaces",
            );
        }
        match u.query {
            None | Some("") => {
                ctx.report(
                    &ptr,
                    format!("the SAS URI {path} has no query: the SAS token (`?sv=...&sp=rl&st=...&se=...&sig=...`) is missing"),
                    "generate a SAS for the VHD (read and list permissions) and use the full URI with its `?` query",
                );
                continue;
            }
            Some(_) => {}
        }
        let params = u.params();
        let missing: Vec<&str> = REQUIRED
            .into_iter()
            .filter(|k| !params.iter().any(|(p, v)| p == k && !v.is_empty()))
            .collect();
        if !missing.is_empty() {
            let list: Vec<String> = missing.iter().map(|k| format!("`{k}`")).collect();
            ctx.report(
                &ptr,
                format!("the SAS URI {path} lacks {} in its query; a marketplace SAS needs sp, st, se and sig", list.join(", ")),
                "generate the SAS with a start time, an expiry time and read+list permissions (`sp=rl`)",
            );
        }
    }
}
