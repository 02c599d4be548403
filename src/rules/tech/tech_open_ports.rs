use crate::rules::prelude::*;

/// The highest TCP/UDP port number.
const MAX_PORT: u32 = 65535;

declare_rule! {
    /// ## What it checks
    /// Each technical configuration opens at most 100 ports. Every entry of `openPorts` has a
    /// `label` of 3-20 characters from `A-Z a-z 0-9 _ . -` and space, ending with a letter,
    /// digit or `_`; a `portRange` that is a single port `N` or a range `N-M` with
    /// `N <= M <= 65535`; and a `protocol` of `tcp`, `udp` or `both`.
    ///
    /// The port range is parsed, so a range that runs backwards (`8080-80`) is reported too.
    ///
    /// ## Why Partner Center rejects it
    /// The open ports become network security group rules in the deployment. Partner Center
    /// accepts at most 100 of them, a short label, a single port or a hyphenated range, and
    /// TCP, UDP or both. A range that runs backwards, or a port that does not exist, cannot
    /// become a security rule.
    ///
    /// ## Example
    /// ```yaml
    /// openPorts:
    ///   - { label: web, portRange: "8443-443", protocol: tcp }
    /// ```
    /// Use instead:
    /// ```yaml
    /// openPorts:
    ///   - { label: web, portRange: "443-8443", protocol: tcp }
    /// ```
    ///
    /// ## Source
    /// - Open ports: Microsoft, VM plan technical configuration (2022-04),
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/azure-vm-plan-technical-configuration.md>
    /// - Microsoft's Product Ingestion schema `virtual-machine-open-port` (label pattern,
    ///   portRange, protocol enum),
    ///   <https://product-ingestion.azureedge.net/schema/virtual-machine-open-port/2022-03-01-preview2>
    /// - `openPorts` maxItems 100: Microsoft's Product Ingestion schema
    ///   `virtual-machine-plan-technical-configuration`,
    ///   <https://product-ingestion.azureedge.net/schema/virtual-machine-plan-technical-configuration/2022-03-01-preview2>
    RULE {
        id: "tech-open-ports",
        area: Tech,
        severity: Error,
        kind: Document,
        summary: "<= 100; label 3-20 chars of `[A-Za-z0-9_. -]` ending alphanumeric; portRange `N` or `N-M` with N <= M <= 65535; protocol tcp, udp or both",
        check: check,
    }
}

fn check(ctx: &mut Ctx) {
    for (plan_ptr, _) in ctx.items("/plans") {
        for (port_ptr, _) in ctx.items(&format!("{plan_ptr}/technicalConfiguration/openPorts")) {
            let pointer = format!("{port_ptr}/portRange");
            let Some(range) = ctx.str(&pointer) else {
                continue;
            };
            // The schema checks the form and the 0-65535 bounds; only a well-formed range
            // that runs backwards is left to report here.
            let strict = range
                .split('-')
                .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
            if !strict || !range.contains('-') {
                continue;
            }
            if let Err(RangeError::Reversed(lo, hi)) = parse_port_range(range) {
                if ctx.from_env(&pointer) {
                    ctx.report(
                        &pointer,
                        "the port range runs backwards: its first port is greater than its last",
                        "write the low port first",
                    );
                    continue;
                }
                ctx.report(
                    &pointer,
                    format!("port range `{range}` runs backwards: {lo} is greater than {hi}"),
                    format!("write the low port first: \"{hi}-{lo}\""),
                );
            }
        }
    }
}

/// Why a port range does not parse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RangeError {
    /// A part is not a decimal number.
    NotNumber(String),
    /// A port above 65535.
    TooHigh(String),
    /// `N-M` with `N > M`.
    Reversed(u32, u32),
}

impl std::fmt::Display for RangeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RangeError::NotNumber(s) => write!(f, "`{s}` is not a port number"),
            RangeError::TooHigh(s) => write!(f, "port {s} is above {MAX_PORT}"),
            RangeError::Reversed(lo, hi) => {
                write!(f, "the range runs backwards: {lo} is greater than {hi}")
            }
        }
    }
}

/// Parses `N` or `N-M` (spaces around the hyphen allowed) into `(N, M)`.
pub fn parse_port_range(text: &str) -> Result<(u32, u32), RangeError> {
    let port = |s: &str| -> Result<u32, RangeError> {
        let s = s.trim();
        if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(RangeError::NotNumber(s.to_string()));
        }
        match s.parse::<u32>() {
            Ok(n) if n <= MAX_PORT => Ok(n),
            _ => Err(RangeError::TooHigh(s.to_string())),
        }
    };
    match text.split_once('-') {
        None => port(text).map(|n| (n, n)),
        Some((lo, hi)) => {
            let (lo, hi) = (port(lo)?, port(hi)?);
            if lo > hi {
                return Err(RangeError::Reversed(lo, hi));
            }
            Ok((lo, hi))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::parse_port_range;

    #[test]
    fn parses_ports_and_ranges() {
        assert_eq!(parse_port_range("22"), Ok((22, 22)));
        assert_eq!(parse_port_range("8000-8080"), Ok((8000, 8080)));
        assert_eq!(parse_port_range("8000 - 8080"), Ok((8000, 8080)));
        assert_eq!(parse_port_range("65535"), Ok((65535, 65535)));
        assert!(parse_port_range("65536").is_err());
        assert_eq!(
            parse_port_range("8080-80"),
            Err(super::RangeError::Reversed(8080, 80))
        );
        assert!(parse_port_range("1-2-3").is_err());
        assert!(parse_port_range("").is_err());
        assert!(parse_port_range("-22").is_err());
        assert!(parse_port_range("ssh").is_err());
        assert!(parse_port_range("99999999999999999999").is_err());
    }
}
