use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// The manifest can be read at all: it is UTF-8 text, valid YAML 1.2, one document,
    /// with a mapping at the top. offer-lint is stricter than most YAML readers where
    /// leniency hides mistakes:
    ///
    /// - a key may appear only once in a mapping (the second `plans:` is reported, not
    ///   silently merged or overwritten);
    /// - indentation is spaces only; a tab in the indentation is reported on the tab
    ///   (tabs inside `|` and `>` blocks are text and allowed);
    /// - keys are strings; YAML 1.1 merge keys (`<<`), aliases and collections as keys
    ///   are refused;
    /// - one document per file: a second `---` is reported;
    /// - numbers are finite (`.inf` and `.nan` have no JSON form);
    /// - nesting deeper than 64 levels, alias expansion beyond 10,000 nodes, files over
    ///   4 MiB, NUL bytes and invalid UTF-8 are refused before any other check runs.
    ///
    /// When the file cannot be parsed at all, no other rule runs. After a problem the
    /// parser can step over (a duplicate key keeps its first value, a second document is
    /// ignored, a tab in otherwise readable indentation), the other checks run on what was
    /// read.
    ///
    /// ## Why Partner Center rejects it
    /// Partner Center never sees the YAML, but a manifest that parses differently from
    /// what its author sees publishes the wrong offer: with a duplicate key most YAML tools
    /// silently keep one of the two values, and a tab makes the structure depend on the
    /// editor's tab width.
    ///
    /// ## Example
    /// ```yaml
    /// listing:
    ///   title: Contoso Hardened Ubuntu
    ///   title: Contoso Hardened Ubuntu 22.04   # duplicate key
    /// plans: [ { id: hardened-2204-gen2 }      # flow sequence never closed
    /// ```
    /// Use instead:
    /// ```yaml
    /// listing:
    ///   title: Contoso Hardened Ubuntu 22.04
    /// plans: [ { id: hardened-2204-gen2 } ]
    /// ```
    ///
    /// ## Source
    /// - YAML 1.2.2 specification (§3.2.1.3 "Node Comparison": mapping keys are unique;
    ///   §6.1 "Indentation Spaces": tabs are not indentation):
    ///   <https://yaml.org/spec/1.2.2/>
    /// - One offer per manifest: the manifest format (docs/manifest.md), "Files and discovery".
    RULE {
        id: "manifest-syntax",
        area: Manifest,
        severity: Error,
        kind: Loader,
        summary: "the file is valid YAML 1.2, a single document, a mapping at the top, no duplicate keys",
    }
}
