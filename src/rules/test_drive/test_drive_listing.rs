use crate::rules::media::files::is_pdf;
use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// The test drive's listing: `description` is at most 3,000 characters,
    /// `accessInformation` at most 10,000, and `userManual` names a real PDF document (the
    /// `%PDF-` signature is looked for in the first 1,024 bytes; the extension proves
    /// nothing) whose file name is at most 255 characters.
    ///
    /// ## Why Partner Center rejects it
    /// The test drive listing (English only) takes a description of up to 3,000 characters,
    /// access information of up to 10,000 characters (`{{outputname}}` placeholders allowed)
    /// and a required user manual that must be a PDF with a file name of at most 255
    /// characters.
    ///
    /// ## Example
    /// ```yaml
    /// testDrive:
    ///   listing:
    ///     userManual: assets/user-manual.docx
    /// ```
    /// Use instead:
    /// ```yaml
    /// testDrive:
    ///   listing:
    ///     userManual: assets/user-manual.pdf   # exported as PDF
    /// ```
    ///
    /// ## Source
    /// - Test drive listing: Microsoft, test drive technical configuration (2021-12),
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/test-drive-technical-configuration.md>
    RULE {
        id: "test-drive-listing",
        area: TestDrive,
        severity: Error,
        kind: Document,
        summary: "description <= 3,000, accessInformation <= 10,000; userManual a real PDF, file name <= 255",
        check: check,
    }
}

fn check(ctx: &mut Ctx) {
    let pointer = "/testDrive/listing/userManual";
    let Some(rel) = ctx.shown(pointer).map(str::to_string) else {
        return;
    };
    let Some(path) = ctx.asset(pointer) else {
        return;
    };
    match is_pdf(&path) {
        Ok(true) => {}
        Ok(false) => ctx.report(
            pointer,
            format!("the user manual `{rel}` is not a PDF document (no `%PDF-` signature in its first 1024 bytes)"),
            "export the user manual as PDF; renaming a file does not change its format",
        ),
        Err(e) => ctx.report(pointer, format!("the user manual `{rel}` cannot be read: {e}"), ""),
    }
}
