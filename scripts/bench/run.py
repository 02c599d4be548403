#!/usr/bin/env python3
"""Runs the offer-lint benchmark: offer-lint against ajv-cli, check-jsonschema and the I/O floor,
and offer-lint on the same offers as Product Ingestion resource trees.

Called by scripts/bench.sh, which builds offer-lint, installs the other tools and generates the
repositories (scripts/bench/gen.py: the YAML corpus in <size>/offers, the resource trees in
<size>/.ingestion). For each repository size the tools run in rounds; every round runs each tool
once, in an order that rotates from round to round, so that a slow moment of the machine
falls on all of them alike. Wall time comes from the clock around each process, peak memory
from the kernel's accounting of the process and its children (wait4 → ru_maxrss). The tables
hold the medians.

The tools (`--tools`, default all, or the BENCH_TOOLS environment variable, which
scripts/bench.sh passes on):

- offer-lint, ajv-cli, check-jsonschema, io-floor: the YAML corpus, in <size>;
- offer-lint-trees: `offer-lint check trees` in <size>/.ingestion, one resource tree per offer;
- offer-lint-big: `offer-lint check big` in <size>/.ingestion, one resource tree of about
  <size> resources (gen.py writes it from 10,000 up only; at smaller sizes the row is left out);
- offer-lint-big-manifest: `offer-lint check big-manifest` in <size>/.ingestion, the big file's
  offer as one YAML manifest (written with the big file).

Usage: run.py --offer-lint BIN [--ajv BIN --check-jsonschema BIN --schema FILE]
              --repos DIR [--sizes 1,1000,10000] [--rounds N] [--slow-rounds N]
              [--tools offer-lint,...] [--json FILE]
(--ajv, --check-jsonschema and --schema are needed only when their tools run.)
"""
import argparse
import collections
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

NOW = "2026-11-24T00:00:00Z"
# The environment the base manifest reads (tests/rules.rs fixture_env), so SAS checks run.
ENV = {
    "HARDENED_2204_OS_VHD_SAS": "https://contosoimages.blob.core.windows.net/vhds/hardened-2204.vhd"
    "?sv=2021-08-06&sr=b&sp=rl&st=2026-11-20T00:00:00Z&se=2027-03-01T00:00:00Z&sig=abc123FAKEsig%3D",
    "TEST_DRIVE_CLIENT_SECRET": "not-a-real-secret",
    "OFFER_LINT_NOW": NOW,
    "NO_COLOR": "1",
}
# The manifests may read the SAS variable (what `--allow-env` is for: a manifest cannot allow
# itself a variable), so that the SAS checks run on it; without it every manifest gets one
# `manifest-env-denied` finding and keeps its text for the report.
ALLOW = ["--allow-env", "HARDENED_2204_OS_VHD_SAS"]
# The YAML corpus (<size>/offers).
TOOLS = ["offer-lint", "ajv-cli", "check-jsonschema", "io-floor"]
# offer-lint on the ingestion corpus (<size>/.ingestion, see gen.py).
INGESTION_TOOLS = ["offer-lint-trees", "offer-lint-big", "offer-lint-big-manifest"]
ALL_TOOLS = TOOLS + INGESTION_TOOLS
INGESTION = ".ingestion"
# The errors the big file may have: its ~2,500 plans are past the 100 of `plans-count`. Any other
# error stops the benchmark.
BIG_ALLOWED_ERRORS = {"plans-count"}


def manifests(repo: Path) -> list[str]:
    return sorted(str(p.relative_to(repo)) for p in (repo / "offers").glob("*/offer.yaml"))


