#!/usr/bin/env bash
# A throwaway local silo cluster: PostgreSQL (deploy/pg-local.sh) + N `jobrec silo --cluster` processes on loopback ports.
#   deploy/cluster-local.sh start [N]   start PostgreSQL (unless JOBREC_PG is set) and N silos (default 3); waits until each
#                                       silo has joined, then prints, one per line (eval them):
#                                         export JOBREC_PG="..."                 the cluster database
#                                         export JOBREC_GATEWAYS="h:p,h:p,..."   client gateways (any one is enough: clients learn the rest)
#   deploy/cluster-local.sh status      silos (pid, gateway, running or not) and partitions per owner
#   deploy/cluster-local.sh kill I      kill -9 silo I (1-based): its partitions move to the others within the lease time
#   deploy/cluster-local.sh stop        SIGTERM every silo (each hands its partitions over), stop PostgreSQL if this script started it
# Environment: CLUSTER_DIR (run folder: logs s<I>.log, pids, default /tmp/jobrec-cluster-$CLUSTER_GATEWAY_BASE),
#   CLUSTER_GATEWAY_BASE (30000: silo I listens for clients on BASE+I-1), CLUSTER_SILO_BASE (31000: silo-to-silo ports),
#   CLUSTER_LEASE_SECONDS (10), CLUSTER_PARTITIONS (256), JOBREC_PG (use this database instead of starting one),
#   JOBREC_PG_PORT (port of the PostgreSQL started here, default 55432), CLUSTER_SCHEMA (create and use this schema, e.g. to run
#   next to other clusters or tests on a shared JOBREC_PG; left in place by stop). Everything binds to 127.0.0.1.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
gateway_base="${CLUSTER_GATEWAY_BASE:-30000}"
silo_base="${CLUSTER_SILO_BASE:-31000}"
dir="${CLUSTER_DIR:-/tmp/jobrec-cluster-$gateway_base}"
lease="${CLUSTER_LEASE_SECONDS:-10}"
partitions="${CLUSTER_PARTITIONS:-256}"
dll="$root/src/JobRec.Cli/bin/Release/net10.0/jobrec.dll"

die() { echo "cluster-local: $*" >&2; exit 1; }

# psql_to CONNSTRING ARGS...: runs psql against an Npgsql-style connection string (Host, Port, Username, Database, Password).
psql_to() {
  local cs="$1"; shift
  local host port db user pass
  host="$(sed -nE 's/.*Host=([^;]+).*/\1/p' <<<"$cs")"; port="$(sed -nE 's/.*Port=([^;]+).*/\1/p' <<<"$cs")"
  db="$(sed -nE 's/.*Database=([^;]+).*/\1/p' <<<"$cs")"; user="$(sed -nE 's/.*Username=([^;]+).*/\1/p' <<<"$cs")"
  pass="$(sed -nE 's/.*Password=([^;]+).*/\1/p' <<<"$cs")"
  PGPASSWORD="$pass" PGOPTIONS="$(sed -nE 's/.*Search Path=([^;]+).*/-c search_path=\1/p' <<<"$cs")" \
    psql -h "${host:-127.0.0.1}" -p "${port:-5432}" -U "$user" -d "$db" "$@"
}

