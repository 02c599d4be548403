#!/usr/bin/env python3
"""Self-check of schemas/ and tests/rules/, independent of the Rust engine.

  python3 scripts/check-schemas.py [--rules tests/data/catalog-v1.txt] [-v]

Needs: pip install 'jsonschema[format-nongpl]' pyyaml   (format checking needs the extras:
rfc3339-validator for date-time, rfc3986-validator for uri, isoduration for duration).

It checks that
  1. every schema file is a valid 2020-12 schema with the right `$schema` and `$id`, and no `$ref`
     leaves the local set;
  2. every `x-rule` names a rule of the catalog, and every constraint keyword reachable from
     offer.schema.json has an `x-rule` at or above it along its evaluation path (through `$ref`s);
  3. tests/rules/base*.yaml are valid;
  4. each schema fixture (`<rule>.fail-schema[-N].yaml`, `<rule>.pass-schema[-N].yaml`) produces,
     from the schema, exactly the expected findings (`# expect: <rule> <severity> <line>:<column>`)
     that the schema is responsible for: an expectation is the schema's when its rule carries an
     `x-rule` somewhere (or is manifest-schema) and its severity is the rule's default; the others
     (code rules, the warning halves of split rules) are listed with -v and left to the Rust
     fixture test (tests/rules.rs), which runs everything;
  5. every other fixture (written with the code rules) gets no schema finding it does not expect;
     unreadable ones that expect manifest-syntax are skipped;
  6. the configuration schema accepts the default timeline model and rejects broken configs.

The rule resolution and the positions follow the engine (src/check/schema.rs, schemas/README.md):
a failing `type`/`additionalProperties` is manifest-schema; a missing key takes the rule of
`properties/<key>/x-rule` of the subschema holding `required`, else the nearest `x-rule` above;
any other keyword the nearest `x-rule` above. Positions: an unknown key at the key, a missing key
at the key of the object that lacks it (its start when it has none: a list item, the root), anything
else at the start of the value (for a block mapping its first key, for a block sequence its first
`-`, for a flow collection its bracket, for a quoted or block scalar its quote or indicator).

The YAML is read as YAML 1.2 (core schema): 2026-12-01, on, yes stay strings.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

try:
    import yaml
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012
except ImportError as e:  # pragma: no cover
    sys.exit(f"check-schemas: {e}; run: pip install 'jsonschema[format-nongpl]' pyyaml")

REPO = Path(__file__).resolve().parent.parent
SCHEMAS = REPO / "schemas"
FIXTURES = REPO / "tests" / "rules"
BASE_URI = "https://offer-lint.dev/schemas/v1/"
DRAFT = "https://json-schema.org/draft/2020-12/schema"
ROOT = "offer.schema.json"

# The environment the fixture harness provides (tests/rules.rs).
FIXTURE_ENV = {
    "HARDENED_2204_OS_VHD_SAS": "https://contosoimages.blob.core.windows.net/vhds/hardened-2204.vhd?sv=2021-08-06&sr=b&sp=rl&st=2026-11-20T00:00:00Z&se=2027-03-01T00:00:00Z&sig=abc123FAKEsig%3D",
    "TEST_DRIVE_CLIENT_SECRET": "not-a-real-secret",
}

# Keywords that fail on their own (and so need a rule); structure keywords are manifest-schema.
# The fixtures of the schema rules (`<rule>.fail-schema[-N].yaml`, `<rule>.pass-schema[-N].yaml`)
# must produce exactly their schema-side expectations; the others (written with the code rules)
# only must not get a schema finding they do not expect.
OURS = re.compile(r"\.(fail|pass)-schema(-\d+)?\.yaml$")

CONSTRAINTS = {
    "maxLength", "minLength", "pattern", "enum", "const", "minItems", "maxItems", "uniqueItems",
    "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "format", "if",
    "not", "oneOf", "anyOf", "contains", "minContains", "maxContains", "minProperties",
    "maxProperties", "dependentRequired", "dependentSchemas", "propertyNames",
}
# Subschema-bearing keywords whose own errors are reported (we descend into them).
DESCEND_MAP = ("properties", "patternProperties", "$defs", "dependentSchemas")
DESCEND_ONE = ("items", "additionalProperties", "unevaluatedProperties", "unevaluatedItems", "then", "else")
DESCEND_LIST = ("allOf", "prefixItems")
# `if`, `not`, `anyOf`, `oneOf`, `contains`, `propertyNames` report at their own level.

# ----------------------------------------------------------------------------- YAML 1.2


class Node:
    __slots__ = ("value", "start", "key_start", "children")

    def __init__(self, value, start, key_start=None):
        self.value = value
        self.start = start  # (line, column), 1-based
        self.key_start = key_start
        self.children = {}


_NULL = re.compile(r"^(~|null|Null|NULL|)$")
_BOOL = re.compile(r"^(true|True|TRUE|false|False|FALSE)$")
_INT = re.compile(r"^[-+]?[0-9]+$")
_OCT = re.compile(r"^0o[0-7]+$")
_HEX = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
_INF = re.compile(r"^[-+]?\.(inf|Inf|INF)$")
_NAN = re.compile(r"^\.(nan|NaN|NAN)$")


def _scalar(node: yaml.ScalarNode):
    v = node.value
    if node.style is not None:  # quoted, literal or folded: always a string
        return v
    if _NULL.match(v):
        return None
    if _BOOL.match(v):
        return v in ("true", "True", "TRUE")
    if _INT.match(v):
        return int(v)
    if _OCT.match(v):
        return int(v[2:], 8)
    if _HEX.match(v):
        return int(v[2:], 16)
    if _FLOAT.match(v):
        return float(v)
    if _INF.match(v):
        return float("-inf") if v.startswith("-") else float("inf")
    if _NAN.match(v):
        return float("nan")
    return v


def _pos(mark) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1)


def _build(node, key_start=None) -> Node:
    if isinstance(node, yaml.ScalarNode):
        return Node(_scalar(node), _pos(node.start_mark), key_start)
    if isinstance(node, yaml.SequenceNode):
        out = Node(None, _pos(node.start_mark), key_start)
        items = []
        for i, child in enumerate(node.value):
            c = _build(child)
            out.children[str(i)] = c
            items.append(c.value)
        out.value = items
        return out
    if isinstance(node, yaml.MappingNode):
        out = Node(None, _pos(node.start_mark), key_start)
        m = {}
        for k, v in node.value:
            if not isinstance(k, yaml.ScalarNode):
                raise ValueError(f"complex key at {_pos(k.start_mark)}")
            key = k.value
            if key in m:
                raise ValueError(f"duplicate key {key!r} at {_pos(k.start_mark)}")
            c = _build(v, _pos(k.start_mark))
            out.children[key] = c
            m[key] = c.value
        out.value = m
        return out
    raise ValueError(f"unexpected node {node!r}")


def load_yaml(text: str) -> Node:
    """Composes with PyYAML (for the marks) and resolves scalars by the YAML 1.2 core schema."""
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    if node is None:
        raise ValueError("empty document")
    return _build(node)


def locate(root: Node, pointer: str, at_key: bool) -> tuple[int, int]:
    node = root
    for seg in [s.replace("~1", "/").replace("~0", "~") for s in pointer.split("/")[1:]] if pointer else []:
        node = node.children[seg]
    if at_key and node.key_start is not None:
        return node.key_start
    return node.start


ENV_REF = re.compile(r"\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}")


def substitute(v, env=FIXTURE_ENV, pointer="", unset=None):
    """Resolves `${env:NAME}` like the engine; the pointers of strings naming an unset variable
    go to `unset` (the engine skips findings there)."""
    if isinstance(v, str):
        if unset is not None and any(m.group(1) not in env for m in ENV_REF.finditer(v)):
            unset.append(pointer)
        return ENV_REF.sub(lambda m: env.get(m.group(1), m.group(0)), v)
    if isinstance(v, list):
        return [substitute(x, env, f"{pointer}/{i}", unset) for i, x in enumerate(v)]
    if isinstance(v, dict):
        return {k: substitute(x, env, f"{pointer}/{k.replace('~', '~0').replace('/', '~1')}", unset) for k, x in v.items()}
    return v


# ----------------------------------------------------------------------------- schemas


def read_rules(path: Path) -> dict[str, str]:
    """rule id -> default severity, from the rule catalog (`id severity` lines)."""
    rules = {}
    for line in path.read_text().splitlines():
        m = re.match(r"^([a-z0-9]+(?:-[a-z0-9]+)*) (error|warning|info)$", line)
        if m:
            rules[m.group(1)] = m.group(2)
    return rules


def load_schemas() -> dict[str, dict]:
    return {p.name: json.loads(p.read_text()) for p in sorted(SCHEMAS.glob("*.schema.json"))}


def false_to_not(s):
    """Python's jsonschema drops the path of a failing `false` subschema; `{"not": {}}` fails
    the same way and keeps it. Used for validation only (rule resolution reads the originals)."""
    if s is False:
        return {"not": {}}
    if isinstance(s, dict):
        keep = ("const", "enum", "examples", "default", "additionalProperties", "unevaluatedProperties")
        return {k: (v if k in keep and (v is False or k not in ("additionalProperties", "unevaluatedProperties")) else false_to_not(v)) for k, v in s.items()}
    if isinstance(s, list):
        return [false_to_not(x) for x in s]
    return s


def registry(docs: dict[str, dict], transform=lambda d: d) -> Registry:
    return Registry().with_resources(
        (BASE_URI + name, Resource.from_contents(transform(d), default_specification=DRAFT202012)) for name, d in docs.items()
    )


def deref(docs, doc_name, ref):
    file, _, frag = ref.partition("#")
    if file:
        if file.startswith("http"):
            if not file.startswith(BASE_URI):
                raise ValueError(f"remote $ref {ref}")
            file = file[len(BASE_URI):]
        doc_name = file
    node = docs[doc_name]
    for seg in [s.replace("~1", "/").replace("~0", "~") for s in frag.split("/")[1:]] if frag else []:
        node = node[int(seg)] if isinstance(node, list) else node[seg]
    return doc_name, node


def chain_for(docs, schema_path) -> list:
    """The subschemas along a Python jsonschema schema path, like the engine's evaluation path.

    Python's path leaves out `$ref` (and `if`): where the next segment is not a key of the
    current subschema and that subschema has a `$ref`, the `$ref` is followed first. The last
    segment (the failing keyword) is not stepped into, but a `$ref` needed to reach it is."""
    doc_name, cur = ROOT, docs[ROOT]
    chain = [cur]
    path = list(schema_path)
    for i, seg in enumerate(path):
        while isinstance(cur, dict) and "$ref" in cur and not (isinstance(seg, str) and seg in cur):
            doc_name, cur = deref(docs, doc_name, cur["$ref"])
            chain.append(cur)
        if i == len(path) - 1:
            break
        cur = cur[int(seg)] if isinstance(cur, list) else cur[seg]
        chain.append(cur)
    return [c for c in chain if isinstance(c, dict) or c is False]


def resolve_rule(chain, keyword, missing=None) -> str:
    if keyword in ("type", "additionalProperties", "unevaluatedProperties"):
        return "manifest-schema"
    if keyword == "required" and missing is not None:
        last = chain[-1] if chain else {}
        own = last.get("properties", {}).get(missing) if isinstance(last, dict) else None
        if isinstance(own, dict) and "x-rule" in own:
            return own["x-rule"]
    for s in reversed(chain):
        if isinstance(s, dict) and "x-rule" in s:
            return s["x-rule"]
    return "manifest-schema"


def check_static(docs, rules, problems):
    # $schema, $id, x-rule ids, no remote refs
    for name, d in docs.items():
        if d.get("$schema") != DRAFT:
            problems.append(f"{name}: $schema is {d.get('$schema')!r}")
        if d.get("$id") != BASE_URI + name:
            problems.append(f"{name}: $id is {d.get('$id')!r}")
        Draft202012Validator.check_schema(d)

        def walk(s, ptr):
            if isinstance(s, dict):
                if "x-rule" in s and s["x-rule"] not in rules:
                    problems.append(f"{name}#{ptr}: unknown rule {s['x-rule']!r}")
                if "$ref" in s:
                    r = s["$ref"]
                    if r.startswith("http") and not r.startswith(BASE_URI):
                        problems.append(f"{name}#{ptr}: remote $ref {r}")
                    try:
                        deref(docs, name, r)
                    except Exception as e:  # noqa: BLE001
                        problems.append(f"{name}#{ptr}: $ref {r} does not resolve ({e})")
                for k, v in s.items():
                    if k not in ("const", "enum", "examples", "default"):
                        walk(v, f"{ptr}/{k}")
            elif isinstance(s, list):
                for i, v in enumerate(s):
                    walk(v, f"{ptr}/{i}")

        walk(d, "")

    # every constraint reachable from the root has a rule at or above it
    seen = set()

    def visit(doc_name, s, ptr, rule):
        if s is False:
            if rule is None:
                problems.append(f"{doc_name}#{ptr}: a false schema without an x-rule above it")
            return
        if not isinstance(s, dict):
            return
        rule = s.get("x-rule", rule)
        key = (doc_name, ptr, rule)
        if key in seen:
            return
        seen.add(key)
        for k in s:
            if k in CONSTRAINTS and rule is None:
                problems.append(f"{doc_name}#{ptr}: `{k}` has no x-rule at or above it")
        if "$ref" in s:
            try:
                target_doc, target = deref(docs, doc_name, s["$ref"])
            except Exception:  # noqa: BLE001 (reported above)
                target_doc = None
            if target_doc is not None:
                visit(target_doc, target, s["$ref"].partition("#")[2], rule)
        for k in DESCEND_MAP:
            for name, sub in (s.get(k) or {}).items():
                if k != "$defs":
                    visit(doc_name, sub, f"{ptr}/{k}/{name}", rule)
        for k in DESCEND_ONE:
            if k in s and not (k in ("additionalProperties", "unevaluatedProperties") and s[k] is False):
                visit(doc_name, s[k], f"{ptr}/{k}", rule)  # a `false` there is structure: manifest-schema
        for k in DESCEND_LIST:
            for i, sub in enumerate(s.get(k) or []):
                visit(doc_name, sub, f"{ptr}/{k}/{i}", rule)

    visit(ROOT, docs[ROOT], "", None)


# ----------------------------------------------------------------------------- fixtures


def schema_findings(validator, docs, rules, root: Node):
    unset: list[str] = []
    instance = substitute(root.value, unset=unset)
    out = []
    for e in validator.iter_errors(instance):
        pointer = "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in e.absolute_path)
        if any(pointer == u or pointer.startswith(u + "/") for u in unset):
            continue  # checks on a value naming an unset variable are skipped
        kw = e.validator
        chain = chain_for(docs, list(e.absolute_schema_path))
        if kw == "required":
            m = re.match(r"^'(.*)' is a required property$", e.message)
            missing = m.group(1) if m else None
            rule = resolve_rule(chain, kw, missing)
            out.append((rule, locate(root, pointer, True)))
        elif kw == "additionalProperties":
            props = e.schema.get("properties", {}) if isinstance(e.schema, dict) else {}
            for key in e.instance:
                if key not in props:
                    out.append(("manifest-schema", locate(root, f"{pointer}/{key}", True)))
        else:
            # a `{"not": {}}` standing for `false`: the chain ends at the replaced subschema
            rule = resolve_rule(chain, kw)
            out.append((rule, locate(root, pointer, False)))
    # The engine keeps one finding per rule and place (src/check/mod.rs, Sink::finish).
    return sorted({f"{r} {rules.get(r, '?')} {l}:{c}" for r, (l, c) in out})


def expectations(text: str):
    exp, any_line = [], False
    for line in text.splitlines():
        if line.startswith("# expect:"):
            any_line = True
            rest = line[len("# expect:"):].strip()
            if rest != "none":
                exp.append(rest)
    return exp if any_line else None


def config_cases(validator, problems):
    step = lambda name, dur=None, **kw: {"name": name, **({"duration": dur} if dur else {}), **kw}
    default = {
        "include": ["offers/**/offer.yaml"],
        "exclude": ["offers/archived/**"],
        "rules": {"listing-description-length": "warning", "media": "off", "cert-remote-connection": "info"},
        "fail-on": "warning",
        "timeline": {
            "timezone": "UTC",
            "steps": [
                step("Prerequisite validation", "PT15M", areas=["offer", "leads", "properties", "listing", "media", "preview", "plans", "pricing", "technical-configuration"]),
                step("Test drive validation", "PT2H", when="testDrive", areas=["test-drive"]),
                step("Certification", "P3D", areas=["certification", "sas"]),
                step("Provisioning", "P4D"),
                step("Packaging and lead-generation registration", "PT1H"),
                step("Publisher sign-off", manual=True),
                step("Provisioning", "P4D"),
                step("Live", "P4D"),
            ],
        },
        "limits": {"max-file-bytes": 4194304, "max-depth": 64, "max-aliases": 1000, "max-asset-bytes": 20971520, "max-archive-bytes": 104857600},
    }
    errs = list(validator.iter_errors(default))
    if errs:
        problems.append("config: the default model is rejected: " + "; ".join(e.message for e in errs))
    bad = [
        {"select": ["x"]},
        {"rules": {"media": "fatal"}},
        {"fail-on": "always"},
        {"timeline": {"steps": [{"name": "x", "duration": "3 days"}]}},
        {"timeline": {"steps": [{"name": "x"}]}},
        {"timeline": {"steps": [{"name": "x", "duration": "P"}]}},
        {"limits": {"max-depth": 0}},
        {"limits": {"max-files": 3}},
    ]
    for b in bad:
        if validator.is_valid(b):
            problems.append(f"config: accepted {b}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rules", type=Path, default=None, help="the rule catalog (default: tests/data/catalog-v1.txt)")
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("fixtures", nargs="*", type=Path, help="only these fixtures")
    args = ap.parse_args()

    rules_md = args.rules or REPO / "tests" / "data" / "catalog-v1.txt"
    if not rules_md.exists():
        sys.exit(f"check-schemas: {rules_md} not found; pass --rules")
    rules = read_rules(rules_md)

    problems: list[str] = []
    docs = load_schemas()
    expected_files = {"offer", "common", "listing", "plan", "technical-configuration", "test-drive", "config"}
    missing = {f"{n}.schema.json" for n in expected_files} - set(docs)
    if missing:
        sys.exit(f"check-schemas: missing {sorted(missing)}")
    check_static(docs, rules, problems)
    schema_rules = {"manifest-schema"}

    def collect(s):
        if isinstance(s, dict):
            if "x-rule" in s:
                schema_rules.add(s["x-rule"])
            for v in s.values():
                collect(v)
        elif isinstance(s, list):
            for v in s:
                collect(v)

    collect(docs)

    reg = registry(docs, false_to_not)
    fc = Draft202012Validator.FORMAT_CHECKER
    manifest = Draft202012Validator(false_to_not(docs[ROOT]), registry=reg, format_checker=fc)
    config = Draft202012Validator(docs["config.schema.json"], registry=reg, format_checker=fc)
    config_cases(config, problems)

    files = args.fixtures or sorted(FIXTURES.glob("*.yaml"))
    counts = Counter()
    left_to_code = []
    for path in files:
        text = path.read_text()
        exp = expectations(text)
        name = path.name
        if exp is None:
            if name.startswith("base"):
                exp = []
            else:
                problems.append(f"{name}: no `# expect:` line")
                continue
        try:
            root = load_yaml(text)
        except Exception as e:  # noqa: BLE001
            if any(x.startswith("manifest-syntax ") for x in exp):
                counts["syntax fixtures skipped"] += 1
            else:
                problems.append(f"{name}: cannot be read: {e}")
            continue
        got = Counter(schema_findings(manifest, docs, rules, root))
        mine, theirs = Counter(), []
        for x in exp:
            parts = x.split()
            if len(parts) != 3 or not re.match(r"^\d+:\d+$", parts[2]):
                problems.append(f"{name}: malformed expectation {x!r}")
                continue
            rule, sev = parts[0], parts[1]
            if rule not in rules and OURS.search(name):
                problems.append(f"{name}: unknown rule {rule!r}")
            if rule in schema_rules and rules.get(rule) == sev:
                mine[x] += 1
            else:
                theirs.append(x)
        if OURS.search(name):
            if ".pass" in name and exp:
                problems.append(f"{name}: a pass fixture expects findings")
            if ".fail" in name and not exp:
                problems.append(f"{name}: a fail fixture expects no finding")
        strict = name.startswith("base") or OURS.search(name)
        if strict and got != mine:
            problems.append(
                f"{name}: schema findings differ\n    expected: {sorted(mine.elements())}\n    got:      {sorted(got.elements())}"
            )
        elif not strict:
            # fixtures written with the code rules: the schema must not add anything unexpected
            extra = got - Counter(exp)
            if extra:
                problems.append(f"{name}: the schema reports what the fixture does not expect: {sorted(extra.elements())}")
            theirs = [x for x in exp if x not in got]
        counts["fixtures"] += 1
        counts["schema findings"] += sum(got.values())
        if theirs:
            left_to_code.append((name, theirs))

    if args.verbose:
        for name, xs in left_to_code:
            print(f"  {name}: left to code: {', '.join(xs)}")
    if problems:
        print("\n".join(problems))
        print(f"check-schemas: {len(problems)} problem(s)")
        return 1
    print(
        f"check-schemas: {len(docs)} schemas ok; {counts['fixtures']} fixtures ok "
        f"({counts['schema findings']} schema findings; {sum(len(x) for _, x in left_to_code)} expectations left to code rules; "
        f"{counts['syntax fixtures skipped']} unreadable manifest-syntax fixtures skipped)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
