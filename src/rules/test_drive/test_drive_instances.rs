use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// The test drive names at least one region; `instances.hot`, `warm` and `cold` are
    /// each a whole number from 0 to 99; `durationHours` is a whole number of hours, at
    /// least 1. No hot instance at all (`hot: 0`) is a warning under the same id.
    ///
    /// ## Why Partner Center rejects it
    /// Each instance count accepts 0-99 (and is multiplied by the number of regions), and the
    /// duration is a whole number of hours: "2" is valid, "1.5" is not. Hot instances are
    /// pre-deployed and ready in seconds, warm ones take 3-10 minutes and cold ones up to
    /// about an hour and a half, so Microsoft recommends at least one hot instance: without
    /// one, every customer waits.
    ///
    /// ## Example
    /// ```yaml
    /// testDrive:
    ///   regions: [eastus]
    ///   instances: { hot: 0, warm: 0, cold: 5 }
    ///   durationHours: 1.5
    /// ```
    /// Use instead:
    /// ```yaml
    /// testDrive:
    ///   regions: [eastus]
    ///   instances: { hot: 1, warm: 0, cold: 5 }
    ///   durationHours: 2
    /// ```
    ///
    /// ## Source
    /// - Regions, instances per region, duration: Microsoft, VM test drive (2021-10),
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/azure-vm-test-drive.md>
    /// - Microsoft, test drive technical configuration (2021-12),
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/test-drive-technical-configuration.md>
    RULE {
        id: "test-drive-instances",
        area: TestDrive,
        severity: Error,
        kind: Document,
        summary: ">= 1 region; hot, warm, cold each 0-99; durationHours a whole number >= 1; no hot instance is a warning",
        check: check,
    }
}

fn check(ctx: &mut Ctx) {
    let pointer = "/testDrive/instances/hot";
    if ctx.get(pointer).and_then(Value::as_f64) == Some(0.0) {
        ctx.report_with(
            Severity::Warning,
            At::Value,
            pointer,
            "the test drive has no hot instance; every customer waits for a warm (3-10 min) or cold (up to 1.5 h) deployment",
            "keep at least 1 hot instance in a region near most of your customers",
        );
    }
}
