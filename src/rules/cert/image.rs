//! The images of a manifest as the certification and SAS rules walk them.

use crate::rules::prelude::*;

/// One `vmImages[]` entry of one image version of one plan.
pub struct Image<'a> {
    /// `/plans/{p}/technicalConfiguration/vmImageVersions/{v}/vmImages/{i}`.
    pub ptr: String,
    /// `/plans/{p}`.
    pub plan_ptr: String,
    pub value: &'a Value,
    /// `imageType` (x64Gen1, x64Gen2, arm64Gen2), when given.
    pub image_type: Option<&'a str>,
    /// The plan's `operatingSystem.family` (windows, linux), when given.
    pub family: Option<&'a str>,
}

impl Image<'_> {
    /// The pointer of `rel` (e.g. `certification/linux`) under this image.
    pub fn at(&self, rel: &str) -> String {
        format!("{}/{rel}", self.ptr)
    }
}

/// Every image of every plan that has its own technical configuration.
pub fn images<'a>(ctx: &Ctx<'a>) -> Vec<Image<'a>> {
    let mut out = Vec::new();
    for (plan_ptr, _) in ctx.items("/plans") {
        let tc = format!("{plan_ptr}/technicalConfiguration");
        let family = ctx.str(&format!("{tc}/operatingSystem/family"));
        for (version_ptr, _) in ctx.items(&format!("{tc}/vmImageVersions")) {
            for (ptr, value) in ctx.items(&format!("{version_ptr}/vmImages")) {
                let image_type = ctx.str(&format!("{ptr}/imageType"));
                out.push(Image {
                    ptr,
                    plan_ptr: plan_ptr.clone(),
                    value,
                    image_type,
                    family,
                });
            }
        }
    }
    out
}

/// The integer at `pointer`, when it is one (a type error is the schema's to report).
pub fn int_at(ctx: &Ctx, pointer: &str) -> Option<i64> {
    if ctx.is_unresolved(pointer) {
        return None;
    }
    let v = ctx.get(pointer)?;
    v.as_i64().or_else(|| {
        v.as_f64()
            .filter(|f| f.fract() == 0.0 && f.abs() < 9.0e15)
            .map(|f| f as i64)
    })
}

/// The number at `pointer`, when it is one.
pub fn num_at(ctx: &Ctx, pointer: &str) -> Option<f64> {
    if ctx.is_unresolved(pointer) {
        return None;
    }
    ctx.get(pointer)?.as_f64()
}

/// The boolean at `pointer`, when it is one.
pub fn bool_at(ctx: &Ctx, pointer: &str) -> Option<bool> {
    if ctx.is_unresolved(pointer) {
        return None;
    }
    ctx.get(pointer)?.as_bool()
}

/// A number for messages: `30` rather than `30.0`.
pub fn show_num(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}
