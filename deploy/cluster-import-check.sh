#!/usr/bin/env bash
# A kill -9 during a cluster import loses no acknowledged job: checked end to end on this machine.
#   deploy/cluster-import-check.sh [JOBS]   (default 100000)
# Generates JOBS synthetic postings in the LinkedIn-2024 file layout (or reads CLUSTER_IMPORT_DATA, a folder of such files), starts a
# throwaway PostgreSQL and 3 `jobrec silo --cluster` processes on loopback (LocalSiloCluster, as deploy/cluster-local.sh starts them),
# imports through a client spread over the 3 gateways, kill -9s the silo holding most index shards once 40% of the jobs are written,
# lets the import finish on the other two, then checks every acknowledged job: its state and shard entry in PostgreSQL, read back through
# the cluster (all of them, or a sample of 20,000 plus the index shards' exact job counts). Prints one line
#   cluster-import: jobs=.. acknowledged=.. stored=.. lost=0 jobs_per_s=.. silo_max_rss_mb=a,b,c shards_per_silo=x,y,z ...
# and exits non-zero when a job was lost or the import did not complete.
# Environment: JOBREC_PG (use this server: a fresh schema, dropped afterwards) else JOBREC_PG_PORT (port of the throwaway PostgreSQL,
#   default 57432); CLUSTER_IMPORT_DATA (folder of linkedin_job_postings.csv, job_skills.csv, job_summary.csv instead of generating);
#   CLUSTER_SILOS (3), KILL_AT (share of the jobs written at the kill, 0.4; 0 kills none), CLUSTER_IMPORT_SAMPLE (20000), BATCH (4096).
# Silo memory: each silo's peak resident set (VmHWM), the killed one's read just before the kill. On one machine the silos share the cores.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dll="$root/src/JobRec.Cli/bin/Release/net10.0/jobrec.dll"
die() { echo "cluster-import-check: $*" >&2; exit 2; }

jobs="${1:-100000}"
[[ "$jobs" =~ ^[0-9]+$ ]] && [ "$jobs" -ge 100 ] || die "JOBS '$jobs' must be a whole number of at least 100"
if [ ! -f "$dll" ]; then
  echo "cluster-import-check: building src/JobRec.Cli (Release)" >&2
  dotnet build "$root/src/JobRec.Cli" -c Release -v q -clp:ErrorsOnly >&2 || die "build failed"
fi

data="${CLUSTER_IMPORT_DATA:-}"
if [ -z "$data" ]; then
  tmp="$(mktemp -d /tmp/jobrec-cluster-import.XXXXXX)"
  trap 'rm -rf "$tmp"' EXIT
  data="$tmp/linkedin2024"
  dotnet "$dll" generate --format linkedin2024 --jobs "$jobs" --users 0 --out "$data" >&2 || die "could not generate $jobs jobs"
  expected=(--expected "$jobs")
else
  [ -d "$data" ] || die "CLUSTER_IMPORT_DATA '$data' is not a folder"
  expected=() # counted from the files
fi

status=0
dotnet "$dll" bench cluster-import --source linkedin2024 "${expected[@]}" --silos "${CLUSTER_SILOS:-3}" --kill-at "${KILL_AT:-0.4}" \
  --read-back "${CLUSTER_IMPORT_SAMPLE:-20000}" --batch "${BATCH:-4096}" --pg-port "${JOBREC_PG_PORT:-57432}" "$data" || status=$?
exit "$status"
