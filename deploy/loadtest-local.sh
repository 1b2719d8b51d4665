#!/usr/bin/env bash
# Local load test: starts an embedded silo (`jobrec serve`, hashed encoder, state in a temp folder),
# seeds the lt-* jobs/users through the HTTP API, runs load for LOADTEST_SECONDS, writes the report, stops the silo.
# Falls back to ONE silo: the 3-silo PostgreSQL cluster scripts (deploy/cluster-*.sh) had not landed when this was written;
# when they exist, point --target at each silo's gateway/API instead of starting `jobrec serve` here.
#   deploy/loadtest-local.sh [extra jobrec loadtest args...]
# Env: LOADTEST_SECONDS (60), LOADTEST_JOBS (100000), LOADTEST_USERS (20000), LOADTEST_OUT (loadtest-report), LOADTEST_PORT (5090)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${LOADTEST_SECONDS:-60}"
jobs="${LOADTEST_JOBS:-100000}"
users="${LOADTEST_USERS:-20000}"
out="${LOADTEST_OUT:-loadtest-report}"
port="${LOADTEST_PORT:-5090}"
state="$(mktemp -d)"
dotnet build src/JobRec.Cli -c Release -v q >/dev/null
cli=(dotnet run --no-build --project src/JobRec.Cli -c Release --)
"${cli[@]}" serve --dir "$state" --url "http://127.0.0.1:$port" --gateway-port 0 --encoder hashed >"$state/silo.log" 2>&1 &
silo=$!
trap 'kill "$silo" 2>/dev/null || true; wait "$silo" 2>/dev/null || true; rm -rf "$state"' EXIT
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$port/health" >/dev/null && break
  kill -0 "$silo" 2>/dev/null || { cat "$state/silo.log"; exit 1; }
  sleep 1
done
"${cli[@]}" loadtest --target "http://127.0.0.1:$port" --seed-jobs "$jobs" --seed-users "$users" \
  --seconds "$seconds" --warmup-seconds 10 --out "$out" "$@"
