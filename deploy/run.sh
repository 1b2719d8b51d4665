#!/usr/bin/env bash
# Setup + the main job on the embedded default (one in-process silo, SQLite under ./.jobrec/).
# Arguments are passed on to `jobrec demo` (e.g. --no-serve, --data <dir> --source <name>).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/deploy/setup.sh"
cd "$root"
dotnet build src/JobRec.Cli -c Release -nologo -v q -clp:ErrorsOnly
exec dotnet "$root/src/JobRec.Cli/bin/Release/net10.0/jobrec.dll" demo "$@"
