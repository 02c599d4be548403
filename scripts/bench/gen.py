#!/usr/bin/env python3
"""Generates a benchmark repository of N offer manifests with their assets, and beside it the
same offers as Product Ingestion resource trees.

Run: scripts/bench/gen.py N DIR

- The YAML corpus: each offer is tests/rules/base.yaml (the clean manifest of the example in
  docs/manifest.md) with its own offer id, in DIR/offers/offer-NNNNN/offer.yaml, with the
  assets it names hard-linked (or copied) from tests/rules/assets.
- The ingestion corpus, in DIR/.ingestion (a hidden folder, which `offer-lint check .` in DIR
  does not walk into, so the YAML rows lint only the YAML corpus):
  - trees/offer-NNNNN.resource-tree.json: tests/ingestion/tree.json (a clean whole resource
    tree) once per offer, with every GUID replaced by one of its own (uuid5 of the offer
    number and the GUID, so that references still match) and the product's
    `identity.externalId` set to the offer id, offer-NNNNN, as in the YAML corpus. Below
    RESOURCE_SIZED there are N trees; from RESOURCE_SIZED up, N counts resources, not offers:
    round(N / resources per tree) trees (10,000 → 769 trees of 13 resources, 9,997 in all).
  - big/big.resource-tree.json, from RESOURCE_SIZED up only: one product whose plan (the plan
    resource, its plan listing, its price-and-availability-plan and its technical
    configuration) is repeated until the file holds about N resources, each copy with fresh
    GUIDs and its own plan externalId and sku ids (`plan-id-unique` wants both unique in the
    offer). The file is larger than offer-lint's default limit (4 MiB), so big/.offer-lint.yaml
    raises `limits.max-file-bytes`; with about 2,500 plans it is past the 100 plans
    `plans-count` allows, which offer-lint reports (an error, exit 1).
  - big-manifest/offer.yaml, beside the big file: the same offer as one manifest
    (tests/rules/base.yaml with its plan repeated as many times, each with its own plan id and
    sku id), with its assets and the same .offer-lint.yaml.
  - corpus.json: what was generated (trees, resources per tree, the big file's plans and
    resources), for scripts/bench/run.py.

Each corpus is rebuilt only when its stamp (N and a hash of its base files) changed. Every
generated tree is checked before it is kept (see `validate`).
"""
import copy
import hashlib
import json
import os
import re
import shutil
import sys
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
BASE = REPO / "tests" / "rules" / "base.yaml"
ASSETS = REPO / "tests" / "rules" / "assets"
BASE_ID = "contoso-hardened-ubuntu"
# The plan of tests/rules/base.yaml (big-manifest repeats it).
PLAN_ID = "hardened-2204-gen2"
DATE = re.compile(r"^(\s*[A-Za-z]+: )(\d{4}-\d{2}-\d{2})(?=\s)", re.M)

TREE = REPO / "tests" / "ingestion" / "tree.json"
INGESTION = ".ingestion"
# From this size up, the ingestion corpora hold about N resources instead of N offers.
RESOURCE_SIZED = 10_000
# The big file is about 1.1 KB per resource (11 MB for 10,000); offer-lint reads files of up to
# 4 MiB by default. 64 MiB leaves room for a larger N.
BIG_CONFIG = "limits:\n  max-file-bytes: 67108864\n"
GUID = re.compile(
    r"(?<![0-9A-Za-z-])[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}(?![0-9A-Za-z-])"
)
# Any fixed namespace: the GUIDs only have to be the same from run to run.
NAMESPACE = uuid.UUID("6f1d3c2a-9b4e-5c7d-8e0f-a1b2c3d4e5f6")


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


def base_text() -> str:
    """tests/rules/base.yaml as the corpus writes it.

    ajv-cli reads YAML with js-yaml 3 (YAML 1.1), which turns an unquoted date into a Date
    that the schema's `type: string` refuses; offer-lint and check-jsonschema read it as a
    string. Quoting the dates keeps the files valid, and the same, for all three tools."""
    return DATE.sub(r'\1"\2"', BASE.read_text(encoding="utf-8"))


def yaml_corpus(n: int, out: Path) -> int:
    text = base_text()
    if f"id: {BASE_ID}" not in text:
        print(f"{BASE}: no `id: {BASE_ID}` to replace", file=sys.stderr)
        return 2
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


# --- the ingestion corpus ---------------------------------------------------------------------


def dump(tree: dict) -> str:
    # tests/ingestion/tree.json is written exactly so (checked in `ingestion_corpus`).
    return json.dumps(tree, indent=2, ensure_ascii=False) + "\n"


