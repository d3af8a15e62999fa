# Sourced by the scripts: one build folder for run and test, outside the clone so it survives it.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/agora/target}"
export PATH="$PWD/end2end/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export LEPTOS_SITE_ROOT="${LEPTOS_SITE_ROOT:-$CARGO_TARGET_DIR/site}"
AGORA_BIN="$CARGO_TARGET_DIR/release/agora"
build_release() {
  # cargo-leptos writes the site where LEPTOS_SITE_ROOT says; then every asset is compressed once,
  # at the best levels, for the server to send as it is (the table shows what a browser downloads).
  cargo leptos build --release
  # The path again rather than $AGORA_BIN: test.sh runs this function in a fresh bash.
  "$CARGO_TARGET_DIR/release/agora" precompress "$LEPTOS_SITE_ROOT/pkg"
}
# Scripted builds start from a new clone's path each time, where incremental caches never pay off:
# they only fill the disk.
export CARGO_INCREMENTAL="${CARGO_INCREMENTAL:-0}"
