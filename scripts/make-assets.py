#!/usr/bin/env python3
"""Writes the binary test assets (PNG images, a PDF, a test-drive zip) into a folder.

The PNGs are real images (solid colour, compressed), so any image viewer opens them;
offer-lint itself reads only their headers. Run: scripts/make-assets.py DIR
"""
import json
import struct
import sys
import zipfile
import zlib
from pathlib import Path


def png(width: int, height: int, rgb=(0x1F, 0x6F, 0xB5)) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    row = b"\x00" + bytes(rgb) * width
    raw = row * height
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


PDF = b"""%PDF-1.4
1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >> endobj
trailer << /Root 1 0 R >>
%%EOF
"""

TEMPLATE = {
    "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
    "contentVersion": "1.0.0.0",
    "parameters": {
        "baseUri": {"type": "string", "metadata": {"type": "baseuri"}},
        "adminUsername": {"type": "string", "metadata": {"type": "username"}},
        "adminPassword": {"type": "securestring", "metadata": {"type": "password"}},
        "sessionId": {"type": "string", "metadata": {"type": "sessionid"}},
    },
    "resources": [],
}


def write(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / "logo-large.png").write_bytes(png(300, 300))
    (out / "logo-90.png").write_bytes(png(90, 90))
    (out / "logo-48.png").write_bytes(png(48, 48))
    (out / "screenshot-1.png").write_bytes(png(1280, 720, (0xEE, 0xEE, 0xEE)))
    (out / "video-1.png").write_bytes(png(1280, 720, (0x22, 0x22, 0x22)))
    (out / "user-manual.pdf").write_bytes(PDF)
    with zipfile.ZipFile(out / "test-drive.zip", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("main-template.json", json.dumps(TEMPLATE, indent=2))


if __name__ == "__main__":
    write(Path(sys.argv[1] if len(sys.argv) > 1 else "assets"))


# --- Media and test-drive fixture assets (wrong sizes, wrong formats, broken packages) ---
FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def deterministic_zip(path: Path, entries) -> None:
    """A zip whose bytes depend only on `entries` (name, bytes): fixed timestamps."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, data)


def write_media_and_test_drive(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for w, h in [(215, 215), (216, 216), (350, 350), (351, 351), (300, 299)]:
        (out / f"logo-{w}x{h}.png").write_bytes(png(w, h))
    (out / "logo-89.png").write_bytes(png(89, 89))
    (out / "logo-49.png").write_bytes(png(49, 49))
    # A JPEG (SOI + JFIF APP0 marker) under a .png name: the extension proves nothing.
    (out / "logo-jpeg.png").write_bytes(b"\xFF\xD8\xFF\xE0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xFF\xD9")
    (out / "logo-truncated.png").write_bytes(png(300, 300)[:20])
    zero = bytearray(png(300, 300)[:33])  # signature + IHDR only, width patched to 0
    zero[16:20] = b"\x00\x00\x00\x00"
    zero[29:33] = struct.pack(">I", zlib.crc32(bytes(zero[12:29])) & 0xFFFFFFFF)
    (out / "logo-zero-width.png").write_bytes(bytes(zero))
    (out / "screenshot-1281x720.png").write_bytes(png(1281, 720, (0xEE, 0xEE, 0xEE)))
    (out / "screenshot-1280x719.png").write_bytes(png(1280, 719, (0xEE, 0xEE, 0xEE)))
    (out / "video-533x324.png").write_bytes(png(533, 324, (0x22, 0x22, 0x22)))
    (out / "user-manual-not-pdf.pdf").write_bytes(b"Contoso test drive user manual\n(plain text, not a PDF)\n")
    template = json.dumps(TEMPLATE, indent=2).encode()
    deterministic_zip(out / "test-drive-nested.zip", [("package/main-template.json", template)])
    deterministic_zip(out / "test-drive-no-template.zip", [("azuredeploy.json", template)])
    bad = json.loads(json.dumps(TEMPLATE))
    bad["parameters"]["vmSize"] = {"type": "string", "defaultValue": "Standard_D2s_v5"}
    bad["parameters"]["adminUsername"]["metadata"]["type"] = "user"
    deterministic_zip(out / "test-drive-bad-parameters.zip", [("main-template.json", json.dumps(bad, indent=2).encode())])
    deterministic_zip(out / "test-drive-bad-json.zip", [("main-template.json", b'{"parameters": {,}')])
    # 17 MiB of spaces inflates past the default 16 MiB limits.max-archive-bytes.
    deterministic_zip(out / "test-drive-oversize.zip", [("main-template.json", b"{}" + b" " * (17 << 20))])
    (out / "test-drive-not-zip.zip").write_bytes(b"This is not a zip archive.\n")


if __name__ == "__main__":
    write_media_and_test_drive(Path(sys.argv[1] if len(sys.argv) > 1 else "assets"))


# --- VHD footers (cert-vhd-format) -------------------------------------------------------
# A real fixed VHD is at least 20 MiB + 512 bytes, too big for the repository. offer-lint
# takes a file of exactly 512 bytes as the footer alone (`tail -c 512 os.vhd`), so the
# fixtures use footers; the full-size layout is covered by unit tests on sparse files.

def vhd_footer(size: int, disk_type: int = 2, cookie: bytes = b"conectix") -> bytes:
    """A VHD footer (big-endian fields, checksum = one's complement of the byte sum)."""
    b = bytearray(512)
    b[0:8] = cookie
    b[8:12] = struct.pack(">I", 2)  # features: reserved bit
    b[12:16] = struct.pack(">I", 0x00010000)  # file format version 1.0
    b[16:24] = struct.pack(">Q", 0xFFFFFFFFFFFFFFFF)  # data offset: none (fixed disk)
    b[28:32] = b"olnt"  # creator application
    b[36:40] = b"Wi2k"  # creator host OS
    b[40:48] = struct.pack(">Q", size)  # original size
    b[48:56] = struct.pack(">Q", size)  # current size
    b[60:64] = struct.pack(">I", disk_type)  # 2 fixed, 3 dynamic, 4 differencing
    b[68:84] = bytes(range(16))  # unique id (fixed, for determinism)
    b[64:68] = struct.pack(">I", ~sum(b) & 0xFFFFFFFF)
    return bytes(b)


def write_vhd_assets(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    gib30 = 30 << 30
    (out / "vhd-footer-fixed-30gib.vhd").write_bytes(vhd_footer(gib30))
    (out / "vhd-footer-dynamic-30gib.vhd").write_bytes(vhd_footer(gib30, disk_type=3))
    (out / "vhd-footer-fixed-20gib.vhd").write_bytes(vhd_footer(20 << 30))
    (out / "vhd-footer-fixed-odd-size.vhd").write_bytes(vhd_footer(gib30 + 1))
    bad = bytearray(vhd_footer(gib30))
    bad[100] = 0xFF  # damaged after the checksum was computed
    (out / "vhd-footer-bad-checksum.vhd").write_bytes(bytes(bad))
    (out / "vhd-no-footer.img").write_bytes(bytes(512))  # raw zeros: no `conectix` cookie
    (out / "vhd-truncated.vhd").write_bytes(vhd_footer(gib30)[:100])  # shorter than a footer
    # 512 bytes of data + the footer of a 20 MiB fixed disk: neither a footer alone nor the
    # 20 MiB + 512 bytes a whole fixed VHD of that size would be.
    (out / "vhd-fixed-20mib-cut.vhd").write_bytes(bytes(512) + vhd_footer(20 << 20))
    vhdx = bytearray(1024)
    vhdx[0:8] = b"vhdxfile"
    (out / "disk.vhdx").write_bytes(bytes(vhdx))


if __name__ == "__main__":
    write_vhd_assets(Path(sys.argv[1] if len(sys.argv) > 1 else "assets"))


def write_lying_zip(out: Path) -> None:
    """A package whose main-template.json claims 100 bytes but inflates to 17 MiB: the
    declared size passes, so only the capped read stops it."""
    path = out / "test-drive-lying-size.zip"
    deterministic_zip(path, [("main-template.json", b"{}" + b" " * (17 << 20))])
    data = bytearray(path.read_bytes())
    local = data.index(b"PK\x03\x04")
    data[local + 22 : local + 26] = struct.pack("<I", 100)
    central = data.index(b"PK\x01\x02")
    data[central + 24 : central + 28] = struct.pack("<I", 100)
    path.write_bytes(bytes(data))


if __name__ == "__main__":
    write_lying_zip(Path(sys.argv[1] if len(sys.argv) > 1 else "assets"))