def commands(a, repo: Path, tools: list[str]) -> dict[str, tuple[list[str], Path]]:
    """Each tool's command and the folder it runs in."""
    ing = repo / INGESTION
    cmds = {}
    for t in tools:
        if t == "offer-lint":
            cmds[t] = ([a.offer_lint, "check", "--now", NOW, *ALLOW, "."], repo)
        elif t == "ajv-cli":
            cmds[t] = ([
                a.ajv, "validate", "-s", a.schema, "-d", "offers/*/offer.yaml",
                "--spec=draft2020", "-c", "ajv-formats", "--strict=false",
            ], repo)
        elif t == "check-jsonschema":
            cmds[t] = ([a.check_jsonschema, "--schemafile", a.schema, *manifests(repo)], repo)
        elif t == "io-floor":
            # Walk the repository and read every manifest once: what any linter has to do.
            cmds[t] = (["find", "offers", "-name", "offer.yaml", "-exec", "cat", "{}", "+"], repo)
        elif t == "offer-lint-trees":
            cmds[t] = ([a.offer_lint, "check", "--now", NOW, "trees"], ing)
        elif t == "offer-lint-big":
            # big/.offer-lint.yaml raises limits.max-file-bytes: the file is larger than 4 MiB.
            cmds[t] = ([a.offer_lint, "check", "--now", NOW, "big"], ing)
        elif t == "offer-lint-big-manifest":
            cmds[t] = ([a.offer_lint, "check", "--now", NOW, *ALLOW, "big-manifest"], ing)
    return cmds


def run(cmd: list[str], cwd: Path, env: dict, rss: bool = False, ok: tuple[int, ...] = (0,)) -> tuple[float, int]:
    """Wall seconds and, with `rss`, peak RSS in KiB of one run (0 without). An exit code not
    in `ok` stops the benchmark.

    Peak memory is measured through GNU time, a small process that forks the tool: a child
    forked by this Python process would report Python's own RSS as its peak (the kernel keeps
    the high-water mark across exec), so the timed runs are started directly and the memory
    runs through /usr/bin/time.
    """
    out = None
    if rss:
        fd, out = tempfile.mkstemp(prefix="offer-lint-bench-rss-")
        os.close(fd)
        cmd = ["/usr/bin/time", "-f", "%M", "-o", out, *cmd]
    start = time.perf_counter()
    p = subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = time.perf_counter() - start
    peak = 0
    if out:
        text = Path(out).read_text().strip().splitlines()
        os.unlink(out)
        peak = int(text[-1]) if text and text[-1].isdigit() else 0
    if p.returncode not in ok:
        sys.exit(f"{cmd[0]} exited {p.returncode} in {cwd}:\n{p.stderr.decode(errors='replace')[-2000:]}")
    return wall, peak


def verify(t: str, cmd: list[str], cwd: Path, env: dict, files: int, offers: set[str] | int,
           exits: tuple[int, ...], allowed_errors: set[str]) -> tuple[int, dict[str, int]]:
    """One untimed run of an offer-lint row with `--format json`, which must have read exactly
    the corpus: `files` files, the offers `offers` (a set of ids, or how many), an exit code in
    `exits`, and errors only of the rules `allowed_errors`. Returns the exit code, which every
    run of the row must then give, and the findings by `rule severity`."""
    cmd = [*cmd[:2], "--format", "json", *cmd[2:]]
    p = subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)

    def fail(why: str) -> None:
        sys.exit(f"{t}: {' '.join(cmd)} in {cwd}: {why}\n{p.stderr.decode(errors='replace')[-2000:]}")

    if p.returncode not in exits:
        fail(f"exited {p.returncode}, expected {' or '.join(map(str, exits))}")
    try:
        doc = json.loads(p.stdout)
    except ValueError as e:
        fail(f"no JSON report ({e})")
    if doc.get("files") != files:
        fail(f"read {doc.get('files')} files, expected {files} (a binary that does not know the format?)")
    ids = [o.get("id") for o in doc.get("offers", [])]
    if isinstance(offers, int):
        if len(ids) != offers or len(set(ids)) != offers:
            fail(f"{len(ids)} offers ({len(set(ids))} ids), expected {offers}")
    elif sorted(ids) != sorted(offers):
        fail(f"offers {sorted(ids)[:3]}…, expected {sorted(offers)[:3]}… ({len(offers)})")
    findings = collections.Counter(f"{d['rule']} {d['severity']}" for d in doc.get("diagnostics", []))
    bad = sorted(k for k in findings if k.endswith(" error") and k.split()[0] not in allowed_errors)
    if bad:
        fail(f"unexpected errors: {', '.join(f'{k} ×{findings[k]}' for k in bad)}")
    if findings:
        print(f"  {t}: exit {p.returncode}, findings: "
              + ", ".join(f"{k} ×{v}" for k, v in sorted(findings.items())), file=sys.stderr)
    return p.returncode, dict(findings)


