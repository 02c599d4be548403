use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// <= 100; label 3-20 chars of `[A-Za-z0-9_. -]` ending alphanumeric; portRange `N` or `N-M` with N <= M <= 65535; protocol tcp, udp or both
    RULE {
        id: "tech-open-ports",
        area: Tech,
        severity: Error,
        kind: Document,
        summary: "<= 100; label 3-20 chars of `[A-Za-z0-9_. -]` ending alphanumeric; portRange `N` or `N-M` with N <= M <= 65535; protocol tcp, udp or both",
    }
}