def fresh(seed: str, guid: str) -> str:
    return str(uuid.uuid5(NAMESPACE, f"{seed} {guid.lower()}"))


def reguid(value, seed: str, keep: frozenset = frozenset()):
    """`value` (JSON) with every GUID in its strings replaced by uuid5(seed, GUID), but those in
    `keep`. The same GUID gets the same replacement, so references still match."""
    text = json.dumps(value, ensure_ascii=False)
    text = GUID.sub(lambda m: m.group(0) if m.group(0).lower() in keep else fresh(seed, m.group(0)), text)
    return json.loads(text)


def is_plan(r: dict) -> bool:
    return str(r.get("id", "")).startswith("plan/")


def product_of(tree: dict) -> dict:
    products = [r for r in tree["resources"] if str(r.get("id", "")).startswith("product/")]
    if len(products) != 1:
        raise ValueError(f"{len(products)} product resources, expected 1")
    return products[0]


# The resource types that belong to a plan (by the type in their `$schema`).
PLAN_SCOPED = {"plan-listing", "price-and-availability-plan", "virtual-machine-plan-technical-configuration"}


def validate(tree: dict, offer_id: str, plans: int) -> None:
    """Raises ValueError unless the tree is whole and its references consistent: one product
    resource, the tree's root; every other resource's `product` is the root; every `plan`
    reference is a plan resource of the tree (of the root product); ids are unique; plan
    externalIds and sku ids are unique; the product's externalId is `offer_id`."""
    root = tree["root"]
    product = product_of(tree)
    if product["id"] != root:
        raise ValueError(f"product id {product['id']} is not the root {root}")
    if product["identity"]["externalId"] != offer_id:
        raise ValueError(f"product externalId {product['identity']['externalId']}, expected {offer_id}")
    ids = [r["id"] for r in tree["resources"]]
    if len(set(ids)) != len(ids):
        raise ValueError("resource ids repeat")
    plan_ids = {r["id"] for r in tree["resources"] if is_plan(r)}
    if len(plan_ids) != plans:
        raise ValueError(f"{len(plan_ids)} plans, expected {plans}")
    root_guid = root.split("/")[1]
    externals, skus = set(), set()
    for r in tree["resources"]:
        for g in GUID.findall(r["id"]):
            if g != g.lower():
                raise ValueError(f"{r['id']}: GUID not lowercase")
        if r is product:
            continue
        if r.get("product") != root:
            raise ValueError(f"{r['id']}: product {r.get('product')} is not the root {root}")
        if is_plan(r):
            parts = r["id"].split("/")
            if len(parts) != 3 or parts[1] != root_guid:
                raise ValueError(f"{r['id']}: not plan/<root guid>/<guid>")
            ext = r["identity"]["externalId"]
            if ext in externals:
                raise ValueError(f"plan externalId {ext} repeats")
            externals.add(ext)
        kind = r["$schema"].rstrip("/").split("/")[-2]
        if kind in PLAN_SCOPED and "plan" not in r:
            raise ValueError(f"{r['id']}: a {kind} without a plan reference")
        if "plan" in r and r["plan"] not in plan_ids:
            raise ValueError(f"{r['id']}: plan {r['plan']} is no plan of the tree")
        for sku in r.get("skus", []):
            if sku["skuId"] in skus:
                raise ValueError(f"sku id {sku['skuId']} repeats")
            skus.add(sku["skuId"])


def tree_count(n: int, per_tree: int) -> int:
    return n if n < RESOURCE_SIZED else max(1, round(n / per_tree))


def big_tree(base: dict, resources: int) -> tuple[dict, int]:
    """One product whose plans (each with its plan-scoped resources) repeat until the tree
    holds about `resources` resources; the tree and its number of plans."""
    plans = {r["id"] for r in base["resources"] if is_plan(r)}
    block = [r for r in base["resources"] if is_plan(r) or r.get("plan") in plans]
    first = base["resources"].index(block[0])
    head = [r for r in base["resources"][:first] if r not in block]
    tail = [r for r in base["resources"][first:] if r not in block]
    copies = max(1, round((resources - len(head) - len(tail)) / len(block)))
    width = max(5, len(str(copies)))
    product_guid = base["root"].split("/")[1].lower()
    out = []
    for k in range(1, copies + 1):
        # Every GUID of the plan's resources is fresh, but the product's.
        for r in reguid(copy.deepcopy(block), f"big plan {k}", frozenset({product_guid})):
            if is_plan(r):
                r["identity"]["externalId"] += f"-{k:0{width}d}"
            for sku in r.get("skus", []):
                sku["skuId"] += f"-{k:0{width}d}"
            out.append(r)
    tree = dict(base)
    tree["resources"] = head + out + tail
    return tree, copies * len(plans)


