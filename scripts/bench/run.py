#!/usr/bin/env python3
"""Runs the offer-lint benchmark: offer-lint against ajv-cli, check-jsonschema and the I/O floor.

Called by scripts/bench.sh, which builds offer-lint, installs the other tools and generates the
repositories. For each repository size the tools run in rounds; every round runs each tool
once, in an order that rotates from round to round, so that a slow moment of the machine
falls on all of them alike. Wall time comes from the clock around each process, peak memory
from the kernel's accounting of the process and its children (wait4 → ru_maxrss). The table
holds the medians.

Usage: run.py --offer-lint BIN --ajv BIN --check-jsonschema BIN --schema FILE
              --repos DIR [--sizes 1,1000,10000] [--rounds N] [--slow-rounds N] [--json FILE]
"""
import argparse
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
TOOLS = ["offer-lint", "ajv-cli", "check-jsonschema", "io-floor"]


def manifests(repo: Path) -> list[str]:
    return sorted(str(p.relative_to(repo)) for p in (repo / "offers").glob("*/offer.yaml"))


def commands(a, repo: Path) -> dict[str, list[str]]:
    files = manifests(repo)
    return {
        "offer-lint": [a.offer_lint, "check", "--now", NOW, "."],
        "ajv-cli": [
            a.ajv, "validate", "-s", a.schema, "-d", "offers/*/offer.yaml",
            "--spec=draft2020", "-c", "ajv-formats", "--strict=false",
        ],
        "check-jsonschema": [a.check_jsonschema, "--schemafile", a.schema, *files],
        # Walk the repository and read every manifest once: what any linter has to do.
        "io-floor": ["find", "offers", "-name", "offer.yaml", "-exec", "cat", "{}", "+"],
    }


def run(cmd: list[str], cwd: Path, env: dict, rss: bool = False) -> tuple[float, int]:
    """Wall seconds and, with `rss`, peak RSS in KiB of one run (0 without).

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
    if p.returncode != 0:
        sys.exit(f"{cmd[0]} exited {p.returncode} in {cwd}:\n{p.stderr.decode(errors='replace')[-2000:]}")
    return wall, peak


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


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--offer-lint", required=True)
    ap.add_argument("--ajv", required=True)
    ap.add_argument("--check-jsonschema", required=True)
    ap.add_argument("--schema", required=True)
    ap.add_argument("--repos", required=True, type=Path)
    ap.add_argument("--sizes", default="1,1000,10000")
    ap.add_argument("--rounds", default="1:30,1000:10,10000:5",
                    help="rounds per size, SIZE:N,... (a bare N applies to every size)")
    ap.add_argument("--slow-rounds", default="1000:3,10000:1",
                    help="SIZE:N,...: check-jsonschema, which takes minutes on large repositories, "
                         "runs only in the first N rounds at these sizes, without a warm-up")
    ap.add_argument("--json", type=Path)
    a = ap.parse_args()
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
    for n in sizes:
        repo = a.repos / str(n)
        cmds = commands(a, repo)
        got = len(manifests(repo))
        if got != n:
            sys.exit(f"{repo}: {got} manifests, expected {n}")
        times = {t: [] for t in TOOLS}
        rss = {t: [] for t in TOOLS}
        # check-jsonschema takes minutes on large repositories: there it runs only in the first
        # --slow-rounds rounds, without a warm-up, its memory measured in those runs.
        def slow(t: str, n: int = n) -> bool:
            return t == "check-jsonschema" and n in slow_rounds

        # One untimed run of each tool, through GNU time for its peak memory: it warms the page
        # cache, and checks that every tool finds the files valid (exit 0), so that all of them
        # do the whole job.
        for t in TOOLS:
            if not slow(t):
                rss[t].append(run(cmds[t], repo, env, rss=True)[1])
        r = rounds.get(n, 5)
        for i in range(r):
            order = TOOLS[i % len(TOOLS):] + TOOLS[: i % len(TOOLS)]
            for t in order:
                if slow(t) and i >= slow_rounds[n]:
                    continue
                wall, peak = run(cmds[t], repo, env, rss=slow(t))
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
            for t in TOOLS
        }
    info["load_after"] = load()

    print()
    print("| files | tool | runs | median | min–max | files/s | peak RSS | × offer-lint time |")
    print("|---:|---|---:|---:|---:|---:|---:|---:|")
    for n in sizes:
        base = results[n]["offer-lint"]["median_s"]
        for t in TOOLS:
            x = results[n][t]
            ratio = x["median_s"] / base
            print(
                f"| {n:,} | {t} | {x['runs']} | {fmt_time(x['median_s'])} | "
                f"{fmt_time(x['min_s'])}–{fmt_time(x['max_s'])} | {n / x['median_s']:,.0f} | "
                f"{x['max_rss_kib'] / 1024:.0f} MB | {ratio:.2f} |"
            )
    print()
    print("Targets (issue 6):")
    big = max(sizes)
    r = results[big]
    ol = r["offer-lint"]["median_s"]

    def verdict(ok: bool) -> str:
        return "met" if ok else "NOT met"

    checks = [
        (f"{big:,} files: ajv-cli / offer-lint ≥ 3", r["ajv-cli"]["median_s"] / ol, 3, True),
        (f"{big:,} files: check-jsonschema / offer-lint ≥ 100", r["check-jsonschema"]["median_s"] / ol, 100, True),
        (f"{big:,} files: offer-lint / I/O floor ≤ 3", ol / r["io-floor"]["median_s"], 3, False),
        (f"{big:,} files: offer-lint peak RSS ≤ 150 MB", r["offer-lint"]["max_rss_kib"] / 1024, 150, False),
    ]
    if 1 in results:
        checks.append(("1 file: offer-lint wall ≤ 20 ms", results[1]["offer-lint"]["median_s"] * 1000, 20, False))
    if 1000 in results and 10000 in results:
        lin = results[10000]["offer-lint"]["median_s"] / results[1000]["offer-lint"]["median_s"]
        print(f"  linearity: 10,000 files take {lin:.1f}× the time of 1,000 (10× is linear)")
    for name, value, limit, at_least in checks:
        ok = value >= limit if at_least else value <= limit
        print(f"  {name}: {value:.2f} — {verdict(ok)}")
    print(f"load average after: {info['load_after']}")
    if a.json:
        a.json.write_text(json.dumps({"machine": info, "results": results}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
