#!/usr/bin/env bash
# Local cluster load test: PostgreSQL (deploy/pg-local.sh, fresh schema) + N `jobrec silo --cluster` processes on loopback
# (deploy/cluster-local.sh) + a generated market (LOADTEST_JOBS lt-job-N postings, LOADTEST_USERS lt-user-N profiles, seeded
# through the client SDK over every gateway) + LOADTEST_SECONDS of load through the SDK over every gateway -> report folder.
# Everything it started is stopped on exit (silos get SIGTERM, the schema is dropped, PostgreSQL is stopped if it started it).
#   deploy/loadtest-local.sh [extra jobrec loadtest args, e.g. --mix recommend=1 --users 32]
# Env: LOADTEST_SILOS (3), LOADTEST_SECONDS (60), LOADTEST_WARMUP (10), LOADTEST_JOBS (100000), LOADTEST_USERS (20000),
#      LOADTEST_OUT (loadtest-report), LOADTEST_PG_PORT (57432), LOADTEST_PORT_BASE (57000: gateways BASE.., silo-to-silo BASE+100..),
#      LOADTEST_PARTITIONS (256), LOADTEST_NO_BUILD (set: use the existing Release build)
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
port_base="${LOADTEST_PORT_BASE:-57000}"
partitions="${LOADTEST_PARTITIONS:-256}"
for v in silos seconds warmup jobs users pg_port port_base partitions; do
  [[ "${!v}" =~ ^[0-9]+$ ]] || { echo "loadtest-local: $v='${!v}' must be a whole number" >&2; exit 2; }
done
[ "$silos" -ge 1 ] && [ "$silos" -le 16 ] || { echo "loadtest-local: LOADTEST_SILOS=$silos must be 1..16" >&2; exit 2; }

[ -n "${LOADTEST_NO_BUILD:-}" ] || dotnet build src/JobRec.Cli -c Release -v q -clp:ErrorsOnly >&2
dll="$root/src/JobRec.Cli/bin/Release/net10.0/jobrec.dll"
[ -f "$dll" ] || { echo "loadtest-local: $dll not found (build src/JobRec.Cli -c Release)" >&2; exit 1; }

state="$(mktemp -d /tmp/jobrec-loadtest-XXXXXX)"
schema="lt_$(date +%s)_$$"
started_pg=""
export JOBREC_PG_PORT="$pg_port" CLUSTER_DIR="$state/cluster" CLUSTER_GATEWAY_BASE="$port_base" CLUSTER_SILO_BASE="$((port_base + 100))" \
  CLUSTER_PARTITIONS="$partitions" CLUSTER_LEASE_SECONDS=10
psql_cmd() { PGOPTIONS="-c search_path=$schema" psql -X -q -At -h 127.0.0.1 -p "$pg_port" -U jobrec -d jobrec "$@"; }
cleanup() {
  deploy/cluster-local.sh stop >/dev/null 2>&1 || true
  psql -X -q -h 127.0.0.1 -p "$pg_port" -U jobrec -d jobrec -c "DROP SCHEMA IF EXISTS $schema CASCADE" >/dev/null 2>&1 || true
  [ -z "$started_pg" ] || deploy/pg-local.sh stop
  rm -rf "$state"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if ! deploy/pg-local.sh status >/dev/null 2>&1; then started_pg=1; fi
eval "$(deploy/pg-local.sh start)"
psql -X -q -h 127.0.0.1 -p "$pg_port" -U jobrec -d jobrec -c "CREATE SCHEMA $schema" >/dev/null
export JOBREC_PG="$JOBREC_PG;Search Path=$schema"
echo "loadtest-local: PostgreSQL 127.0.0.1:$pg_port schema $schema; starting $silos silos; load average $(cat /proc/loadavg)" >&2
# The silos share one working directory, so the index shard logs (.jobrec/index) follow a shard that moves between them.
eval "$(deploy/cluster-local.sh start "$silos")"

# Wait until every partition has a live owner and each silo holds its fair share, so no partition moves during the measurement.
low=$((partitions / silos))
for t in $(seq 1 120); do
  counts="$(psql_cmd -c "SELECT (SELECT count(*) FROM partition_lease WHERE owner IS NULL OR lease_until <= now()), (SELECT count(*) FROM (SELECT owner FROM partition_lease WHERE lease_until > now() GROUP BY owner) g), (SELECT coalesce(min(n), 0) FROM (SELECT count(*) n FROM partition_lease WHERE lease_until > now() GROUP BY owner) g)" 2>/dev/null || true)"
  IFS='|' read -r free owners smallest <<<"$counts"
  if [ "${free:-1}" = 0 ] && [ "${owners:-0}" = "$silos" ] && [ "${smallest:-0}" -ge "$low" ]; then break; fi
  [ "$t" -lt 120 ] || { echo "loadtest-local: partitions did not balance over $silos silos within 120 s (free=$free owners=$owners smallest=$smallest)" >&2; exit 1; }
  sleep 1
done
echo "loadtest-local: $partitions partitions balanced over $silos silos ($JOBREC_GATEWAYS); load average $(cat /proc/loadavg)" >&2

set +e
DOTNET_gcServer=0 dotnet "$dll" loadtest --target "silo:$JOBREC_GATEWAYS" --seed-jobs "$jobs" --seed-users "$users" \
  --seconds "$seconds" --warmup-seconds "$warmup" --out "$out" "$@"
rc=$?
set -e
echo "loadtest-local: $silos silos, load average $(cat /proc/loadavg), report in $out" >&2
exit "$rc"
