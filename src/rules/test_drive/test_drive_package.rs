use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// the package is a zip that contains main-template.json; each template parameter has metadata.type of baseuri, username, password or sessionid
    RULE {
        id: "test-drive-package",
        area: TestDrive,
        severity: Error,
        kind: Document,
        summary: "the package is a zip that contains main-template.json; each template parameter has metadata.type of baseuri, username, password or sessionid",
    }
}
