#!/usr/bin/env python3
"""Generates a benchmark repository of N offer manifests with their assets.

Each offer is tests/rules/base.yaml (the clean manifest of the example in docs/manifest.md) with
its own offer id, in offers/offer-NNNNN/offer.yaml, with the assets it names hard-linked (or
copied) from tests/rules/assets. Run: scripts/bench/gen.py N DIR

The folder is rebuilt only when its stamp (N and a hash of the base and assets) changed.
"""
import hashlib
import os
import re
import shutil
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
BASE = REPO / "tests" / "rules" / "base.yaml"
ASSETS = REPO / "tests" / "rules" / "assets"
BASE_ID = "contoso-hardened-ubuntu"
DATE = re.compile(r"^(\s*[A-Za-z]+: )(\d{4}-\d{2}-\d{2})(?=\s)", re.M)


def assets_named(text: str) -> list[str]:
    return sorted(set(re.findall(r"assets/([A-Za-z0-9._-]+)", text)))


def stamp(n: int, text: str, names: list[str]) -> str:
    h = hashlib.sha256()
    h.update(f"v1 {n}\n".encode())
    h.update(text.encode())
    for name in names:
        h.update(name.encode())
        h.update((ASSETS / name).read_bytes())
    return h.hexdigest()


def link(src: Path, dst: Path) -> None:
    try:
        os.link(src, dst)
    except OSError:
        shutil.copyfile(src, dst)


def main() -> int:
    if len(sys.argv) != 3:
        print("usage: gen.py N DIR", file=sys.stderr)
        return 2
    n = int(sys.argv[1])
    out = Path(sys.argv[2])
    text = BASE.read_text(encoding="utf-8")
    if f"id: {BASE_ID}" not in text:
        print(f"{BASE}: no `id: {BASE_ID}` to replace", file=sys.stderr)
        return 2
    # ajv-cli reads YAML with js-yaml 3 (YAML 1.1), which turns an unquoted date into a Date
    # that the schema's `type: string` refuses; offer-lint and check-jsonschema read it as a
    # string. Quoting the dates keeps the files valid, and the same, for all three tools.
    text = DATE.sub(r'\1"\2"', text)
    names = assets_named(text)
    want = stamp(n, text, names)
    stamp_file = out / ".stamp"
    if stamp_file.is_file() and stamp_file.read_text() == want:
        return 0
    if out.exists():
        shutil.rmtree(out)
    offers = out / "offers"
    offers.mkdir(parents=True)
    # A shared copy of the assets in the repository, hard-linked into every offer folder.
    pool = out / ".assets"
    pool.mkdir()
    for name in names:
        shutil.copyfile(ASSETS / name, pool / name)
    width = max(5, len(str(n)))
    for i in range(1, n + 1):
        offer_id = f"offer-{i:0{width}d}"
        d = offers / offer_id
        (d / "assets").mkdir(parents=True)
        (d / "offer.yaml").write_text(text.replace(f"id: {BASE_ID}", f"id: {offer_id}", 1), encoding="utf-8")
        for name in names:
            link(pool / name, d / "assets" / name)
    stamp_file.write_text(want)
    return 0


if __name__ == "__main__":
    sys.exit(main())
