use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// a literal secret in the manifest: a SAS signature (`sig=`), a storage AccountKey, a client secret, an applicationKey or a password not written as `${env:NAME}`
    RULE {
        id: "secret-in-manifest",
        area: Cert,
        severity: Error,
        kind: Document,
        summary: "a literal secret in the manifest: a SAS signature (`sig=`), a storage AccountKey, a client secret, an applicationKey or a password not written as `${env:NAME}`",
    }
}
