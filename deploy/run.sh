#!/usr/bin/env bash
# Setup + the main job on the embedded default (one in-process silo, SQLite under ./.jobrec/).
# Arguments are passed on to `jobrec demo` (e.g. --no-serve, --data <dir> --source <name>).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/deploy/setup.sh"
cd "$root"
dotnet build src/JobRec.Cli -c Release -nologo -v q -clp:ErrorsOnly
# A smaller gen0 budget (8 MiB; the runtime picks ~17 MiB from this VM's cache size) halves each GC pause of a serving silo;
# it is read from the environment only (no runtimeconfig name). See docs/BENCHMARKS.md, Serving, fifth pass.
export DOTNET_GCgen0size="${DOTNET_GCgen0size:-0x800000}"
jobrec=(dotnet "$root/src/JobRec.Cli/bin/Release/net10.0/jobrec.dll")
# Real interaction logs first (when the shared data is there, about 15 s): the factorization machine against popularity, popularity-in-region,
# item-kNN and content-based on each user's held-out last view of Job_Views.csv. Stored in its own folder, so the demo silo does not serve it.
views="${JOBREC_SHARED_DATA:-$root/../shared/data}/job_views_interactions"
if [[ -f "$views/Job_Views.csv" && "${JOBREC_SKIP_JOB_VIEWS:-0}" != 1 ]]; then
  echo "== real logs: jobrec train recommender on $views/Job_Views.csv (held out: each user's last view)"
  "${jobrec[@]}" train recommender --train "$views/Job_Views.csv" --profiles "$views" --store .jobrec/job-views-models --no-activate 2>/dev/null \
    | grep -v '^train: ' || echo "run.sh: the Job_Views evaluation failed (see jobrec train recommender --train ...)" >&2
else
  echo "== real logs: $views/Job_Views.csv not found (set JOBREC_SHARED_DATA); only the synthetic market is evaluated"
fi
echo "== synthetic market: jobrec demo (served recommendations vs popularity, popularity-in-region, item-kNN, content-based)"
exec "${jobrec[@]}" demo "$@"
