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
///
/// Many rules call this for every manifest: it walks the values themselves and builds only
/// the two pointers each image carries (the same result as looking each level up by pointer).
pub fn images<'a>(ctx: &Ctx<'a>) -> Vec<Image<'a>> {
    let mut out = Vec::new();
    let Some(Value::Array(plans)) = field(ctx.value(), "plans") else {
        return out;
    };
    // A value that names an unset variable is skipped, as `Ctx::str` does.
    let text = |v: Option<&'a Value>, ptr: &dyn Fn() -> String| {
        let s = v.and_then(Value::as_str)?;
        (!ctx.env.has_references() || !ctx.is_unresolved(&ptr())).then_some(s)
    };
    for (p, plan) in plans.iter().enumerate() {
        let tc = field(plan, "technicalConfiguration");
        let family = text(
            tc.and_then(|t| field(t, "operatingSystem"))
                .and_then(|o| field(o, "family")),
            &|| format!("/plans/{p}/technicalConfiguration/operatingSystem/family"),
        );
        let Some(Value::Array(versions)) = tc.and_then(|t| field(t, "vmImageVersions")) else {
            continue;
        };
        for (v, version) in versions.iter().enumerate() {
            let Some(Value::Array(vm_images)) = field(version, "vmImages") else {
                continue;
            };
            for (i, value) in vm_images.iter().enumerate() {
                let ptr =
                    format!("/plans/{p}/technicalConfiguration/vmImageVersions/{v}/vmImages/{i}");
                let image_type = text(field(value, "imageType"), &|| format!("{ptr}/imageType"));
                out.push(Image {
                    ptr,
                    plan_ptr: format!("/plans/{p}"),
                    value,
                    image_type,
                    family,
                });
            }
        }
    }
    out
}

/// The value of `key` in a mapping (one pointer token, as `Ctx::get` looks it up).
fn field<'a>(v: &'a Value, key: &str) -> Option<&'a Value> {
    crate::rules::ctx::pointer_get_token(v, key)
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
