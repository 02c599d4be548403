#!/usr/bin/env bash
# The offer-lint benchmark: offer-lint against ajv-cli and check-jsonschema on repositories of
# 1, 1,000 and 10,000 manifests, with the I/O floor and peak memory. See BENCHMARKS.md.
#
#   scripts/bench.sh                 # the whole run (about 12 minutes on 2 cores once built)
#   BENCH_SIZES=1,1000 scripts/bench.sh
#
# It builds offer-lint (release), installs pinned ajv-cli, ajv-formats and check-jsonschema
# into $OFFER_LINT_BENCH_CACHE (default ~/.cache/offer-lint-bench) once, generates the
# repositories there (again only when the base manifest changes), exports the schema with
# `offer-lint schema --output`, and runs scripts/bench/run.py, which prints the table.
# Environment: BENCH_SIZES (default 1,1000,10000), BENCH_ROUNDS (rounds per size, default
# 1:30,1000:10,10000:5), BENCH_SLOW_ROUNDS (check-jsonschema's rounds where it is slow, default
# 1000:3,10000:1: one run on 10,000 files takes minutes), BENCH_JSON (also write the results
# as JSON to this file).
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$PWD"
cache="${OFFER_LINT_BENCH_CACHE:-$HOME/.cache/offer-lint-bench}"
mkdir -p "$cache"

AJV_CLI=5.0.0
AJV_FORMATS=3.0.1
CHECK_JSONSCHEMA=0.39.0

need() { command -v "$1" >/dev/null 2>&1; }
for tool in node npm python3 find; do
  need "$tool" || { echo "bench: $tool is required" >&2; exit 2; }
done
# GNU time measures peak memory (max RSS).
if [ ! -x /usr/bin/time ]; then
  apt-get update -qq && apt-get install -y -qq time >/dev/null
fi

echo "== build offer-lint (the dist profile of the release binaries)" >&2
cargo build --profile dist --quiet
target_dir="$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')"
offer_lint="$target_dir/dist/offer-lint"
# A private copy, so that a rebuild by someone else during the run does not change the binary.
cp "$offer_lint" "$cache/offer-lint"
offer_lint="$cache/offer-lint"

echo "== tools in $cache" >&2
if ! npm ls --prefix "$cache" --depth=0 2>/dev/null | grep -q "ajv-cli@$AJV_CLI" ||
   ! npm ls --prefix "$cache" --depth=0 2>/dev/null | grep -q "ajv-formats@$AJV_FORMATS"; then
  npm install --prefix "$cache" --no-audit --no-fund --loglevel=error \
    "ajv-cli@$AJV_CLI" "ajv-formats@$AJV_FORMATS" >/dev/null
fi
if ! "$cache/venv/bin/check-jsonschema" --version 2>/dev/null | grep -q "$CHECK_JSONSCHEMA"; then
  rm -rf "$cache/venv"
  python3 -m venv "$cache/venv"
  "$cache/venv/bin/pip" install --quiet --disable-pip-version-check "check-jsonschema==$CHECK_JSONSCHEMA"
fi
echo "offer-lint $("$offer_lint" --version | awk '{print $2}'), ajv-cli $AJV_CLI + ajv-formats $AJV_FORMATS" \
  "(node $(node --version)), check-jsonschema $CHECK_JSONSCHEMA (python $(python3 -c 'import platform; print(platform.python_version())'))"

echo "== repositories and schema" >&2
sizes="${BENCH_SIZES:-1,1000,10000}"
for n in ${sizes//,/ }; do
  python3 scripts/bench/gen.py "$n" "$cache/repos/$n"
done
"$offer_lint" schema --output "$cache/offer.schema.json"

echo "== run (load average now: $(cut -d' ' -f1-3 /proc/loadavg))" >&2
args=(
  --offer-lint "$offer_lint"
  --ajv "$cache/node_modules/.bin/ajv"
  --check-jsonschema "$cache/venv/bin/check-jsonschema"
  --schema "$cache/offer.schema.json"
  --repos "$cache/repos"
  --sizes "$sizes"
  --rounds "${BENCH_ROUNDS:-1:30,1000:10,10000:5}"
  --slow-rounds "${BENCH_SLOW_ROUNDS:-1000:3,10000:1}"
)
if [ -n "${BENCH_JSON:-}" ]; then
  args+=(--json "$BENCH_JSON")
fi
exec python3 scripts/bench/run.py "${args[@]}"