start() {
  local n="${1:-3}"
  [[ "$n" =~ ^[0-9]+$ ]] && [ "$n" -ge 1 ] && [ "$n" -le 16 ] || die "silo count '$n' must be 1..16"
  if [ -f "$dir/silos" ]; then die "a cluster is already running from $dir (deploy/cluster-local.sh stop first)"; fi
  mkdir -p "$dir"
  if [ ! -f "$dll" ]; then
    echo "cluster-local: building src/JobRec.Cli (Release)" >&2
    dotnet build "$root/src/JobRec.Cli" -c Release -v q -clp:ErrorsOnly >&2 || die "build failed"
  fi
  local pg="${JOBREC_PG:-}"
  if [ -z "$pg" ]; then
    pg_env="$("$root/deploy/pg-local.sh" start)" || die "could not start PostgreSQL"
    eval "$pg_env"; pg="$JOBREC_PG"
    echo "${JOBREC_PG_PORT:-55432}" > "$dir/pg-started"
  fi
  if [ -n "${CLUSTER_SCHEMA:-}" ]; then
    [[ "$CLUSTER_SCHEMA" =~ ^[a-z_][a-z0-9_]{0,62}$ ]] || die "CLUSTER_SCHEMA '$CLUSTER_SCHEMA' must be a lower-case SQL identifier"
    psql_to "$pg" -qc "CREATE SCHEMA IF NOT EXISTS $CLUSTER_SCHEMA;" || die "could not create schema $CLUSTER_SCHEMA"
    pg="$pg;Search Path=$CLUSTER_SCHEMA"
  fi
  echo "$pg" > "$dir/pg"
  : > "$dir/silos"
  local gateways=()
  for i in $(seq 1 "$n"); do
    local gw=$((gateway_base + i - 1)) sp=$((silo_base + i - 1))
    (cd "$dir" && exec dotnet "$dll" silo --cluster "$pg" --silo-id "silo-$i" --port "$gw" --silo-port "$sp" \
        --lease-seconds "$lease" --partitions "$partitions" --storage "$dir/s$i.db" >"$dir/s$i.log" 2>&1) &
    echo "$! $i 127.0.0.1:$gw" >> "$dir/silos"
    gateways+=("127.0.0.1:$gw")
  done
  while read -r pid i gw; do
    for _ in $(seq 1 180); do
      grep -q "^silo: cluster member" "$dir/s$i.log" 2>/dev/null && break
      kill -0 "$pid" 2>/dev/null || { cat "$dir/s$i.log" >&2; die "silo $i exited during start (log $dir/s$i.log)"; }
      sleep 0.5
    done
    grep -q "^silo: cluster member" "$dir/s$i.log" || die "silo $i did not join within 90 s (log $dir/s$i.log)"
    echo "cluster-local: $(grep '^silo: cluster member' "$dir/s$i.log" | head -1 | cut -d';' -f1)" >&2
  done < "$dir/silos"
  # Wait until every silo holds a share and no partition is without a live owner (the silos rebalance within a few lease cycles).
  if command -v psql >/dev/null; then
    local balanced=0
    for _ in $(seq 1 240); do
      local row
      row="$(psql_to "$pg" -Atc "SELECT count(DISTINCT owner) FILTER (WHERE lease_until > now()) || ' ' || count(*) FILTER (WHERE owner IS NULL OR lease_until <= now()) || ' ' || coalesce(min(c), 0) FROM partition_lease, (SELECT min(n) AS c FROM (SELECT count(*) AS n FROM partition_lease WHERE lease_until > now() GROUP BY owner) x) m;" 2>/dev/null || true)"
      read -r owners free smallest <<<"$row"
      if [ "${owners:-0}" = "$n" ] && [ "${free:-1}" = "0" ] && [ "${smallest:-0}" -ge $((partitions / n)) ]; then balanced=1; break; fi
      sleep 0.5
    done
    [ $balanced -eq 1 ] && echo "cluster-local: $n silos hold balanced shares of $partitions partitions" >&2 \
      || echo "cluster-local: warning: partitions not balanced after 120 s (deploy/cluster-local.sh status)" >&2
  fi
  local list; list="$(IFS=,; echo "${gateways[*]}")"
  echo "$list" > "$dir/gateways"
  echo "export JOBREC_PG=\"$pg\""
  echo "export JOBREC_GATEWAYS=\"$list\""
}

status() {
  [ -f "$dir/silos" ] || die "no cluster in $dir"
  while read -r pid i gw; do
    if kill -0 "$pid" 2>/dev/null; then state=running; else state=stopped; fi
    echo "silo-$i pid=$pid gateway=$gw $state"
  done < "$dir/silos"
  if command -v psql >/dev/null; then
    psql_to "$(cat "$dir/pg")" -Atc \
      "SELECT o || ' ' || n || ' partitions' FROM (SELECT coalesce(CASE WHEN lease_until > now() THEN owner END, '<none>') AS o, count(*) AS n FROM partition_lease GROUP BY 1) t ORDER BY 1;" || true
  fi
}

kill_one() {
  [ -f "$dir/silos" ] || die "no cluster in $dir"
  local want="${1:-}" found=0
  while read -r pid i gw; do
    if [ "$i" = "$want" ]; then kill -9 "$pid" 2>/dev/null || true; found=1; echo "cluster-local: killed silo-$i (pid $pid, gateway $gw)" >&2; fi
  done < "$dir/silos"
  [ $found -eq 1 ] || die "no silo $want (see deploy/cluster-local.sh status)"
}

stop() {
  if [ -f "$dir/silos" ]; then
    while read -r pid i gw; do kill -TERM "$pid" 2>/dev/null || true; done < "$dir/silos"
    while read -r pid i gw; do
      for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
      kill -9 "$pid" 2>/dev/null || true
    done < "$dir/silos"
  fi
  if [ -f "$dir/pg-started" ]; then
    JOBREC_PG_PORT="$(cat "$dir/pg-started")" "$root/deploy/pg-local.sh" stop || true
  fi
  rm -rf "$dir"
}

case "${1:-}" in
  start) start "${2:-3}" ;;
  status) status ;;
  kill) kill_one "${2:-}" ;;
  stop) stop ;;
  *) echo "usage: $0 start [N] | status | kill I | stop" >&2; exit 2 ;;
esac
