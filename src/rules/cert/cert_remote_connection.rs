use crate::message::display_path;
use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// For each plan with its own technical configuration, `vmProperties.supportsRemoteConnection`
    /// (default `true`):
    ///
    /// - `false` (a locked-down VM: "Remote desktop/SSH not supported") is a warning:
    ///   certification cannot connect to such an image and needs an exception.
    /// - `true` (or not given) while the plan opens no remote-access port is a warning: a
    ///   Linux plan needs an `openPorts` entry whose range covers 22 (SSH), a Windows plan
    ///   one that covers 3389 (RDP), with protocol `tcp` or `both`. These are the ports
    ///   Partner Center opens by default (Linux 22/TCP, Windows 3389/TCP and 5986/TCP) and
    ///   the ones that certification and customers use to reach the VM.
    ///
    /// A plan whose family is missing or unknown is checked only for the first case.
    ///
    /// ## Why Partner Center rejects it
    /// Certification signs in to the deployed VM (SSH on port 22 for Linux; RDP, and WinRM
    /// on 5986 for the test tool, on Windows). A locked-down image, one without SSH/RDP, port
    /// 22, the `sampleuser` account, or one that needs setup at first sign-in, is accepted
    /// only with a Certification Test Tool report sent through a support ticket. An image
    /// that supports remote connection but whose deployment closes the port fails the
    /// connection tests.
    ///
    /// ## Example
    /// ```yaml
    /// operatingSystem: { family: linux, type: ubuntu, friendlyName: Ubuntu 22.04 LTS }
    /// openPorts:
    ///   - { label: https, portRange: "443", protocol: tcp }
    /// vmProperties:
    ///   supportsRemoteConnection: true
    /// ```
    /// Use instead:
    /// ```yaml
    /// openPorts:
    ///   - { label: ssh, portRange: "22", protocol: tcp }
    ///   - { label: https, portRange: "443", protocol: tcp }
    /// vmProperties:
    ///   supportsRemoteConnection: true
    /// ```
    ///
    /// ## Source
    /// - Properties: supportsRemoteConnection (default true); locked-down images need a
    ///   Certification Test Tool report through a support ticket: Microsoft, VM plan technical
    ///   configuration (2022-04),
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/azure-vm-plan-technical-configuration.md>
    /// - Open ports: the Cloud Partner Portal's default mappings Windows 3389/TCP and 5986/TCP,
    ///   Linux 22/TCP: Microsoft, Cloud Partner Portal, SKUs tab,
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/cloud-partner-portal/virtual-machine/cpp-skus-tab.md>
    /// - "RDP must be enabled" ("Remote access issue") and the exceptions for locked-down VMs:
    ///   Microsoft, VM certification FAQ,
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/azure-vm-certification-faq.yml>
    /// - The test tool's ports (SSH 22 for Linux, WinRM 5986 for Windows): Microsoft, test a VM
    ///   image (2022-04),
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/azure-vm-image-test.md>
    RULE {
        id: "cert-remote-connection",
        area: Cert,
        severity: Warning,
        kind: Document,
        summary: "supportsRemoteConnection false (locked-down image) needs an exception; no remote-access port open while it is true",
        check: check,
    }
}

/// True when the `portRange` text (`N` or `N-M`) covers `port`.
fn covers(range: &str, port: u32) -> bool {
    let range = range.trim();
    let (a, b) = match range.split_once('-') {
        Some((a, b)) => (a.trim(), b.trim()),
        None => (range, range),
    };
    match (a.parse::<u32>(), b.parse::<u32>()) {
        (Ok(a), Ok(b)) => a <= port && port <= b,
        _ => false,
    }
}

fn check(ctx: &mut Ctx) {
    for (plan, _) in ctx.items("/plans") {
        let tc = format!("{plan}/technicalConfiguration");
        if ctx.get(&tc).is_none() {
            continue;
        }
        let prop = format!("{tc}/vmProperties/supportsRemoteConnection");
        if ctx.is_unresolved(&prop) {
            continue;
        }
        let family = ctx.str(&format!("{tc}/operatingSystem/family"));
        match ctx.get(&prop) {
            Some(Value::Bool(false)) => {
                ctx.report(
                    &prop,
                    format!(
                        "{} is false (a locked-down VM); certification cannot sign in to it and needs an exception",
                        display_path(&prop)
                    ),
                    "request an exception through a Partner Center support ticket and attach the Certification Test Tool report; or enable SSH/RDP and set supportsRemoteConnection: true",
                );
                continue;
            }
            Some(Value::Bool(true)) | None => {}
            Some(_) => continue,
        }
        let (port, service) = match family {
            Some("linux") => (22, "SSH"),
            Some("windows") => (3389, "RDP"),
            _ => continue,
        };
        let ports_ptr = format!("{tc}/openPorts");
        let open = ctx.items(&ports_ptr).into_iter().any(|(_, p)| {
            let proto = p.get("protocol").and_then(Value::as_str).unwrap_or("tcp");
            let range = match p.get("portRange") {
                Some(Value::String(s)) => s.clone(),
                Some(Value::Number(n)) => n.to_string(),
                _ => return false,
            };
            matches!(proto, "tcp" | "both") && covers(&range, port)
        });
        if open {
            continue;
        }
        let family = family.unwrap_or_default();
        let (at, ptr) = if ctx.get(&ports_ptr).is_some() {
            (At::Value, ports_ptr)
        } else if ctx.get(&prop).is_some() {
            (At::Value, prop)
        } else {
            (At::Key, tc)
        };
        ctx.report_with(
            Severity::Warning,
            at,
            &ptr,
            format!(
                "{plan_path} supports remote connection, but its open ports do not include {port}/TCP ({service}) for its {family} image",
                plan_path = display_path(&plan)
            ),
            format!("add `{{ label: {}, portRange: \"{port}\", protocol: tcp }}` to openPorts, or set supportsRemoteConnection: false for a locked-down image (which needs an exception)", service.to_ascii_lowercase()),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::covers;

    #[test]
    fn port_ranges() {
        assert!(covers("22", 22));
        assert!(covers("20-30", 22));
        assert!(covers(" 22 - 22 ", 22));
        assert!(!covers("23", 22));
        assert!(!covers("2200-2300", 22));
        assert!(!covers("x", 22));
    }
}
