use crate::load::env::is_reference;
use crate::load::yaml::{pointer_of, Step};
use crate::message::display_path;
use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// Secrets written literally in the manifest, anywhere in it, as the file is written
    /// (before `${env:NAME}` references are resolved):
    ///
    /// - a SAS signature: a `sig=` parameter with a value, in a URL query or a connection
    ///   string (`...&sig=...`);
    /// - a storage account key: `AccountKey=` with a value in a connection string;
    /// - the value of a `clientSecret` (the test drive's Azure AD application secret), an
    ///   `applicationKey` (the Dynamics 365 lead destination) or any `password` key.
    ///
    /// A value that is exactly one `${env:NAME}` reference is fine, and so is a URL or a
    /// connection string whose secret part is one (`...&sig=${env:SAS_SIG}`). Empty values
    /// are ignored. Messages say what kind of secret was found and where, never its value.
    ///
    /// ## Why Partner Center rejects it
    /// Partner Center does not see the repository, but anyone who can read it can: a SAS
    /// signature gives access to the image, an account key to the whole storage account, a
    /// client secret to the test drive's subscription. The manifest format keeps secrets
    /// out of git by design: every string may be `${env:NAME}`, resolved at lint time from
    /// the environment (in CI, from the pipeline's secrets). A secret that was committed
    /// must be revoked (regenerate the key, revoke the SAS), not only removed.
    ///
    /// ## Example
    /// ```yaml
    /// osDisk:
    ///   uri: "https://contosoimages.blob.core.windows.net/vhds/os.vhd?sv=2021-08-06&sr=b&sp=rl&st=2026-11-20T00:00:00Z&se=2027-03-01T00:00:00Z&sig=AbC...%3D"
    /// ```
    /// Use instead:
    /// ```yaml
    /// osDisk:
    ///   uri: ${env:HARDENED_2204_OS_VHD_SAS}
    /// ```
    ///
    /// ## Source
    /// - "Secrets never appear literally: any string may be `${env:NAME}`": the manifest format
    ///   (docs/manifest.md), "Files and discovery".
    /// - The SAS token grants access to the VHD: Microsoft, generate a SAS URI for a VM image
    ///   (2021-06),
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/azure-vm-get-sas-uri.md>
    /// - Customer leads (storage connection strings with AccountKey; Dynamics applicationKey and
    ///   password): Microsoft's Product Ingestion schema `customer-leads`,
    ///   <https://product-ingestion.azureedge.net/schema/customer-leads/2022-03-01-preview2>
    /// - Test drive Azure AD app `clientSecret`: Microsoft, test drive technical configuration
    ///   (2021-12),
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/test-drive-technical-configuration.md>
    RULE {
        id: "secret-in-manifest",
        area: Cert,
        severity: Error,
        kind: Document,
        summary: "a literal secret in the manifest: a SAS signature (`sig=`), a storage AccountKey, a client secret, an applicationKey or a password not written as `${env:NAME}`",
        check: check,
    }
}

/// Keys whose whole value is a secret, compared without regard to case.
const SECRET_KEYS: &[(&str, &str)] = &[
    ("password", "a password"),
    ("clientsecret", "a client secret"),
    ("applicationkey", "an application key"),
];

fn check(ctx: &mut Ctx) {
    let mut found = Vec::new();
    // The document as written: a value read from the environment is where a secret belongs.
    walk(ctx.written(), &mut Vec::new(), None, &mut found);
    for (ptr, what) in found {
        let key = ptr.rsplit('/').next().unwrap_or_default().to_string();
        ctx.report(
            &ptr,
            format!("{} holds {what} written literally in the manifest", display_path(&ptr)),
            format!(
                "move the secret into an environment variable (a CI secret) and write `${{env:NAME}}` instead; revoke the exposed {}",
                if key.is_empty() { "secret".into() } else { format!("value of `{}`", key.replace("~1", "/").replace("~0", "~")) }
            ),
        );
    }
}

/// `path` is the node's path, grown and cut back as the walk goes: a pointer is made only
/// for the strings that could hold a secret.
fn walk<'v>(
    v: &'v Value,
    path: &mut Vec<Step<'v>>,
    key: Option<&str>,
    out: &mut Vec<(String, &'static str)>,
) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                path.push(Step::Key(k));
                walk(x, path, Some(k), out);
                path.pop();
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                path.push(Step::Index(i));
                walk(x, path, key, out);
                path.pop();
            }
        }
        // Only a secret key's value or a string with a `=` (`sig=`, `AccountKey=`) can hold
        // one: other strings skip the pointer.
        Value::String(s) if s.contains('=') || key.is_some_and(|k| secret_key(k).is_some()) => {
            if let Some(what) = literal_secret(s, key) {
                out.push((pointer_of(path), what));
            }
        }
        Value::Number(_) => {
            if let Some(what) = key.and_then(secret_key) {
                out.push((pointer_of(path), what));
            }
        }
        _ => {}
    }
}

