#!/usr/bin/env bash
# Runs every check: format, lints, unit/integration/store tests (SQLite, and PostgreSQL when
# AGORA_TEST_POSTGRES_URL is set), then the browser suite against the release build.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --browser
. scripts/env.sh

started=$SECONDS
step() { printf '\n\033[1m==> [%ss] %s\033[0m\n' "$((SECONDS - started))" "$*"; }

# A full build needs about 20 GiB; a build folder grown over many runs can fill a small disk, and a
# failed write mid-build reads as a test failure. Start clean instead when space runs short.
free_kib() { mkdir -p "$CARGO_TARGET_DIR" && df -Pk "$CARGO_TARGET_DIR" | awk 'NR==2 {print $4}'; }
if [ "$(free_kib)" -lt $((25 * 1024 * 1024)) ]; then
  step "low disk space ($(($(free_kib) / 1024)) MiB free): emptying $CARGO_TARGET_DIR"
  rm -rf "$CARGO_TARGET_DIR"/debug/incremental "$CARGO_TARGET_DIR"/*/debug/incremental
  [ "$(free_kib)" -ge $((25 * 1024 * 1024)) ] || cargo clean
fi

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy (server side and browser side)"
cargo clippy --all-targets --features app/ssr -- -D warnings
cargo clippy -p frontend --target wasm32-unknown-unknown -- -D warnings

step "cargo test (SQLite${AGORA_TEST_POSTGRES_URL:+ and PostgreSQL})"
cargo test --features app/ssr

step "release build (cargo leptos build --release)"
build_release

step "browser tests (Playwright, Debian Chromium): hydrated and without JavaScript, axe-core on every page"
workdir=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
DATABASE_URL="sqlite://$workdir/agora.db" AGORA_DATA_DIR="$workdir" AGORA_MAIL_DIR="$workdir/mail" \
  LEPTOS_SITE_ADDR="127.0.0.1:$port" "$AGORA_BIN" serve --demo >"$workdir/server.log" 2>&1 &
server_pid=$!
trap 'kill $server_pid 2>/dev/null || true; wait $server_pid 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break
  sleep 0.2
done
curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null || { cat "$workdir/server.log"; exit 1; }
(cd end2end && AGORA_BASE_URL="http://127.0.0.1:$port" AGORA_MAIL_DIR="$workdir/mail" npx playwright test)
step "all checks passed"
