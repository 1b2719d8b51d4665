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
exec dotnet "$root/src/JobRec.Cli/bin/Release/net10.0/jobrec.dll" demo "$@"
