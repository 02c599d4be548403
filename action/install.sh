#!/usr/bin/env bash
# Installs the offer-lint that this action runs: the release archive of the action's own version,
# downloaded, checked against the release's checksum file and kept in the runner's tool cache, so
# that a run takes seconds and needs no Rust toolchain. When there is no release to download (the
# action is used at a branch or a commit, `version: source`, a runner the releases do not cover,
# or a version that was never released), it says so and leaves the build from source to the next
# steps of action.yml, with the outputs they need.
#
# Inputs (environment): VERSION (the action's `version` input: empty, `source`, or a version such as
# 0.1.0 or v0.1.0), ACTION_REF (github.action_ref), RUNNER_OS, RUNNER_ARCH, RUNNER_TOOL_CACHE,
# RUNNER_TEMP, GITHUB_OUTPUT, GITHUB_PATH, ACTION_PATH (the action's source), RELEASES (the URL
# the release folders are under), PINNED_TOOLCHAIN (the toolchain a build from source uses).
# Outputs: `source` (release or build); for a build, `key`, `root` and `toolchain`.
#
# Nothing here reads the checked-out repository: the pull request's files cannot choose what is
# downloaded, from where, or what is run.
set -euo pipefail

RELEASES="${RELEASES:-https://github.com/offer-lint/offer-lint/releases/download}"
output() { echo "$1=$2" >> "$GITHUB_OUTPUT"; }

if command -v sha256sum >/dev/null 2>&1; then sha=(sha256sum); else sha=(shasum -a 256); fi
sha256() { "${sha[@]}" "$@"; }

# The build from source, left to action.yml: its cache key names the compiler and the content of
# every file of the action's source (never file times, which a fresh checkout resets).
build_from_source() {
  echo "offer-lint: $1; building it from the action's source"
  local compiler tree
  if command -v rustup >/dev/null 2>&1; then
    compiler="rustc-$PINNED_TOOLCHAIN"
  elif command -v rustc >/dev/null 2>&1; then
    compiler="$(rustc --version | tr -c 'A-Za-z0-9.\n-' '_')"
  else
    echo "::error title=offer-lint::offer-lint must be built from source here and there is no Rust toolchain: add one (e.g. dtolnay/rust-toolchain@stable) before this action, or use a released version"
    exit 1
  fi
  tree=$(cd "$ACTION_PATH" && find . -path ./target -prune -o -path ./.git -prune -o -type f -print0 |
    LC_ALL=C sort -z | xargs -0 "${sha[@]}" | sha256 | cut -c1-24)
  output source build
  output key "offer-lint-src-$RUNNER_OS-$RUNNER_ARCH-$compiler-$tree"
  output root "$HOME/.cache/offer-lint-action"
  output toolchain "$PINNED_TOOLCHAIN"
  exit 0
}

version="${VERSION#v}"
if [ "$version" = "source" ]; then
  build_from_source "version: source"
fi
if [ -z "$version" ]; then
  case "${ACTION_REF:-}" in
    v[0-9]*.[0-9]*.[0-9]*) version="${ACTION_REF#v}" ;;
    *) build_from_source "no release matches the action's ref '${ACTION_REF:-}'" ;;
  esac
fi
# The version names a file and a URL: only the characters of a version.
if ! [[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+([.+-][0-9A-Za-z.+-]*)?$ ]]; then
  echo "::error title=offer-lint::version '$version' is not a version (e.g. 0.1.0), nor 'source'"
  exit 1
fi

case "$RUNNER_OS/$RUNNER_ARCH" in
  Linux/X64) target=x86_64-unknown-linux-musl ;;
  Linux/ARM64) target=aarch64-unknown-linux-musl ;;
  macOS/X64) target=x86_64-apple-darwin ;;
  macOS/ARM64) target=aarch64-apple-darwin ;;
  Windows/X64) target=x86_64-pc-windows-msvc ;;
  *) build_from_source "no release archive for $RUNNER_OS on $RUNNER_ARCH" ;;
esac
case "$target" in
  *windows*) archive="offer-lint-$version-$target.zip" exe=offer-lint.exe ;;
  *) archive="offer-lint-$version-$target.tar.gz" exe=offer-lint ;;
esac

# The tool cache layout of actions/tool-cache: <tool>/<version>/<arch>, complete once
# <arch>.complete exists, so a run that stopped half-way is never taken for an install.
cache="$RUNNER_TOOL_CACHE/offer-lint/$version/$RUNNER_ARCH"
if [ -f "$cache.complete" ] && [ -x "$cache/$exe" ]; then
  echo "offer-lint $version: from the tool cache ($cache)"
  echo "$cache" >> "$GITHUB_PATH"
  output source release
  exit 0
fi

work="$(mktemp -d "${RUNNER_TEMP:-/tmp}/offer-lint.XXXXXX")"
trap 'rm -rf "$work"' EXIT
fetch() { curl --fail --silent --show-error --location --retry 3 --proto '=https,http' --output "$2" "$1"; }
sums="offer-lint-$version-sha256sums.txt"
url="$RELEASES/v$version"
echo "offer-lint $version: downloading $url/$archive"
if ! fetch "$url/$sums" "$work/$sums" 2>"$work/curl.log" ||
   ! fetch "$url/$archive" "$work/$archive" 2>>"$work/curl.log"; then
  cat "$work/curl.log" >&2
  build_from_source "no release $version to download for $target"
fi

# The archive must be the one the checksum file names, exactly once: anything else is refused,
# never installed and never replaced by a build.
expected=$(awk -v name="$archive" '$2 == name || $2 == "*" name { print $1 }' "$work/$sums")
if [ "$(printf '%s\n' "$expected" | grep -c .)" != 1 ]; then
  echo "::error title=offer-lint::$sums does not list $archive exactly once; refusing the download"
  exit 1
fi
actual=$(sha256 "$work/$archive" | cut -d' ' -f1)
if [ "$actual" != "$expected" ]; then
  echo "::error title=offer-lint::the SHA-256 of $archive is $actual, the release says $expected; refusing the download"
  exit 1
fi
echo "offer-lint $version: SHA-256 $actual verified"

mkdir "$work/unpacked"
case "$archive" in
  *.zip) unzip -q "$work/$archive" -d "$work/unpacked" ;;
  *) tar -xzf "$work/$archive" -C "$work/unpacked" ;;
esac
found="$work/unpacked/offer-lint-$version-$target/$exe"
if [ ! -f "$found" ]; then
  echo "::error title=offer-lint::$archive has no offer-lint-$version-$target/$exe"
  exit 1
fi
rm -rf "$cache" "$cache.complete"
mkdir -p "$cache"
cp "$found" "$cache/$exe"
chmod +x "$cache/$exe"
touch "$cache.complete"
echo "$cache" >> "$GITHUB_PATH"
output source release
echo "offer-lint $version: installed in $cache"
