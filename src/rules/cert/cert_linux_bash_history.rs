use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// `certification.linux.bashHistoryBytes` of each image, the size of the bash history
    /// left in the image (`~/.bash_history` of every user, root included), is at most 1024
    /// bytes (and not negative).
    ///
    /// ## Why Partner Center rejects it
    /// The certification test "Bash History" (test 48) fails an image with more than 1 KB of
    /// history: the history of the build session can leak commands, host names and secrets
    /// to every customer.
    ///
    /// ## Example
    /// ```yaml
    /// linux:
    ///   bashHistoryBytes: 20480
    /// ```
    /// Use instead (clear it as the last step before deprovisioning:
    /// `cat /dev/null > ~/.bash_history && history -c`, for each user):
    /// ```yaml
    /// linux:
    ///   bashHistoryBytes: 0
    /// ```
    ///
    /// ## Source
    /// - "Bash history ≤ 1 KB. Clear ~/.bash_history": Microsoft, VM certification FAQ,
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/azure-vm-certification-faq.yml>
    /// - Certification test 48 "Bash History: 1024" (2022-04):
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/azure-vm-image-test.md>
    RULE {
        id: "cert-linux-bash-history",
        area: Cert,
        severity: Error,
        kind: Document,
        summary: "bash history <= 1024 bytes",
    }
}
