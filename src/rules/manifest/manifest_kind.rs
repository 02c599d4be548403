use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// The manifest starts by saying what it is: `apiVersion: offer-lint/v1` and
    /// `kind: VirtualMachineOffer`. Both keys are required, and both values must be ones
    /// this version of offer-lint supports. The check is done by the schema.
    ///
    /// ## Why Partner Center rejects it
    /// This rule protects offer-lint's own contract rather than a Partner Center rule: a
    /// YAML file that is not an offer manifest (or one written for a later format version)
    /// would otherwise produce a wall of misleading findings. Declaring the format version
    /// lets the format evolve without silently misreading older or newer manifests.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: VmOffer
    /// offer:
    ///   id: contoso-hardened-ubuntu
    /// ```
    /// Use instead:
    /// ```yaml
    /// apiVersion: offer-lint/v1
    /// kind: VirtualMachineOffer
    /// offer:
    ///   id: contoso-hardened-ubuntu
    /// ```
    ///
    /// ## Source
    /// A rule of offer-lint itself: the manifest format, "A complete example" (the first two
    /// keys of every manifest), <https://github.com/offer-lint/offer-lint/blob/main/docs/manifest.md>
    RULE {
        id: "manifest-kind",
        area: Manifest,
        severity: Error,
        kind: Document,
        summary: "`apiVersion: offer-lint/v1` and `kind: VirtualMachineOffer` present and supported",
    }
}
