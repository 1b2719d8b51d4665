#!/usr/bin/env bash
# Starts or stops a throwaway PostgreSQL (Debian package) on a loopback port with its own data directory.
#   deploy/pg-local.sh start   -> prints `export JOBREC_PG=...` (eval it); idempotent while running
#   deploy/pg-local.sh stop    -> stops the server and removes its data directory
#   deploy/pg-local.sh status
# Environment: JOBREC_PG_PORT (default 55432), JOBREC_PG_DIR (default /tmp/jobrec-pg-<port>).
# Trust authentication on 127.0.0.1 only: this server is for tests and local clusters, never for real data.
set -euo pipefail
port="${JOBREC_PG_PORT:-55432}"
dir="${JOBREC_PG_DIR:-/tmp/jobrec-pg-$port}"
bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
[ -n "$bin" ] || { echo "pg-local: PostgreSQL is not installed (run deploy/setup.sh)" >&2; exit 1; }
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
conn="Host=127.0.0.1;Port=$port;Username=jobrec;Database=jobrec;Pooling=true;Timeout=5;Command Timeout=10"

case "${1:-}" in
  start)
    if as_pg "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
      echo "export JOBREC_PG=\"$conn\""; exit 0
    fi
    rm -rf "$dir"; mkdir -p "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres "$dir"
    as_pg "$bin/initdb" -D "$dir/data" -U jobrec --auth=trust -E UTF8 --locale=C >/dev/null
    as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
      -o "-h 127.0.0.1 -p $port -k $dir -c fsync=off -c max_connections=300 -c shared_buffers=128MB" start >/dev/null
    as_pg "$bin/createdb" -h 127.0.0.1 -p "$port" -U jobrec jobrec
    echo "pg-local: PostgreSQL on 127.0.0.1:$port (data $dir/data)" >&2
    echo "export JOBREC_PG=\"$conn\""
    ;;
  stop)
    as_pg "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  status)
    as_pg "$bin/pg_ctl" -D "$dir/data" status
    ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
