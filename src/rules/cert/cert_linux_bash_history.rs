use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// `certification.linux.bashHistoryBytes` of each image is 0: no user has any shell
    /// history. The fact is the largest history of any user in bytes: of every account whose
    /// shell is a shell (bash, sh, zsh, ksh, dash, ...; root included), the biggest of
    /// `.bash_history`, `.zsh_history`, `.sh_history` and `.history` (any file in the home
    /// named `.*sh_history` or `.history`). One byte is too many. (The key keeps its first
    /// name, from when only bash's history counted.)
    ///
    /// ## Why Partner Center rejects it
    /// LISA's `verify_bash_history_is_empty` fails an image in which any such file of any
    /// shell user is not empty: the history of the build session can leak commands, host
    /// names and plain-text credentials to every customer. (The older certification test
    /// allowed up to 1 KB of bash history.)
    ///
    /// ## Example
    /// ```yaml
    /// linux:
    ///   bashHistoryBytes: 1
    /// ```
    /// Use instead (clear every user's history as the last step before deprovisioning, e.g.
    /// `rm -f /root/.*sh_history /root/.history /home/*/.*sh_history /home/*/.history` and
    /// `history -c && unset HISTFILE` in the shell that captures the image):
    /// ```yaml
    /// linux:
    ///   bashHistoryBytes: 0
    /// ```
    ///
    /// ## Source
    /// - `verify_bash_history_is_empty` (every shell user's `.*sh_history` and `.history`):
    ///   microsoft/lisa, `microsoft/testsuites/core/azure_image_standard.py`,
    ///   <https://github.com/microsoft/lisa/blob/main/microsoft/testsuites/core/azure_image_standard.py>
    /// - "Bash history ≤ 1 KB. Clear ~/.bash_history" (the older test): Microsoft, VM
    ///   certification FAQ,
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/azure-vm-certification-faq.yml>
    RULE {
        id: "cert-linux-bash-history",
        area: Cert,
        severity: Error,
        kind: Document,
        summary: "no shell history of any user (bash, sh, zsh, ...): the largest is 0 bytes",
    }
}
