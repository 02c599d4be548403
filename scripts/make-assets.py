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
