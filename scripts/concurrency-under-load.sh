#!/usr/bin/env bash
# The two-process concurrency test (test/fulfilment/concurrency.test.ts), N times in a row while Debian's
# `stress` keeps both cores busy: it must pass every time (it asserts on what the database holds, never on
# clocks). Not part of CI; run by hand: bash scripts/concurrency-under-load.sh [N, default 20]
# Needs `stress` (apt-get install stress) and PostgreSQL on 127.0.0.1:5432 (CI=true runs both databases).
set -u
cd "$(dirname "$0")/.."
n=${1:-20}
command -v stress >/dev/null || { echo "stress is missing: apt-get install stress" >&2; exit 2; }
stress --cpu "$(nproc)" --timeout 7200 >/dev/null 2>&1 &
stress_pid=$!
trap 'kill "$stress_pid" 2>/dev/null; pkill -P "$stress_pid" 2>/dev/null' EXIT
pass=0
fail=0
for i in $(seq 1 "$n"); do
  log=$(mktemp)
  if CI=true npx vitest run --project e2e test/fulfilment/concurrency.test.ts >"$log" 2>&1; then
    pass=$((pass + 1))
    echo "run $i: passed (load $(cut -d' ' -f1 /proc/loadavg))"
  else
    fail=$((fail + 1))
    echo "run $i: FAILED, output in $log"
  fi
done
echo "concurrency under load: $pass passed, $fail failed of $n"
[ "$fail" -eq 0 ]
