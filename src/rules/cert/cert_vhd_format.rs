use crate::message::display_path;
use crate::rules::cert::image::{images, int_at};
use crate::rules::cert::vhd::{self, Read512, FOOTER_LEN};
use crate::rules::prelude::*;

declare_rule! {
    /// ## What it checks
    /// What `certification.vhd` of each image says about the OS disk's VHD:
    ///
    /// - `format` is `vhd` (VHDX is not supported);
    /// - `diskType` is `fixed` (not `dynamic` or `differencing`);
    /// - `virtualSizeBytes` is a multiple of 1 MiB (1,048,576 bytes) and at least 20 MiB
    ///   (20,971,520 bytes; the smallest multiple of 1 MiB that is at least 20 MB).
    ///
    /// With `vhd.path` (a local file, relative to the manifest), the file's last 512 bytes
    /// are read (the file is never read whole) and checked as a VHD footer: the cookie is
    /// `conectix`, the checksum is right, the disk type is 2 (fixed), and the current size
    /// equals `virtualSizeBytes` when that is declared (or, when it is not, is itself a
    /// multiple of 1 MiB and at least 20 MiB). A file that starts with `vhdxfile` is a VHDX;
    /// a file shorter than 512 bytes has no footer. The whole file of a fixed VHD is its
    /// current size plus the 512-byte footer, and a different length is reported.
    ///
    /// A file of exactly 512 bytes is taken as the footer alone (saved with, for example,
    /// `tail -c 512 os.vhd > os.vhd.footer`), so that a repository can keep the footer of
    /// a multi-gigabyte disk under version control and still have it checked; its length is
    /// then not compared with the current size.
    ///
    /// ## Why Partner Center rejects it
    /// Certification reads the VHD footer: it must carry the cookie `conectix` and describe
    /// a fixed disk whose virtual size is a whole number of MiB and at least 20 MB, and the
    /// blob must be exactly the virtual size plus the 512-byte footer. VHDX and dynamic VHDs
    /// fail the image.
    ///
    /// ## Example
    /// ```yaml
    /// certification:
    ///   vhd: { format: vhdx, diskType: dynamic, virtualSizeBytes: 32212254721 }
    /// ```
    /// Use instead:
    /// ```yaml
    /// certification:
    ///   vhd: { format: vhd, diskType: fixed, virtualSizeBytes: 32212254720 }   # 30 GiB
    /// ```
    /// Convert with `qemu-img convert -f raw -O vpc -o subformat=fixed,force_size disk.raw
    /// disk.vhd` after resizing the raw image to a whole number of MiB, or with Hyper-V's
    /// `Convert-VHD -VHDType Fixed`.
    ///
    /// ## Source
    /// - VHD format rules (certification): cookie `conectix`, 512-byte footer, fixed type, no
    ///   VHDX, virtual size ≥ 20 MB and a multiple of 1 MiB, blob length = virtual size + 512:
    ///   Microsoft, VM certification FAQ (2021-09),
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/azure-vm-certification-faq.yml>
    /// - Microsoft, information for non-endorsed Linux distributions (2022-05),
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/virtual-machines/linux/create-upload-generic.md>
    /// - Footer layout: Microsoft's "Virtual Hard Disk Image Format Specification",
    ///   <https://www.microsoft.com/en-us/download/details.aspx?id=23850>
    RULE {
        id: "cert-vhd-format",
        area: Cert,
        severity: Error,
        kind: Document,
        summary: "fixed-size VHD (not VHDX, not dynamic); virtual size a multiple of 1 MiB and >= 20 MB; with `vhd.path`, the 512-byte footer is read: cookie `conectix`, disk type fixed, size matches",
        check: check,
    }
}

const MIB: i64 = 1 << 20;
const MIN_SIZE: i64 = 20 * MIB;

fn check(ctx: &mut Ctx) {
    for img in images(ctx) {
        let base = img.at("certification/vhd");
        if ctx.get(&base).is_none() {
            continue;
        }
        let format_ptr = format!("{base}/format");
        if let Some(format) = ctx.str(&format_ptr) {
            if !format.eq_ignore_ascii_case("vhd") {
                ctx.report(
                    &format_ptr,
                    format!("{} is `{format}`; certification accepts only the VHD format (VHDX is not supported)", display_path(&format_ptr)),
                    "convert the disk to a fixed VHD, e.g. `qemu-img convert -O vpc -o subformat=fixed,force_size` or Hyper-V's `Convert-VHD -VHDType Fixed`",
                );
            }
        }
        let type_ptr = format!("{base}/diskType");
        if let Some(kind) = ctx.str(&type_ptr) {
            if !kind.eq_ignore_ascii_case("fixed") {
                ctx.report(
                    &type_ptr,
                    format!("{} is `{kind}`; certification accepts only fixed-size VHDs", display_path(&type_ptr)),
                    "convert the disk to a fixed-size VHD (`qemu-img convert -O vpc -o subformat=fixed,force_size`, or `Convert-VHD -VHDType Fixed`)",
                );
            }
        }
        let size_ptr = format!("{base}/virtualSizeBytes");
        let declared = int_at(ctx, &size_ptr);
        if let Some(size) = declared {
            if let Some(problem) = size_problem(size) {
                ctx.report(
                    &size_ptr,
                    format!("{} is {size} bytes; {problem}", display_path(&size_ptr)),
                    "resize the disk to a whole number of MiB, at least 20 MiB (e.g. `qemu-img resize` on the raw image before converting)",
                );
            }
        }
        let path_ptr = format!("{base}/path");
        if ctx.get(&path_ptr).is_some() {
            check_file(ctx, &path_ptr, declared);
        }
    }
}