def machine() -> dict:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f"{kb / 1024 / 1024:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory": mem,
        "kernel": platform.release(),
        "date": time.strftime("%Y-%m-%d %H:%M %Z"),
    }


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def fmt_time(s: float) -> str:
    return f"{s * 1000:.1f} ms" if s < 1 else f"{s:.2f} s"


def fmt_small(s: float) -> str:
    """A time per offer or per resource."""
    if s < 1e-3:
        return f"{s * 1e6:.1f} µs"
    return fmt_time(s)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--offer-lint", required=True)
    ap.add_argument("--ajv")
    ap.add_argument("--check-jsonschema")
    ap.add_argument("--schema")
    ap.add_argument("--repos", required=True, type=Path)
    ap.add_argument("--sizes", default="1,1000,10000")
    ap.add_argument("--rounds", default="1:30,1000:10,10000:5",
                    help="rounds per size, SIZE:N,... (a bare N applies to every size)")
    ap.add_argument("--slow-rounds", default="1000:3,10000:1",
                    help="SIZE:N,...: check-jsonschema, which takes minutes on large repositories, "
                         "runs only in the first N rounds at these sizes, without a warm-up")
    ap.add_argument("--tools", default=os.environ.get("BENCH_TOOLS") or ",".join(ALL_TOOLS),
                    help=f"the rows to run, of {','.join(ALL_TOOLS)} (default all, or $BENCH_TOOLS)")
    ap.add_argument("--json", type=Path)
    a = ap.parse_args()
    selected = [t for t in a.tools.split(",") if t]
    unknown = [t for t in selected if t not in ALL_TOOLS]
    if unknown or not selected:
        ap.error(f"--tools: unknown {', '.join(unknown) or '(none given)'}; the tools are {', '.join(ALL_TOOLS)}")
    selected = [t for t in ALL_TOOLS if t in selected]
    for t, need in (("ajv-cli", ["ajv", "schema"]), ("check-jsonschema", ["check_jsonschema", "schema"])):
        missing = [f"--{n.replace('_', '-')}" for n in need if t in selected and not getattr(a, n)]
        if missing:
            ap.error(f"{t} needs {' and '.join(missing)} (or leave it out of --tools)")
    if a.schema:
        a.schema = str(Path(a.schema).resolve())
    sizes = [int(s) for s in a.sizes.split(",")]
    if ":" in a.rounds:
        rounds = {int(k): int(v) for k, v in (x.split(":") for x in a.rounds.split(","))}
    else:
        rounds = {s: int(a.rounds) for s in sizes}
    slow_rounds = {int(k): int(v) for k, v in (x.split(":") for x in a.slow_rounds.split(",") if x)}
    env = dict(os.environ, **ENV)
    env.pop("GITHUB_ACTIONS", None)

    info = machine()
    info["load_before"] = load()
    print(f"machine: {info['cpu']}, {info['cores']} cores, {info['memory']}, Linux {info['kernel']}")
    print(f"date: {info['date']}; load average before: {info['load_before']}")
    results = {}
    corpora = {}
    for n in sizes:
        repo = a.repos / str(n)
        got = len(manifests(repo))
        if got != n:
            sys.exit(f"{repo}: {got} manifests, expected {n}")
        tools = [t for t in selected if t in TOOLS]
        expect = {}
        if any(t in selected for t in INGESTION_TOOLS):
            ing = repo / INGESTION
            try:
                corpus = json.loads((ing / "corpus.json").read_text())
            except (OSError, ValueError):
                sys.exit(f"{ing}: no ingestion corpus (corpus.json); run scripts/bench/gen.py {n} {repo} again")
            trees = sorted((ing / "trees").glob("*.resource-tree.json"))
            if len(trees) != corpus["trees"]:
                sys.exit(f"{ing}/trees: {len(trees)} trees, expected {corpus['trees']}")
            corpora[n] = corpus
            if "offer-lint-trees" in selected:
                tools.append("offer-lint-trees")
                # Every tree must be clean: exit 0, and every offer id of the corpus reported.
                ids = {p.name.split(".", 1)[0] for p in trees}
                expect["offer-lint-trees"] = (corpus["trees"], ids, (0,), set())
            if "offer-lint-big" in selected and "big" in corpus:
                tools.append("offer-lint-big")
                # The big file may have findings (its plans are too many for `plans-count`), so
                # that row alone may exit 1, when every error is one of BIG_ALLOWED_ERRORS.
                expect["offer-lint-big"] = (1, 1, (0, 1), BIG_ALLOWED_ERRORS)
            if "offer-lint-big-manifest" in selected and "big_manifest" in corpus:
                tools.append("offer-lint-big-manifest")
                expect["offer-lint-big-manifest"] = (1, 1, (0, 1), BIG_ALLOWED_ERRORS)
        if "offer-lint" in tools:
            # Checks that `offer-lint check .` reads the YAML corpus only (not <size>/.ingestion).
            expect["offer-lint"] = (n, n, (0,), set())
        cmds = commands(a, repo, tools)
        times = {t: [] for t in tools}
        rss = {t: [] for t in tools}
        # The exit code each row must give: 0, but for the big file what its verification gave.
        ok = {t: (0,) for t in tools}
        found = {}
        for t, (files, offers, exits, allowed) in expect.items():
            code, found[t] = verify(t, *cmds[t], env, files, offers, exits, allowed)
            ok[t] = (code,)

        # check-jsonschema takes minutes on large repositories: there it runs only in the first
        # --slow-rounds rounds, without a warm-up, its memory measured in those runs.
        def slow(t: str, n: int = n) -> bool:
            return t == "check-jsonschema" and n in slow_rounds

        # One untimed run of each tool, through GNU time for its peak memory: it warms the page
        # cache, and checks that every tool finds the files valid (exit 0; the big file: the
        # exit code of its verification), so that all of them do the whole job.
        for t in tools:
            if not slow(t):
                rss[t].append(run(*cmds[t], env, rss=True, ok=ok[t])[1])
        r = rounds.get(n, 5)
        for i in range(r):
            order = tools[i % len(tools):] + tools[: i % len(tools)]
            for t in order:
                if slow(t) and i >= slow_rounds[n]:
                    continue
                wall, peak = run(*cmds[t], env, rss=slow(t), ok=ok[t])
                times[t].append(wall)
                if peak:
                    rss[t].append(peak)
            print(f"  {n} files: round {i + 1}/{r} done (load {load()})", file=sys.stderr)
        results[n] = {
            t: {
                "runs": len(times[t]),
                "median_s": statistics.median(times[t]),
                "min_s": min(times[t]),
                "max_s": max(times[t]),
                "max_rss_kib": max(rss[t]),
            }
            for t in tools
        }
        for t in INGESTION_TOOLS:
            if t in results[n]:
                c = corpora[n]
                files, offers, resources = (
                    (c["trees"], c["trees"], c["resources"]) if t == "offer-lint-trees"
                    else (1, 1, c["big"]["resources"]) if t == "offer-lint-big"
                    else (1, 1, None)  # a manifest holds no resources
                )
                results[n][t].update(files=files, offers=offers, resources=resources,
                                     exit=ok[t][0], findings=found.get(t, {}))
    info["load_after"] = load()

    yaml_rows = [(n, t) for n in sizes for t in TOOLS if t in results[n]]
    if yaml_rows:
        print()
        print("| files | tool | runs | median | min–max | files/s | peak RSS | × offer-lint time |")
        print("|---:|---|---:|---:|---:|---:|---:|---:|")
        for n, t in yaml_rows:
            x = results[n][t]
            base = results[n].get("offer-lint", {}).get("median_s")
            ratio = f"{x['median_s'] / base:.2f}" if base else "—"
            print(
                f"| {n:,} | {t} | {x['runs']} | {fmt_time(x['median_s'])} | "
                f"{fmt_time(x['min_s'])}–{fmt_time(x['max_s'])} | {n / x['median_s']:,.0f} | "
                f"{x['max_rss_kib'] / 1024:.0f} MB | {ratio} |"
            )

    ing_rows = [(n, t) for n in sizes for t in INGESTION_TOOLS if t in results[n]]
    if ing_rows:
        print()
        print("Product Ingestion resource trees (offer-lint; in the rounds of the YAML corpus of the same size):")
        print()
        print("| size | corpus | files | offers | resources | runs | median | min–max | per offer | per resource | peak RSS | exit |")
        print("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
        for n, t in ing_rows:
            x = results[n][t]
            name = {"offer-lint-trees": "trees", "offer-lint-big": "big file"}.get(t, "big file as a manifest")
            res = f"{x['resources']:,}" if x["resources"] else "—"
            per_res = fmt_small(x["median_s"] / x["resources"]) if x["resources"] else "—"
            errors = ", ".join(f"{k.split()[0]} ×{v}" for k, v in sorted(x["findings"].items()) if k.endswith(" error"))
            print(
                f"| {n:,} | {name} | {x['files']:,} | {x['offers']:,} | {res} | {x['runs']} | "
                f"{fmt_time(x['median_s'])} | {fmt_time(x['min_s'])}–{fmt_time(x['max_s'])} | "
                f"{fmt_small(x['median_s'] / x['offers'])} | {per_res} | "
                f"{x['max_rss_kib'] / 1024:.0f} MB | {x['exit']}{f' ({errors})' if errors else ''} |"
            )

    # Time per offer, side by side: the YAML corpus and the trees of the same size (at the largest
    # size these are not as many offers: the trees hold about as many resources as there are YAML
    # offers). "Start-up removed" is (median − median of the 1-offer corpus) / (offers − 1): the
    # cost of one more offer, without the fixed cost of a run (schema compilation, the walk's
    # start), which weighs more on fewer offers.
    pairs = [n for n in sizes if "offer-lint" in results[n] and "offer-lint-trees" in results[n]]
    if pairs:
        one = 1 in pairs

        def marginal(n: int, t: str) -> float | None:
            if not one or n == 1:
                return None
            offers = n if t == "offer-lint" else results[n][t]["offers"]
            first = 1 if t == "offer-lint" else results[1][t]["offers"]
            if offers == first:
                return None
            return (results[n][t]["median_s"] - results[1][t]["median_s"]) / (offers - first)

        def per_offer(n: int, t: str) -> float:
            return results[n][t]["median_s"] / (n if t == "offer-lint" else results[n][t]["offers"])

        print()
        print("Time per offer, YAML manifests and resource trees (medians of the same rounds):")
        print()
        print("| size | YAML offers | YAML per offer | tree offers | tree resources | trees per offer | trees ÷ YAML"
              + (" | YAML, start-up removed | trees, start-up removed | trees ÷ YAML, start-up removed |" if one else " |"))
        print("|---:|---:|---:|---:|---:|---:|---:" + ("|---:|---:|---:|" if one else "|"))
        for n in pairs:
            tr = results[n]["offer-lint-trees"]
            y, t = per_offer(n, "offer-lint"), per_offer(n, "offer-lint-trees")
            row = (f"| {n:,} | {n:,} | {fmt_small(y)} | {tr['offers']:,} | {tr['resources']:,} | "
                   f"{fmt_small(t)} | {t / y:.2f}")
            if one:
                ym, tm = marginal(n, "offer-lint"), marginal(n, "offer-lint-trees")
                if ym and tm:
                    row += f" | {fmt_small(ym)} | {fmt_small(tm)} | {tm / ym:.2f}"
                else:
                    row += " | — | — | —"
            print(row + " |")
        n = max(pairs)
        tr = results[n]["offer-lint-trees"]
        y, t = per_offer(n, "offer-lint"), per_offer(n, "offer-lint-trees")
        line = (f"  {tr['resources']:,}-resource corpus ({tr['offers']:,} trees): {fmt_small(t)} per offer, "
                f"{t / y:.2f}× the YAML corpus's {fmt_small(y)} per offer ({n:,} offers)")
        same = [m for m in pairs if m != n and results[m]["offer-lint-trees"]["offers"] == m]
        if same:
            m = max(same)
            line += (f"; at {m:,} offers each: {fmt_small(per_offer(m, 'offer-lint-trees'))} vs "
                     f"{fmt_small(per_offer(m, 'offer-lint'))}, "
                     f"{per_offer(m, 'offer-lint-trees') / per_offer(m, 'offer-lint'):.2f}×")
        ym, tm = marginal(n, "offer-lint"), marginal(n, "offer-lint-trees")
        if ym and tm:
            line += f"; start-up removed: {fmt_small(tm)} vs {fmt_small(ym)}, {tm / ym:.2f}×"
        print(line)
    for n in sizes:
        if "offer-lint-big" in results[n] and "offer-lint-trees" in results[n]:
            b, tr = results[n]["offer-lint-big"], results[n]["offer-lint-trees"]
            pb, pt = b["median_s"] / b["resources"], tr["median_s"] / tr["resources"]
            print(f"  big file ({b['resources']:,} resources in one offer): {fmt_small(pb)} per resource, "
                  f"{pb / pt:.2f}× the trees' {fmt_small(pt)} per resource ({tr['resources']:,} resources "
                  f"in {tr['offers']:,} offers)")
        if "offer-lint-big" in results[n] and "offer-lint-big-manifest" in results[n]:
            b, m = results[n]["offer-lint-big"], results[n]["offer-lint-big-manifest"]
            plans = corpora[n]["big"]["plans"]
            print(f"  the same offer ({plans:,} plans) as one resource tree and as one manifest: "
                  f"{fmt_time(b['median_s'])} vs {fmt_time(m['median_s'])}, "
                  f"{b['median_s'] / m['median_s']:.2f}× ({b['max_rss_kib'] / 1024:.0f} MB vs "
                  f"{m['max_rss_kib'] / 1024:.0f} MB)")

    big = max(sizes)
    r = results[big]
    ol = r.get("offer-lint", {}).get("median_s")
    if ol:
        print()
        print("Targets (issue 6):")

        def verdict(ok: bool) -> str:
            return "met" if ok else "NOT met"

        checks = []
        if "ajv-cli" in r:
            checks.append((f"{big:,} files: ajv-cli / offer-lint ≥ 3", r["ajv-cli"]["median_s"] / ol, 3, True))
        if "check-jsonschema" in r:
            checks.append((f"{big:,} files: check-jsonschema / offer-lint ≥ 100",
                           r["check-jsonschema"]["median_s"] / ol, 100, True))
        if "io-floor" in r:
            checks.append((f"{big:,} files: offer-lint / I/O floor ≤ 3", ol / r["io-floor"]["median_s"], 3, False))
        checks.append((f"{big:,} files: offer-lint peak RSS ≤ 150 MB", r["offer-lint"]["max_rss_kib"] / 1024, 150, False))
        if 1 in results and "offer-lint" in results[1]:
            checks.append(("1 file: offer-lint wall ≤ 20 ms", results[1]["offer-lint"]["median_s"] * 1000, 20, False))
        if 1000 in results and 10000 in results and "offer-lint" in results[1000]:
            lin = results[10000]["offer-lint"]["median_s"] / results[1000]["offer-lint"]["median_s"]
            print(f"  linearity: 10,000 files take {lin:.1f}× the time of 1,000 (10× is linear)")
        for name, value, limit, at_least in checks:
            ok = value >= limit if at_least else value <= limit
            print(f"  {name}: {value:.2f} — {verdict(ok)}")
    print(f"load average after: {info['load_after']}")
    if a.json:
        a.json.write_text(json.dumps({"machine": info, "corpora": corpora, "results": results}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
