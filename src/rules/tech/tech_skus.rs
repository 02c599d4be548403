use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// 1-2 skus, unique imageType (x64Gen1, x64Gen2, arm64Gen2); skuId `[a-z0-9_-]+`; every vmImage's imageType has a sku; securityType only on x64Gen2
    RULE {
        id: "tech-skus",
        area: Tech,
        severity: Error,
        kind: Document,
        summary: "1-2 skus, unique imageType (x64Gen1, x64Gen2, arm64Gen2); skuId `[a-z0-9_-]+`; every vmImage's imageType has a sku; securityType only on x64Gen2",
    }
}