fn secret_key(key: &str) -> Option<&'static str> {
    SECRET_KEYS
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(key))
        .map(|(_, w)| *w)
}

/// What kind of literal secret `written` (a string as written in the manifest) holds.
pub fn literal_secret(written: &str, key: Option<&str>) -> Option<&'static str> {
    if let Some(what) = key.and_then(secret_key) {
        let t = written.trim();
        if !t.is_empty() && !is_reference(t) {
            return Some(what);
        }
        return None;
    }
    if has_literal_param(written, "sig=", &['?', '&', ';']) {
        return Some("a SAS signature (`sig=`)");
    }
    if has_literal_param_ci(written, "accountkey=", &[';']) {
        return Some("a storage account key (`AccountKey=`)");
    }
    None
}

/// True when `name` (e.g. `sig=`) appears at the start of `s` or right after one of
/// `delims`, with a value (up to the next `&`, `;`, quote or whitespace) that is not a
/// whole `${env:NAME}` reference.
fn has_literal_param(s: &str, name: &str, delims: &[char]) -> bool {
    find_params(s, s, name, delims)
}

fn has_literal_param_ci(s: &str, name: &str, delims: &[char]) -> bool {
    // A name ending in `=` cannot occur in a string without one: skip lowercasing it.
    (!name.ends_with('=') || s.contains('='))
        && find_params(s, &s.to_ascii_lowercase(), name, delims)
}

fn find_params(s: &str, hay: &str, name: &str, delims: &[char]) -> bool {
    let mut from = 0;
    while let Some(i) = hay[from..].find(name) {
        let at = from + i;
        from = at + name.len();
        let starts = at == 0 || hay[..at].ends_with(delims);
        if !starts {
            continue;
        }
        let rest = &s[at + name.len()..];
        let value = if rest.starts_with("${env:") {
            // A reference runs to its closing brace.
            match rest.find('}') {
                Some(e) => &rest[..=e],
                None => rest,
            }
        } else {
            let end = rest
                .find(|c: char| c == '&' || c == ';' || c == '"' || c == '\'' || c.is_whitespace())
                .unwrap_or(rest.len());
            &rest[..end]
        };
        if !value.is_empty() && !is_reference(value) {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::literal_secret;

    #[test]
    fn signatures_and_keys() {
        let sas = "https://a.blob.core.windows.net/vhds/os.vhd?sv=2021&sp=rl&sig=abc%3D";
        assert!(literal_secret(sas, Some("uri")).is_some());
        assert!(literal_secret("https://a/b.vhd?sp=rl&sig=${env:SIG}", Some("uri")).is_none());
        assert!(literal_secret("https://a/b.vhd?sp=rl&sig=", Some("uri")).is_none());
        assert!(literal_secret("${env:OS_SAS}", Some("uri")).is_none());
        assert!(literal_secret("https://a/b.vhd?design=x", Some("uri")).is_none());
        assert!(literal_secret(
            "BlobEndpoint=https://a;SharedAccessSignature=sv=2021&sig=xyz",
            None
        )
        .is_some());
        let cs = "DefaultEndpointsProtocol=https;AccountName=contoso;AccountKey=bXlrZXk=;EndpointSuffix=core.windows.net";
        assert!(literal_secret(cs, Some("storageAccountConnectionString")).is_some());
        let cs = "DefaultEndpointsProtocol=https;AccountName=contoso;AccountKey=${env:KEY};EndpointSuffix=core.windows.net";
        assert!(literal_secret(cs, None).is_none());
        assert!(literal_secret("plain text about signatures", None).is_none());
    }

    #[test]
    fn secret_keys() {
        assert!(literal_secret("hunter2", Some("password")).is_some());
        assert!(literal_secret("hunter2", Some("Password")).is_some());
        assert!(literal_secret("${env:PW}", Some("password")).is_none());
        assert!(literal_secret("", Some("password")).is_none());
        assert!(literal_secret("s3cr3t", Some("clientSecret")).is_some());
        assert!(literal_secret("s3cr3t", Some("applicationKey")).is_some());
        assert!(literal_secret("s3cr3t", Some("applicationId")).is_none());
    }
}