def big_manifest(plans: int, out: Path) -> dict:
    """The big file's offer as one manifest: tests/rules/base.yaml with its plan repeated
    `plans` times, each copy with its own plan id and sku id (as the big file's plans have), in
    out/offer.yaml with its assets; what a manifest of that offer costs, beside the tree."""
    text = base_text()
    head, rest = text.split("\nplans:", 1)
    plan, tail = rest.split("\npublish:", 1)
    first, _, body = plan.partition("\n")  # the comment after `plans:`
    if f"- id: {PLAN_ID} " not in body or f"skuId: {PLAN_ID} " not in body:
        raise ValueError(f"{BASE}: its plan is not `{PLAN_ID}` with a sku of that id")
    width = max(5, len(str(plans)))
    copies = []
    for k in range(1, plans + 1):
        own = f"{PLAN_ID}-{k:0{width}d}"
        copies.append(body.replace(f"- id: {PLAN_ID} ", f"- id: {own} ", 1)
                      .replace(f"skuId: {PLAN_ID} ", f"skuId: {own} ", 1))
    manifest = f"{head}\nplans:{first}\n" + "".join(copies) + f"\npublish:{tail}"
    out.mkdir()
    (out / "assets").mkdir()
    for name in assets_named(text):
        shutil.copyfile(ASSETS / name, out / "assets" / name)
    (out / "offer.yaml").write_text(manifest, encoding="utf-8")
    (out / ".offer-lint.yaml").write_text(BIG_CONFIG, encoding="utf-8")
    return {"plans": plans, "bytes": len(manifest.encode())}


def ingestion_corpus(n: int, out: Path) -> int:
    text = TREE.read_text(encoding="utf-8")
    base = json.loads(text)
    if dump(base) != text:
        # The copies are written by `dump`: they should read like the file they copy.
        print(f"{TREE}: not written as json.dumps(indent=2) writes it", file=sys.stderr)
        return 2
    base_id = product_of(base)["identity"]["externalId"]
    base_plans = sum(1 for r in base["resources"] if is_plan(r))
    validate(base, base_id, base_plans)
    per_tree = len(base["resources"])
    trees = tree_count(n, per_tree)
    h = hashlib.sha256()
    h.update(f"ingestion v2 {n} {RESOURCE_SIZED} {NAMESPACE}\n{BIG_CONFIG}".encode())
    h.update(text.encode())
    # big-manifest is made from the YAML base and its assets.
    yaml = base_text()
    h.update(stamp(0, yaml, assets_named(yaml)).encode())
    want = h.hexdigest()
    stamp_file = out / ".stamp"
    if stamp_file.is_file() and stamp_file.read_text() == want:
        return 0
    if out.exists():
        shutil.rmtree(out)
    (out / "trees").mkdir(parents=True)
    width = max(5, len(str(trees)))
    for i in range(1, trees + 1):
        offer_id = f"offer-{i:0{width}d}"
        tree = reguid(base, f"offer {i}")
        product_of(tree)["identity"]["externalId"] = offer_id
        validate(tree, offer_id, base_plans)
        (out / "trees" / f"{offer_id}.resource-tree.json").write_text(dump(tree), encoding="utf-8")
    corpus = {
        "trees": trees,
        "resources_per_tree": per_tree,
        "resources": trees * per_tree,
    }
    if n >= RESOURCE_SIZED:
        tree, plans = big_tree(base, n)
        validate(tree, base_id, plans)
        (out / "big").mkdir()
        body = dump(tree)
        (out / "big" / "big.resource-tree.json").write_text(body, encoding="utf-8")
        (out / "big" / ".offer-lint.yaml").write_text(BIG_CONFIG, encoding="utf-8")
        corpus["big"] = {
            "plans": plans,
            "resources": len(tree["resources"]),
            "bytes": len(body.encode()),
        }
        corpus["big_manifest"] = big_manifest(plans, out / "big-manifest")
    (out / "corpus.json").write_text(json.dumps(corpus, indent=2) + "\n")
    stamp_file.write_text(want)
    return 0


def main() -> int:
    if len(sys.argv) != 3:
        print("usage: gen.py N DIR", file=sys.stderr)
        return 2
    n = int(sys.argv[1])
    out = Path(sys.argv[2])
    # The YAML corpus first: when it is rebuilt, DIR (the ingestion corpus with it) is new.
    rc = yaml_corpus(n, out)
    if rc:
        return rc
    try:
        return ingestion_corpus(n, out / INGESTION)
    except (ValueError, KeyError, TypeError) as e:
        print(f"gen.py: the generated resource tree is wrong: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
