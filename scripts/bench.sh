#!/usr/bin/env bash
# Load benchmark over HTTP (release build): figures for SQLite, and PostgreSQL when
# AGORA_TEST_POSTGRES_URL is set. Options: --seconds N (default 20), --clients N (default 32).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
exec cargo bench -p server --bench load -- "$@"
