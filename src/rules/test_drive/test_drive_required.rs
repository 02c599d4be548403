use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// `setup.testDrive.enabled` and the top-level `testDrive` block agree: when the test
    /// drive is enabled the `testDrive` block is present. A `testDrive` block while the test
    /// drive is not enabled is a warning under the same id: it is never published, but its
    /// files are still checked and a reader takes it for live configuration.
    ///
    /// ## Why Partner Center rejects it
    /// Enabling the test drive on the offer setup page adds the Test drive technical
    /// configuration and listing pages, and every one of them must be complete before the
    /// offer can be submitted: the ARM package, regions and instances, the deployment
    /// subscription, and the user manual. A `testDrive` block left behind after the test
    /// drive was disabled is dead configuration that a reader will take for live.
    ///
    /// ## Example
    /// ```yaml
    /// setup:
    ///   testDrive:
    ///     enabled: true
    /// # ... no testDrive block
    /// ```
    /// Use instead:
    /// ```yaml
    /// setup:
    ///   testDrive:
    ///     enabled: true
    /// testDrive:
    ///   type: azureResourceManager
    ///   regions: [eastus]
    ///   # ...
    /// ```
    ///
    /// ## Source
    /// domain.md §7 (azure-vm-offer-setup.md; azure-vm-test-drive.md 2021-10); PI-schema
    /// `test-drive` (`type` required iff `enabled`).
    RULE {
        id: "test-drive-required",
        area: TestDrive,
        severity: Error,
        kind: Document,
        summary: "setup.testDrive.enabled and the testDrive block agree (present when enabled)",
        check: check,
    }
}

fn check(ctx: &mut Ctx) {
    // Enabled without the block is the schema's finding; this is the other direction.
    if ctx.get("/testDrive").is_none() {
        return;
    }
    let enabled = ctx.get("/setup/testDrive/enabled");
    if enabled == Some(&Value::Bool(true)) || enabled.is_some_and(|v| !v.is_boolean()) {
        return;
    }
    let why = match enabled {
        Some(_) => "setup.testDrive.enabled is false",
        None => "setup.testDrive.enabled is not set",
    };
    ctx.report_with(
        Severity::Warning,
        At::Key,
        "/testDrive",
        format!("the manifest has a `testDrive` block but {why}; the test drive will not be published"),
        "set setup.testDrive.enabled to true to publish the test drive, or remove the `testDrive` block",
    );
}
