#!/usr/bin/env python3
"""The output benchmark: time and peak memory of each report format, side by side.

  scripts/bench/output.py OFFER_LINT CACHE [ROUNDS]

Two repositories, generated under CACHE:

- `repos/10000`: scripts/bench/gen.py's 10,000 offers (tests/rules/base.yaml each), run with
  `--allow-env HARDENED_2204_OS_VHD_SAS` and the variable unset, so every SAS URI is a
  `${env:...}` reference left unset (a manifest-env-unset finding and skipped checks per offer);
- `tiny/100000`: 100,000 tiny manifests (an apiVersion, a kind and an offer id), each with a
  handful of schema findings.

Every format runs once untimed (its exit code and peak RSS taken with GNU time), then ROUNDS
(default 5) timed rounds in an order that rotates from round to round. The table gives the
median wall time, the peak RSS, the output's size and each format's ratio to the human one.
"""
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
FORMATS = ["human", "json", "sarif", "junit"]
NOW = "2026-11-24T00:00:00Z"


def tiny(n: int, out: Path) -> Path:
    stamp = out / ".stamp"
    want = f"tiny v1 {n}"
    if stamp.is_file() and stamp.read_text() == want:
        return out
    if out.exists():
        subprocess.run(["rm", "-rf", str(out)], check=True)
    for i in range(1, n + 1):
        d = out / "offers" / f"{i // 1000:03d}"
        d.mkdir(parents=True, exist_ok=True)
        (d / f"offer-{i:06d}.offer.yaml").write_text(
            f"apiVersion: offer-lint/v1\nkind: VirtualMachineOffer\noffer:\n  id: offer-{i:06d}\n"
        )
    stamp.write_text(want)
    return out


def command(offer_lint: str, fmt: str, extra: list[str]) -> list[str]:
    return [offer_lint, "check", "--now", NOW, "--format", fmt, *extra, "."]


def measured(cmd: list[str], cwd: Path, env: dict) -> tuple[int, int, int]:
    """One untimed run under GNU time: exit code, peak RSS (KiB), bytes written."""
    with open(os.devnull, "wb") as null:
        p = subprocess.run(
            ["/usr/bin/time", "-f", "%M", *cmd], cwd=cwd, env=env,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )
    rss = int(p.stderr.decode().strip().splitlines()[-1])
    return p.returncode, rss, len(p.stdout)


def timed(cmd: list[str], cwd: Path, env: dict) -> float:
    with open(os.devnull, "wb") as null:
        start = time.perf_counter()
        subprocess.run(cmd, cwd=cwd, env=env, stdout=null, stderr=null)
        return time.perf_counter() - start


def bench(name: str, cwd: Path, offer_lint: str, extra: list[str], rounds: int) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("HARDENED_")}
    env.pop("GITHUB_ACTIONS", None)
    first = {}
    for fmt in FORMATS:
        first[fmt] = measured(command(offer_lint, fmt, extra), cwd, env)
    times = {fmt: [] for fmt in FORMATS}
    for r in range(rounds):
        order = FORMATS[r % len(FORMATS):] + FORMATS[: r % len(FORMATS)]
        for fmt in order:
            times[fmt].append(timed(command(offer_lint, fmt, extra), cwd, env))
    base_t = statistics.median(times["human"])
    base_m = first["human"][1]
    print(f"\n{name} ({rounds} rounds)\n")
    print("| format | exit | median s (range) | vs human | peak RSS MB | vs human | output MB |")
    print("|---|---|---|---|---|---|---|")
    for fmt in FORMATS:
        t = statistics.median(times[fmt])
        code, rss, size = first[fmt]
        print(
            f"| {fmt} | {code} | {t:.2f} ({min(times[fmt]):.2f}-{max(times[fmt]):.2f}) "
            f"| {t / base_t:.2f} | {rss / 1024:.0f} | {rss / base_m:.2f} | {size / 1e6:.1f} |"
        )


def env_refs(offer_lint: str, cache: Path, allow: list[str]) -> None:
    """One manifest whose preview audience has N entries, each id `${env:BENCH_SECRET}` (not a
    GUID once resolved, so each is a finding): the time must grow with N, not N squared."""
    base = (REPO / "tests/rules/base.yaml").read_text(encoding="utf-8").splitlines()
    i = next(k for k, line in enumerate(base) if line.startswith("previewAudiences:"))
    j = i + 1
    while base[j].startswith((" ", "#")):
        j += 1
    out = cache / "env-refs"
    out.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, BENCH_SECRET="not-a-guid-secret")
    print("\n`${env:}` references to one variable, each a finding (median of 5)\n")
    print("| references | findings | median s | peak RSS MB | secret printed |")
    print("|---|---|---|---|---|")
    for n in (1000, 4000, 16000):
        items = []
        for k in range(n):
            items += ["  - type: subscription", "    id: ${env:BENCH_SECRET}", f"    label: a{k}"]
        path = out / f"refs-{n}.offer.yaml"
        path.write_text("\n".join(base[:i] + ["previewAudiences:"] + items + base[j:]) + "\n")
        cmd = [offer_lint, "check", "--now", NOW, "--format", "json", *allow, str(path)]
        code, rss, _ = measured(cmd, out, env)
        doc = subprocess.run(cmd, cwd=out, env=env, capture_output=True, text=True).stdout
        times = [timed(cmd, out, env) for _ in range(5)]
        findings = doc.count('"rule"')
        print(
            f"| {n:,} | {findings:,} | {statistics.median(times):.2f} | {rss / 1024:.0f} "
            f"| {'yes' if 'not-a-guid-secret' in doc else 'no'} |"
        )


def main() -> int:
    if len(sys.argv) not in (3, 4):
        print(__doc__, file=sys.stderr)
        return 2
    offer_lint, cache = sys.argv[1], Path(sys.argv[2])
    rounds = int(sys.argv[3]) if len(sys.argv) == 4 else 5
    # A build from before --allow-env resolved every reference it found.
    help_text = subprocess.run([offer_lint, "check", "--help"], capture_output=True, text=True).stdout
    allow = ["--allow-env", "HARDENED_2204_OS_VHD_SAS"] if "--allow-env" in help_text else []
    big = cache / "repos" / "10000"
    subprocess.run([sys.executable, str(REPO / "scripts/bench/gen.py"), "10000", str(big)], check=True)
    bench(
        "10,000 offers, every SAS URI an unset ${env:} reference",
        big, offer_lint, allow, rounds,
    )
    env_refs(offer_lint, cache, ["--allow-env", "BENCH_SECRET"] if allow else [])
    small = tiny(100_000, cache / "tiny" / "100000")
    bench("100,000 tiny offers", small, offer_lint, [], max(1, rounds // 2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
