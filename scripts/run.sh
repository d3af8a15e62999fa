#!/usr/bin/env bash
# Installs what is missing, builds the release and serves the demo on http://127.0.0.1:3000.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
. scripts/env.sh
build_release
export DATABASE_URL="${DATABASE_URL:-sqlite://data/agora.db}"
exec "$AGORA_BIN" serve --demo
