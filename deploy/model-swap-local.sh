#!/usr/bin/env bash
# A local cluster (PostgreSQL + SWAP_SILOS silos, deploy/cluster-local.sh) serving a recommender trained by `jobrec train recommender --cluster`,
# swapped to a second version and back while `jobrec loadtest` drives it through every gateway. Prints each silo's served version after each
# swap and the loadtest line (`errors=` must be 0). Exit code: the loadtest's, or 3 when a silo did not swap within SWAP_WAIT (60) s.
# Env: SWAP_SILOS (3), SWAP_SECONDS (45, measured load), SWAP_USERS / SWAP_JOBS (synthetic market the models train on: 2000 / 5000),
#      LOADTEST_PG_PORT (57432), LOADTEST_PORT_BASE (57000: gateways BASE.., silo-to-silo BASE+100.., HTTP BASE+200..), SWAP_TMP (/tmp: run folder parent).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
silos="${SWAP_SILOS:-3}"
seconds="${SWAP_SECONDS:-45}"
pg_port="${LOADTEST_PG_PORT:-57432}"
port_base="${LOADTEST_PORT_BASE:-57000}"
if [ "$pg_port" -ge "$port_base" ] && [ "$pg_port" -lt $((port_base + 300)) ]; then
  echo "model-swap: LOADTEST_PG_PORT=$pg_port lies in the silo port range $port_base..$((port_base + 299))" >&2; exit 2
fi
http_base=$((port_base + 200))
dll="$root/src/JobRec.Cli/bin/Release/net10.0/jobrec.dll"
[ -f "$dll" ] || dotnet build src/JobRec.Cli -c Release -v q -clp:ErrorsOnly >&2
jobrec() { dotnet "$dll" "$@"; }

mkdir -p "${SWAP_TMP:-/tmp}"
state="$(mktemp -d "${SWAP_TMP:-/tmp}/jobrec-swap-XXXXXX")"
schema="swap_$(date +%s)_$$"
started_pg=""
export JOBREC_PG_PORT="$pg_port" CLUSTER_DIR="$state/cluster" CLUSTER_GATEWAY_BASE="$port_base" CLUSTER_SILO_BASE="$((port_base + 100))" \
  CLUSTER_HTTP_BASE="$http_base"
cleanup() {
  deploy/cluster-local.sh stop >/dev/null 2>&1 || true
  psql -X -q -h 127.0.0.1 -p "$pg_port" -U jobrec -d jobrec -c "DROP SCHEMA IF EXISTS $schema CASCADE" >/dev/null 2>&1 || true
  [ -z "$started_pg" ] || deploy/pg-local.sh stop >/dev/null 2>&1 || true
  rm -rf "$state"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if ! deploy/pg-local.sh status >/dev/null 2>&1; then started_pg=1; fi
eval "$(deploy/pg-local.sh start)"
psql -X -q -h 127.0.0.1 -p "$pg_port" -U jobrec -d jobrec -c "CREATE SCHEMA $schema" >/dev/null
export JOBREC_PG="$JOBREC_PG;Search Path=$schema"
train=(train recommender --synthetic --synthetic-users "${SWAP_USERS:-2000}" --synthetic-jobs "${SWAP_JOBS:-5000}" --fm-epochs 3 --max-test-users 500 --cluster)
jobrec "${train[@]}" --seed 1 2>/dev/null | grep '^train: '
jobrec "${train[@]}" --seed 2 --no-activate 2>/dev/null | grep '^train: '
cluster_env="$(deploy/cluster-local.sh start "$silos")" || { echo "model-swap: the cluster did not start (logs in $CLUSTER_DIR)" >&2; exit 1; }
eval "$cluster_env"
echo "model-swap: $silos silos active ($JOBREC_GATEWAYS); load average $(cat /proc/loadavg)" >&2

served() { # served recommender version of silo I
  curl -fsS "http://127.0.0.1:$((http_base + $1 - 1))/models" | python3 -c 'import json,sys; print(next(m["version"] for m in json.load(sys.stdin) if m["name"]=="recommender"))'
}
wait_all() { # every silo serves version $1
  local deadline=$((SECONDS + ${SWAP_WAIT:-60})) i line
  while :; do
    line=""; local ok=1
    for i in $(seq 1 "$silos"); do v="$(served "$i" || echo '?')"; line="$line s$i=v$v"; [ "$v" = "$1" ] || ok=0; done
    if [ "$ok" = 1 ]; then echo "model-swap: every silo serves recommender v$1:$line"; return 0; fi
    if [ "$SECONDS" -ge "$deadline" ]; then echo "model-swap: not every silo swapped to v$1 within ${SWAP_WAIT:-60} s:$line" >&2; return 1; fi
    sleep 0.2
  done
}
wait_all 1 || exit 3
# Seeding (lt-job-N, lt-user-N) in a first short run, so the swaps fall inside the measured load of the second.
jobrec loadtest --target "silo:$JOBREC_GATEWAYS" --seed-jobs 1000 --seed-users 200 --seed-parallelism 32 --seconds 1 --warmup-seconds 0 \
  --out "$state/seed" >"$state/seed.out" 2>&1 || { echo "model-swap: seeding run failed:" >&2; grep -m3 -E 'Exception|rror' "$state/seed.out" >&2; exit 1; }
jobrec loadtest --target "silo:$JOBREC_GATEWAYS" --no-seed --seconds "$seconds" --warmup-seconds 3 --out "$state/report" >"$state/loadtest.out" 2>&1 &
load=$!
sleep $((3 + seconds / 3))
t0=$SECONDS; jobrec models activate recommender 2 --cluster; wait_all 2 || { kill "$load" 2>/dev/null; cat "$state/loadtest.out" | grep '^loadtest:'; exit 3; }; echo "model-swap: swap to v2 seen by every silo after $((SECONDS - t0)) s"
sleep $((seconds / 3))
t0=$SECONDS; jobrec models activate recommender 1 --cluster; wait_all 1 || { kill "$load" 2>/dev/null; cat "$state/loadtest.out" | grep '^loadtest:'; exit 3; }; echo "model-swap: swap back to v1 seen by every silo after $((SECONDS - t0)) s"
set +e
wait "$load"; rc=$?
set -e
grep '^loadtest:' "$state/loadtest.out" || tail -20 "$state/loadtest.out"
echo "model-swap: load average $(cat /proc/loadavg)" >&2
exit "$rc"
