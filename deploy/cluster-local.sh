#!/usr/bin/env bash
# A throwaway local silo cluster: PostgreSQL (deploy/pg-local.sh) + N `jobrec silo --cluster` processes on loopback ports.
#   deploy/cluster-local.sh start [N]   start PostgreSQL (unless JOBREC_PG is set) and N silos (default 3); waits until each
#                                       silo has joined, then prints, one per line (eval them):
#                                         export JOBREC_PG="..."                 the cluster database
#                                         export JOBREC_GATEWAYS="h:p,h:p,..."   client gateways (an Orleans client spreads over them)
#                                         export JOBREC_OPERATOR_KEY="..."       the key for the grains' internal methods (ingest --gateway)
#                                       and with CLUSTER_TLS=1 the client's TLS files (JOBREC_TLS_CERT, JOBREC_TLS_KEY, JOBREC_TLS_CA)
#   deploy/cluster-local.sh status      silos (pid, gateway, running or not) and the Orleans membership table (OrleansMembershipTable)
#   deploy/cluster-local.sh kill I      kill -9 silo I (1-based): the others declare it dead within a few seconds and its grains
#                                       activate on them on their next call
#   deploy/cluster-local.sh stop        SIGTERM every silo (each deactivates its grains and leaves), stop PostgreSQL if this script started it
# Environment: CLUSTER_DIR (run folder: logs s<I>.log, pids, default /tmp/jobrec-cluster-$CLUSTER_GATEWAY_BASE),
#   CLUSTER_GATEWAY_BASE (30000: silo I listens for clients on BASE+I-1), CLUSTER_SILO_BASE (31000: silo-to-silo ports),
#   CLUSTER_HTTP_BASE (5180: silo I serves the HTTP API, page and /dashboard on BASE+I-1), JOBREC_PG (use this database instead of starting one),
#   JOBREC_PG_PORT (port of the PostgreSQL started here, default 55432), CLUSTER_SCHEMA (create and use this schema, e.g. to run
#   next to other clusters or tests on a shared JOBREC_PG; left in place by stop), CLUSTER_TLS=1 (TLS with client certificates on the
#   silo-to-silo and gateway links: a throwaway authority and one node certificate made with openssl under $CLUSTER_DIR/tls, removed by
#   stop). Everything binds to 127.0.0.1.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
gateway_base="${CLUSTER_GATEWAY_BASE:-30000}"
silo_base="${CLUSTER_SILO_BASE:-31000}"
dir="${CLUSTER_DIR:-/tmp/jobrec-cluster-$gateway_base}"
http_base="${CLUSTER_HTTP_BASE:-5180}"
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

# tls_files DIR: a throwaway cluster authority and one certificate (server and client use) it issued, for every silo and client here.
tls_files() {
  local t="$1"
  command -v openssl >/dev/null || die "CLUSTER_TLS=1 needs openssl"
  mkdir -p "$t" && chmod 700 "$t"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$t/ca.key" -out "$t/ca.crt" -days 2 \
    -subj "/CN=jobrec-cluster-local-ca" -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
    >/dev/null 2>&1 || die "openssl could not make the cluster authority"
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$t/node.key" -out "$t/node.csr" -subj "/CN=jobrec-cluster-local" \
    >/dev/null 2>&1 || die "openssl could not make the node key"
  printf 'basicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth,clientAuth\nsubjectAltName=IP:127.0.0.1\n' > "$t/node.ext"
  openssl x509 -req -in "$t/node.csr" -CA "$t/ca.crt" -CAkey "$t/ca.key" -CAcreateserial -out "$t/node.crt" -days 2 \
    -extfile "$t/node.ext" >/dev/null 2>&1 || die "openssl could not sign the node certificate"
  chmod 600 "$t"/*.key
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
  # The operator key lets a trusted client (jobrec ingest --gateway) call the grains' internal methods; ordinary clients cannot.
  local operator_key; operator_key="$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  export JOBREC_OPERATOR_KEY="$operator_key"
  if [ "${CLUSTER_TLS:-0}" = "1" ]; then
    tls_files "$dir/tls"
    export JOBREC_TLS_CERT="$dir/tls/node.crt" JOBREC_TLS_KEY="$dir/tls/node.key" JOBREC_TLS_CA="$dir/tls/ca.crt"
  fi
  local gateways=()
  for i in $(seq 1 "$n"); do
    local gw=$((gateway_base + i - 1)) sp=$((silo_base + i - 1)) hp=$((http_base + i - 1))
    # Grain state, membership and index shard entries live in PostgreSQL; the run folder only holds logs.
    (cd "$dir" && exec dotnet "$dll" silo --cluster "$pg" --silo-id "silo-$i" --port "$gw" --silo-port "$sp" \
        --url "http://127.0.0.1:$hp" >"$dir/s$i.log" 2>&1) &
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
  # Every silo printed its banner once Orleans made it an active member; check the membership table agrees.
  if command -v psql >/dev/null; then
    local active=0
    for _ in $(seq 1 120); do
      active="$(psql_to "$pg" -Atc "SELECT count(*) FROM OrleansMembershipTable WHERE Status = 3 AND SiloName LIKE 'silo-%';" 2>/dev/null || echo 0)"
      [ "${active:-0}" -ge "$n" ] && break
      sleep 0.5
    done
    [ "${active:-0}" -ge "$n" ] && echo "cluster-local: $n silos active in the Orleans membership table" >&2 \
      || echo "cluster-local: warning: only ${active:-0} of $n silos active after 60 s (deploy/cluster-local.sh status)" >&2
  fi
  local list; list="$(IFS=,; echo "${gateways[*]}")"
  echo "$list" > "$dir/gateways"
  echo "export JOBREC_PG=\"$pg\""
  echo "export JOBREC_GATEWAYS=\"$list\""
  echo "export JOBREC_OPERATOR_KEY=\"$operator_key\""
  if [ "${CLUSTER_TLS:-0}" = "1" ]; then
    echo "export JOBREC_TLS_CERT=\"$JOBREC_TLS_CERT\" JOBREC_TLS_KEY=\"$JOBREC_TLS_KEY\" JOBREC_TLS_CA=\"$JOBREC_TLS_CA\""
  fi
}

status() {
  [ -f "$dir/silos" ] || die "no cluster in $dir"
  while read -r pid i gw; do
    if kill -0 "$pid" 2>/dev/null; then state=running; else state=stopped; fi
    echo "silo-$i pid=$pid gateway=$gw $state"
  done < "$dir/silos"
  if command -v psql >/dev/null; then
    # Orleans SiloStatus: 1 created, 2 joining, 3 active, 4 shutting down, 5 stopping, 6 dead.
    psql_to "$(cat "$dir/pg")" -Atc \
      "SELECT SiloName || ' silo=' || Address || ':' || Port || ' gateway=' || Address || ':' || coalesce(ProxyPort, 0) || ' ' ||
              CASE Status WHEN 1 THEN 'created' WHEN 2 THEN 'joining' WHEN 3 THEN 'active' WHEN 4 THEN 'shutting-down'
                          WHEN 5 THEN 'stopping' WHEN 6 THEN 'dead' ELSE 'status-' || Status END ||
              ' alive=' || to_char(IAmAliveTime, 'HH24:MI:SS')
         FROM OrleansMembershipTable ORDER BY StartTime;" || true
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
