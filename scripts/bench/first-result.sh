#!/usr/bin/env bash
# "Time to first result" (BENCHMARKS.md): how long a new user waits before offer-lint first
# answers, for each way of installing it, on this machine and offline:
#   1. pip install of the wheel into a fresh venv, plus its first run on the demo;
#   2. the default pre-commit hook's first run (pre-commit installs the hook repository, pip
#      the wheel from a local folder), on a copy of the demo offer;
#   3. the action's install script: download of the archive from a release served from
#      127.0.0.1, SHA-256 check, unpack, tool cache;
#   4. a build from source (`cargo install --locked --path .` into an empty target folder) with
#      the release profile, and with the profile it had before (fat LTO, one codegen unit).
# The wheel and the archive hold the `dist` build of this checkout. The Linux archive is named
# for the musl target the action asks for, but holds this machine's build (the download is
# what is measured). Usage: scripts/bench/first-result.sh [ROUNDS] (default 3; the builds from
# source run once, and not at all with FIRST_RESULT_BUILDS=0).
set -euo pipefail
cd "$(dirname "$0")/../.."
repo="$PWD"
rounds="${1:-3}"
work="$(mktemp -d)"
trap 'kill "${server:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n1)
# The wall time of a command in seconds; a command that fails stops the script (its time would
# mean nothing), with its output.
seconds() {
  local s e
  s=$(date +%s.%N)
  if ! "$@" >"$work/last.log" 2>&1; then
    echo "first-result: $* failed:" >&2
    cat "$work/last.log" >&2
    exit 1
  fi
  e=$(date +%s.%N)
  echo "$e - $s" | bc
}

echo "== dist build, wheel and archive (not timed)" >&2
cargo build --locked --profile dist --quiet
(cd python/offer-lint && maturin build --profile dist --out "$work/wheels" >/dev/null 2>&1)
target=x86_64-unknown-linux-musl
name="offer-lint-$version-$target"
mkdir -p "$work/releases/v$version" "$work/stage/$name"
cp target/dist/offer-lint "$work/stage/$name/"
tar -czf "$work/releases/v$version/$name.tar.gz" -C "$work/stage" "$name"
(cd "$work/releases/v$version" && sha256sum "$name.tar.gz" > "offer-lint-$version-sha256sums.txt")
ls -l "$work/wheels" "$work/releases/v$version" >&2
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m http.server --bind 127.0.0.1 --directory "$work/releases" "$port" >/dev/null 2>&1 &
server=$!
sleep 1

pip_first() {
  rm -rf "$work/venv"
  python3 -m venv "$work/venv"
  "$work/venv/bin/pip" install --quiet --disable-pip-version-check --no-index \
    --find-links "$work/wheels" offer-lint
  "$work/venv/bin/offer-lint" check fixtures/demo/offers/fabrikam-secure-linux
}
hook_first() {
  rm -rf "$work/hook" "$work/pre-commit-home"
  mkdir -p "$work/hook"
  cp -R fixtures/demo/offers/fabrikam-secure-linux "$work/hook/"
  git -C "$work/hook" init -q && git -C "$work/hook" add -A
  (cd "$work/hook" && PRE_COMMIT_HOME="$work/pre-commit-home" PIP_NO_INDEX=1 \
    PIP_FIND_LINKS="$work/wheels" pre-commit try-repo "$repo" offer-lint --all-files)
}
action_first() {
  rm -rf "$work/runner"
  mkdir -p "$work/runner"
  : > "$work/runner/output"; : > "$work/runner/path"
  RELEASES="http://127.0.0.1:$port" VERSION="$version" ACTION_REF="" ACTION_PATH="$repo" \
    PINNED_TOOLCHAIN=unused RUNNER_OS=Linux RUNNER_ARCH=X64 RUNNER_TEMP="$work/runner" \
    RUNNER_TOOL_CACHE="$work/runner/tool-cache" GITHUB_OUTPUT="$work/runner/output" \
    GITHUB_PATH="$work/runner/path" bash action/install.sh
  "$(cat "$work/runner/path")/offer-lint" check fixtures/demo/offers/fabrikam-secure-linux
}
for what in pip_first hook_first action_first; do
  for _ in $(seq "$rounds"); do printf '%s %s\n' "$what" "$(seconds "$what")"; done
done
if [ "${FIRST_RESULT_BUILDS:-1}" = 0 ]; then exit 0; fi
build() {
  rm -rf "$work/build"
  cargo install --locked --quiet --path . --root "$work/build" --target-dir "$work/build/target"
}
printf 'build_release_profile %s\n' "$(seconds build)"
printf 'build_before_fat_lto %s\n' "$(CARGO_PROFILE_RELEASE_OPT_LEVEL=3 CARGO_PROFILE_RELEASE_LTO=fat \
  CARGO_PROFILE_RELEASE_CODEGEN_UNITS=1 seconds build)"
