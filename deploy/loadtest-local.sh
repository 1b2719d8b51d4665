#!/usr/bin/env bash
# Local cluster load test: PostgreSQL (deploy/pg-local.sh) + N `jobrec silo --cluster` processes on loopback
# + a generated market (LOADTEST_JOBS lt-job-N postings, LOADTEST_USERS lt-user-N profiles, seeded through the client SDK
# over every gateway) + LOADTEST_SECONDS of load through the SDK over every gateway -> report folder.
# Everything it started is stopped on exit (silos get SIGTERM, the schema is dropped, PostgreSQL is stopped if it started it).
#   deploy/loadtest-local.sh [extra jobrec loadtest args, e.g. --mix recommend=1 --users 32]
# Env: LOADTEST_SILOS (3), LOADTEST_SECONDS (60), LOADTEST_WARMUP (10), LOADTEST_JOBS (100000), LOADTEST_USERS (20000),
#      LOADTEST_OUT (loadtest-report), LOADTEST_PG_PORT (57432), LOADTEST_PARTITIONS (256), LOADTEST_NO_BUILD (unset)
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
silos="${LOADTEST_SILOS:-3}"
seconds="${LOADTEST_SECONDS:-60}"
warmup="${LOADTEST_WARMUP:-10}"
jobs="${LOADTEST_JOBS:-100000}"
users="${LOADTEST_USERS:-20000}"
out="${LOADTEST_OUT:-loadtest-report}"
pg_port="${LOADTEST_PG_PORT:-57432}"
partitions="${LOADTEST_PARTITIONS:-256}"
case "$silos" in ''|*[!0-9]*) echo "loadtest-local: LOADTEST_SILOS must be a number 1..16" >&2; exit 2 ;; esac
[ "$silos" -ge 1 ] && [ "$silos" -le 16 ] || { echo "loadtest-local: LOADTEST_SILOS=$silos must be 1..16" >&2; exit 2; }

[ -n "${LOADTEST_NO_BUILD:-}" ] || dotnet build src/JobRec.Cli -c Release -v q -clp:ErrorsOnly >&2
dll="$root/src/JobRec.Cli/bin/Release/net10.0/jobrec.dll"
[ -f "$dll" ] || { echo "loadtest-local: $dll not found (build src/JobRec.Cli -c Release)" >&2; exit 1; }

state="$(mktemp -d /tmp/jobrec-loadtest-XXXXXX)"
schema="lt_$(date +%s)_$$"
pids=()
started_pg=""
export JOBREC_PG_PORT="$pg_port"
psql_cmd() { PGOPTIONS="-c search_path=$schema" psql -X -q -At -h 127.0.0.1 -p "$pg_port" -U jobrec -d jobrec "$@"; }
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  psql -X -q -h 127.0.0.1 -p "$pg_port" -U jobrec -d jobrec -c "DROP SCHEMA IF EXISTS $schema CASCADE" >/dev/null 2>&1 || true
  [ -z "$started_pg" ] || deploy/pg-local.sh stop
  rm -rf "$state"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if ! deploy/pg-local.sh status >/dev/null 2>&1; then started_pg=1; fi
eval "$(deploy/pg-local.sh start)"
psql -X -q -h 127.0.0.1 -p "$pg_port" -U jobrec -d jobrec -c "CREATE SCHEMA $schema" >/dev/null
conn="$JOBREC_PG;Search Path=$schema"
echo "loadtest-local: PostgreSQL 127.0.0.1:$pg_port schema $schema; starting $silos silos (state $state); load average $(cat /proc/loadavg)" >&2

gateways=()
for i in $(seq 1 "$silos"); do
  dir="$state/silo-$i"; mkdir -p "$dir"
  (cd "$dir" && DOTNET_gcServer=0 exec env "Logging__LogLevel__Microsoft.AspNetCore=Warning" dotnet "$dll" silo --cluster "$conn" \
    --silo-id "lt-silo-$i" --port 0 --silo-port 0 --partitions "$partitions" --lease-seconds 10 \
    --index-dir "$state/index" --storage "$dir/unused.db" >"$dir/silo.log" 2>&1) &
  pids+=($!)
  gateway=""
  for _ in $(seq 1 180); do
    gateway="$(sed -n 's/^silo: cluster member .* gateway=\([^ ]*\) .*/\1/p' "$dir/silo.log" | head -1)"
    [ -n "$gateway" ] && break
    kill -0 "${pids[-1]}" 2>/dev/null || { echo "loadtest-local: silo $i exited:" >&2; tail -30 "$dir/silo.log" >&2; exit 1; }
    sleep 1
  done
  [ -n "$gateway" ] || { echo "loadtest-local: silo $i printed no banner within 180 s:" >&2; tail -30 "$dir/silo.log" >&2; exit 1; }
  echo "loadtest-local: silo lt-silo-$i gateway $gateway" >&2
  gateways+=("$gateway")
done

# Wait until every partition has a live owner and each silo holds its fair share, so no partition moves during the measurement.
low=$((partitions / silos))
for t in $(seq 1 120); do
  counts="$(psql_cmd -c "SELECT (SELECT count(*) FROM partition_lease WHERE owner IS NULL OR lease_until <= now()), (SELECT count(*) FROM (SELECT owner FROM partition_lease WHERE lease_until > now() GROUP BY owner) g), (SELECT coalesce(min(n), 0) FROM (SELECT count(*) n FROM partition_lease WHERE lease_until > now() GROUP BY owner) g)" 2>/dev/null || true)"
  IFS='|' read -r free owners smallest <<<"$counts"
  if [ "${free:-1}" = 0 ] && [ "${owners:-0}" = "$silos" ] && [ "${smallest:-0}" -ge "$low" ]; then break; fi
  [ "$t" -lt 120 ] || { echo "loadtest-local: partitions did not balance over $silos silos within 120 s (free=$free owners=$owners smallest=$smallest)" >&2; exit 1; }
  sleep 1
done
echo "loadtest-local: $partitions partitions balanced over $silos silos; load average $(cat /proc/loadavg)" >&2

target="silo:$(IFS=,; echo "${gateways[*]}")"
set +e
DOTNET_gcServer=0 dotnet "$dll" loadtest --target "$target" --seed-jobs "$jobs" --seed-users "$users" \
  --seconds "$seconds" --warmup-seconds "$warmup" --out "$out" "$@"
rc=$?
set -e
echo "loadtest-local: $silos silos, load average $(cat /proc/loadavg), report in $out" >&2
exit "$rc"
