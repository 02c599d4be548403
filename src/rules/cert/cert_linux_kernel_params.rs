use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// kernel command line has console=ttyS0 and earlyprintk=ttyS0; missing rootdelay=300 is a warning
    RULE {
        id: "cert-linux-kernel-params",
        area: Cert,
        severity: Error,
        kind: Document,
        summary: "kernel command line has console=ttyS0 and earlyprintk=ttyS0; missing rootdelay=300 is a warning",
    }
}
