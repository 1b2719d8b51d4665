#!/usr/bin/env bash
# Local cluster load test: PostgreSQL (deploy/pg-local.sh, fresh schema) + N `jobrec silo --cluster` processes on loopback
# (deploy/cluster-local.sh) + a generated market (LOADTEST_JOBS lt-job-N postings, LOADTEST_USERS lt-user-N profiles, seeded
# through the client SDK over every gateway) + LOADTEST_SECONDS of load through the SDK over every gateway -> report folder.
# Everything it started is stopped on exit (silos get SIGTERM, the schema is dropped, PostgreSQL is stopped if it started it).
#   deploy/loadtest-local.sh [extra jobrec loadtest args, e.g. --mix recommend=1 --users 32]
# Env: LOADTEST_SILOS (3), LOADTEST_SECONDS (60), LOADTEST_WARMUP (10), LOADTEST_JOBS (100000), LOADTEST_USERS (20000),
#      LOADTEST_OUT (loadtest-report), LOADTEST_PG_PORT (57432), LOADTEST_PORT_BASE (57000: gateways BASE.., silo-to-silo BASE+100..,
#      HTTP BASE+200..), LOADTEST_NO_BUILD (set: use the existing Release build)
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
for v in silos seconds warmup jobs users pg_port port_base; do
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
  CLUSTER_HTTP_BASE="$((port_base + 200))"
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
eval "$(deploy/cluster-local.sh start "$silos")"

# cluster-local.sh returns once every silo is an active member of the Orleans membership table.
echo "loadtest-local: $silos silos active ($JOBREC_GATEWAYS); load average $(cat /proc/loadavg)" >&2

set +e
DOTNET_gcServer=0 dotnet "$dll" loadtest --target "silo:$JOBREC_GATEWAYS" --seed-jobs "$jobs" --seed-users "$users" \
  --seconds "$seconds" --warmup-seconds "$warmup" --out "$out" "$@"
rc=$?
set -e
echo "loadtest-local: $silos silos, load average $(cat /proc/loadavg), report in $out" >&2
exit "$rc"
