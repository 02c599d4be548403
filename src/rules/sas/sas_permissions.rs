use crate::message::display_path;
use crate::rules::prelude::*;
use crate::rules::sas::uri::{sas_uris, SasUri};

declare_rule! {
    /// ## What it checks
    /// The `sp` (signed permissions) parameter of every SAS URI of the image sources grants
    /// read and list, and nothing else: `sp=rl` (the order does not matter, `lr` is accepted
    /// too). Any other permission (`w` write, `d` delete, `a` add, `c` create, ...) is an
    /// error, and so is a missing `r` or `l`. A URI without `sp` is left to `sas-uri-format`.
    ///
    /// ## Why Partner Center rejects it
    /// Microsoft's instructions grant Read and List only; a SAS that can write or delete the
    /// VHD is refused, and a SAS without list or read cannot be copied ("sp=rl missing" is
    /// one of the documented copy failures). It is also a needless risk: anyone who sees
    /// the URI could change or delete the image.
    ///
    /// ## Example
    /// ```text
    /// https://contosoimages.blob.core.windows.net/vhds/os.vhd?sv=2021-08-06&sr=b&sp=racwdl&st=...&se=...&sig=...
    /// ```
    /// Use instead:
    /// ```text
    /// https://contosoimages.blob.core.windows.net/vhds/os.vhd?sv=2021-08-06&sr=b&sp=rl&st=...&se=...&sig=...
    /// ```
    /// (`az storage blob generate-sas --permissions rl ...`)
    ///
    /// ## Source
    /// - "Grant Read + List only (sp=rl). No Write or Delete": Microsoft, generate a SAS URI for
    ///   a VM image (2021-06),
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/azure-vm-get-sas-uri.md>
    /// - Microsoft, Cloud Partner Portal, common SAS URL issues,
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/cloud-partner-portal/virtual-machine/cpp-common-sas-url-issues.md>
    RULE {
        id: "sas-permissions",
        area: Sas,
        severity: Error,
        kind: Document,
        summary: "`sp` is exactly read and list (`rl`): no write, delete, add or create",
        check: check,
    }
}

fn name(c: char) -> &'static str {
    match c {
        'r' => "read",
        'a' => "add",
        'c' => "create",
        'w' => "write",
        'd' => "delete",
        'x' => "delete version",
        'y' => "permanent delete",
        'l' => "list",
        't' => "tags",
        'f' => "filter",
        'm' => "move",
        'e' => "execute",
        'o' => "ownership",
        'p' => "permissions",
        'i' => "set immutability policy",
        _ => "unknown",
    }
}

fn check(ctx: &mut Ctx) {
    for (ptr, raw) in sas_uris(ctx) {
        let u = SasUri::parse(raw.trim());
        let Some(sp) = u.param("sp") else { continue };
        if sp.is_empty() {
            continue;
        }
        let mut chars: Vec<char> = sp.chars().collect();
        chars.sort_unstable();
        if chars == ['l', 'r'] {
            continue;
        }
        let mut extra: Vec<String> = Vec::new();
        let mut seen = Vec::new();
        for c in sp.chars() {
            if c != 'r' && c != 'l' && !seen.contains(&c) {
                seen.push(c);
                extra.push(format!("{} (`{c}`)", name(c)));
            }
        }
        let mut problems = Vec::new();
        if !extra.is_empty() {
            problems.push(format!("it also grants {}", extra.join(", ")));
        }
        let lacking: Vec<&str> = ['r', 'l']
            .into_iter()
            .filter(|c| !sp.contains(*c))
            .map(name)
            .collect();
        if !lacking.is_empty() {
            problems.push(format!("it lacks {}", lacking.join(" and ")));
        }
        if problems.is_empty() {
            problems.push("a permission is repeated".into());
        }
        let sp = if ctx.from_env(&ptr) {
            String::new()
        } else {
            format!(" has `sp={sp}`; it")
        };
        ctx.report(
            &ptr,
            format!(
                "the SAS URI {}{sp} must grant read and list only (`sp=rl`): {}",
                display_path(&ptr),
                problems.join("; ")
            ),
            "generate a new SAS with read and list permissions only (`--permissions rl`), then revoke the old one",
        );
    }
}
