#!/usr/bin/env bash
# Runs every check: format, lints, unit/integration/store tests (SQLite, and PostgreSQL when
# AGORA_TEST_POSTGRES_URL is set), then the browser suite against the release build.
# Prints each stage's time at the end, whether the run passed or not.
set -euo pipefail
cd "$(dirname "$0")/.."

started=$SECONDS
stage_names=()
stage_times=()
current=""
current_start=$SECONDS
finish_stage() {
  if [ -n "$current" ]; then
    stage_names+=("$current")
    stage_times+=("$((SECONDS - current_start))")
  fi
  current=""
}
stage() {
  finish_stage
  current="$*"
  current_start=$SECONDS
  printf '\n\033[1m==> [%ss] %s\033[0m\n' "$((SECONDS - started))" "$*"
}
report() {
  local status=${1:-$?}
  finish_stage
  printf '\n\033[1mStage times\033[0m\n'
  for i in "${!stage_names[@]}"; do
    printf '  %6ss  %s\n' "${stage_times[$i]}" "${stage_names[$i]}"
  done
  printf '  %6ss  total (%s)\n' "$((SECONDS - started))" "$([ "$status" -eq 0 ] && echo passed || echo FAILED)"
}
trap report EXIT

stage "setup (install what is missing)"
scripts/setup.sh --browser
. scripts/env.sh

# A full build needs about 20 GiB; a build folder grown over many runs can fill a small disk, and a
# failed write mid-build reads as a test failure. Start clean instead when space runs short.
free_kib() { mkdir -p "$CARGO_TARGET_DIR" && df -Pk "$CARGO_TARGET_DIR" | awk 'NR==2 {print $4}'; }
if [ "$(free_kib)" -lt $((25 * 1024 * 1024)) ]; then
  echo "low disk space ($(($(free_kib) / 1024)) MiB free): emptying $CARGO_TARGET_DIR"
  rm -rf "$CARGO_TARGET_DIR"/debug/incremental "$CARGO_TARGET_DIR"/*/debug/incremental
  [ "$(free_kib)" -ge $((25 * 1024 * 1024)) ] || cargo clean
fi

stage "the repository stands alone (nothing read from beside the clone)"
if git grep -nE '\.\./(\.\./)*shared/|\.\./\.library' -- ':!README.md' ':!*.md' ; then
  echo "the lines above read files from outside the repository: copy the data into reference/" >&2
  exit 1
fi

stage "cargo fmt --check"
cargo fmt --all -- --check

# Two lanes side by side: the release build works in its own folders (release, and the WASM's), so
# it never waits on the debug builds' lock, and one lane's single-threaded steps (type checking the
# big `app` crate, linking) leave the second core to the other. The tests themselves then run with
# the machine to themselves: some measure batching under a burst of requests.
stage "release build started beside (cargo leptos build --release)"
release_log="$(mktemp)"
export -f build_release
# Its own process group, so that a failure elsewhere stops the whole build (cargo-leptos and its cargo).
setsid bash -c 'start=$SECONDS; build_release && echo "release build took $((SECONDS - start))s"' >"$release_log" 2>&1 &
release_pid=$!
# The status goes to report as an argument: under `set -e`, a `(exit $status)` here would end the
# trap before the stage times are printed.
trap 'status=$?; kill -- "-$release_pid" 2>/dev/null || true; report "$status"' EXIT

stage "cargo clippy (server side)"
cargo clippy --all-targets --features app/ssr -- -D warnings

stage "cargo clippy (browser side)"
cargo clippy -p frontend --target wasm32-unknown-unknown -- -D warnings

stage "cargo test: build"
cargo test --features app/ssr --no-run

stage "release build finished (waiting for it)"
if ! wait "$release_pid"; then
  cat "$release_log"
  echo "the release build failed (its log is above)" >&2
  exit 1
fi
# What a browser downloads (the precompress table), and whether wasm-opt ran.
grep -iE 'release build took|Finished|wasm-opt|optimi' "$release_log" || true
sed -n '/^fichier /,/^release build took/p' "$release_log"
trap report EXIT

stage "cargo test: run (SQLite${AGORA_TEST_POSTGRES_URL:+ and PostgreSQL})"
cargo test --features app/ssr

stage "browser tests (Playwright, Debian Chromium): hydrated and without JavaScript, axe-core on each page"
# Each Playwright worker starts its own server from this binary, over a fresh demo database.
(cd end2end && AGORA_BIN="$AGORA_BIN" npx playwright test)
finish_stage
echo "all checks passed"
