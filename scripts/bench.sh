#!/usr/bin/env bash
# Benchmarks (release build).
# 1. Sortition: LEXIMIN on the published instances of reference/sortition, with the legacy greedy
#    method's minimum probability beside it (estimated over 2,000 draws in the same process).
# 2. Load over HTTP: figures for SQLite, and PostgreSQL when AGORA_TEST_POSTGRES_URL is set.
#    Options: --seconds N (default 60, as the goals are stated), --clients N (default 32),
#    --only signatures|thread|ballots|list|dashboards (the baseline always runs).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
cargo build --release -p server --bin agora
for instance in example_small_20:20 example_large_200:200; do
  name=${instance%%:*}
  data="reference/sortition/$name"
  echo "== LEXIMIN, $name (${instance##*:} seats)"
  "$CARGO_TARGET_DIR/release/agora" sortition probabilities --pool "$data/respondents.csv" \
    --quotas "$data/categories.csv" --seats "${instance##*:}" --greedy-draws 2000
done
exec cargo bench -p server --bench load -- "$@"
