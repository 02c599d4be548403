use crate::message::display_path;
use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// The optional facts `certification.linux.passwordUsers` and
    /// `certification.linux.authorizedKeysUsers` of each image are empty lists: no account
    /// of the image has a password (a hash in `/etc/shadow` that is not locked with `!` or
    /// `*`) or an SSH key in its `~/.ssh/authorized_keys` (the cloud images' stub that only
    /// prints "Please login as the user ... rather than the user root" does not count).
    /// Each account named is one finding, on its list item. A manifest that declares
    /// neither fact gets no finding.
    ///
    /// ## Why Partner Center rejects it
    /// LISA's `verify_no_pre_exist_users` fails an image that keeps the password or the key
    /// of a user other than the one the VM is provisioned with: whoever built the image
    /// could log in to every customer's VM. `waagent -deprovision+user` removes the build
    /// user; accounts created by the image's software must have no password and no key.
    ///
    /// ## Example
    /// ```yaml
    /// linux:
    ///   passwordUsers: [builder]
    ///   authorizedKeysUsers: [root]
    /// ```
    /// Use instead (`passwd -d builder` or `userdel -r builder`, remove
    /// `/root/.ssh/authorized_keys`, then deprovision):
    /// ```yaml
    /// linux:
    ///   passwordUsers: []
    ///   authorizedKeysUsers: []
    /// ```
    ///
    /// ## Source
    /// - `verify_no_pre_exist_users`: microsoft/lisa,
    ///   `microsoft/testsuites/core/azure_image_standard.py`,
    ///   <https://github.com/microsoft/lisa/blob/main/microsoft/testsuites/core/azure_image_standard.py>
    /// - Deprovisioning before capture: Microsoft, information for non-endorsed Linux
    ///   distributions,
    ///   <https://learn.microsoft.com/en-us/azure/virtual-machines/linux/create-upload-generic>
    RULE {
        id: "cert-linux-users",
        area: Cert,
        severity: Error,
        kind: Document,
        summary: "no account has a password or an authorized SSH key (optional facts)",
        check: check,
    }
}

fn check(ctx: &mut Ctx) {
    for img in crate::rules::cert::image::images(ctx) {
        for (key, what, help) in [
            (
                "passwordUsers",
                "has a password in /etc/shadow",
                "delete the password (`passwd -d <user>`) or the account before capturing the image",
            ),
            (
                "authorizedKeysUsers",
                "has a key in ~/.ssh/authorized_keys",
                "delete the account's ~/.ssh/authorized_keys before capturing the image",
            ),
        ] {
            let list_ptr = img.at(&format!("certification/linux/{key}"));
            for (item_ptr, item) in ctx.items(&list_ptr) {
                let Some(name) = item.as_str() else { continue };
                if ctx.is_unresolved(&item_ptr) {
                    continue;
                }
                let shown = ctx.quote(&item_ptr, name);
                ctx.report(
                    &item_ptr,
                    format!(
                        "account `{shown}` {what} ({}): anyone who has it could log in to every VM made from the image",
                        display_path(&list_ptr)
                    ),
                    help,
                );
            }
        }
    }
}