/// Why a virtual size is refused, if it is.
pub fn size_problem(size: i64) -> Option<String> {
    if size % MIB != 0 {
        Some(format!(
            "the virtual size must be a multiple of 1 MiB (1,048,576 bytes); the nearest are {} and {}",
            size.div_euclid(MIB) * MIB,
            (size.div_euclid(MIB) + 1).saturating_mul(MIB)
        ))
    } else if size < MIN_SIZE {
        Some("the virtual size must be at least 20 MiB (20,971,520 bytes)".into())
    } else {
        None
    }
}

fn check_file(ctx: &mut Ctx, ptr: &str, declared: Option<i64>) {
    let Some(path) = ctx.asset(ptr) else { return };
    let rel = ctx.shown(ptr).unwrap_or_default().to_string();
    let fix = "point vhd.path at the fixed VHD that is uploaded (or at its last 512 bytes, saved with `tail -c 512`)";
    let read = match vhd::read(&path) {
        Ok(r) => r,
        Err(e) => {
            ctx.report(ptr, format!("`{rel}` cannot be read: {e}"), fix);
            return;
        }
    };
    let (len, footer) = match read {
        Read512::Vhdx => {
            ctx.report(
                ptr,
                format!("`{rel}` is a VHDX file (it starts with `vhdxfile`); certification accepts only fixed-size VHDs"),
                "convert it, e.g. `Convert-VHD -DestinationPath os.vhd -VHDType Fixed` or `qemu-img convert -O vpc -o subformat=fixed,force_size`",
            );
            return;
        }
        Read512::TooShort(len) => {
            ctx.report(
                ptr,
                format!("`{rel}` is {len} bytes; a VHD ends with a 512-byte footer, so this is not a VHD"),
                fix,
            );
            return;
        }
        Read512::Footer { len, footer } => (len, footer),
    };
    if !footer.cookie_ok() {
        ctx.report(
            ptr,
            format!("`{rel}` has no VHD footer: its last 512 bytes do not start with the cookie `conectix`"),
            "a raw or VHDX disk must be converted to a fixed VHD before upload",
        );
        return;
    }
    if !footer.checksum_ok() {
        ctx.report(
            ptr,
            format!(
                "the VHD footer of `{rel}` is damaged: its checksum is {:#010x}, the footer sums to {:#010x}",
                footer.checksum, footer.computed_checksum
            ),
            "recreate the VHD; a damaged footer fails certification",
        );
    }
    if footer.disk_type != 2 {
        ctx.report(
            ptr,
            format!(
                "the VHD footer of `{rel}` gives disk type {} ({}); certification accepts only fixed-size VHDs (type 2)",
                footer.disk_type,
                footer.disk_type_name()
            ),
            "convert the disk to a fixed-size VHD (`qemu-img convert -O vpc -o subformat=fixed,force_size`, or `Convert-VHD -VHDType Fixed`)",
        );
        return;
    }
    let current = footer.current_size;
    match declared {
        Some(d) if d >= 0 && d as u64 != current => {
            ctx.report(
                ptr,
                format!("the VHD footer of `{rel}` gives a virtual size of {current} bytes, but virtualSizeBytes is {d}"),
                "declare the size the footer gives, or point vhd.path at the right file",
            );
        }
        None => {
            let problem = i64::try_from(current).ok().and_then(size_problem);
            if let Some(problem) = problem {
                ctx.report(
                    ptr,
                    format!("the VHD footer of `{rel}` gives a virtual size of {current} bytes; {problem}"),
                    "resize the disk to a whole number of MiB, at least 20 MiB, before converting it",
                );
            }
        }
        _ => {}
    }
    if len != FOOTER_LEN && Some(len) != current.checked_add(FOOTER_LEN) {
        ctx.report(
            ptr,
            format!(
                "`{rel}` is {len} bytes; a fixed VHD of virtual size {current} bytes is {} bytes (the size plus the 512-byte footer)",
                current.saturating_add(FOOTER_LEN)
            ),
            "the file is truncated or padded; recreate it (a file of exactly 512 bytes is taken as the footer alone)",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::size_problem;

    #[test]
    fn virtual_sizes() {
        assert!(size_problem(20 << 20).is_none());
        assert!(size_problem(30 << 30).is_none());
        assert!(size_problem((20 << 20) - (1 << 20)).is_some());
        assert!(size_problem((30 << 30) + 1).is_some());
        assert!(size_problem(0).is_some());
        assert!(size_problem(-1).is_some());
        assert!(size_problem(i64::MAX).is_some());
        assert!(size_problem(i64::MIN).is_some());
    }
}
