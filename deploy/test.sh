#!/usr/bin/env bash
# Setup + every test project. Last line: "N passed, N failed" (", N skipped" when any), summed over all projects.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
"$root/deploy/setup.sh" || { echo "setup failed"; echo "0 passed, 1 failed"; exit 1; }
export JOBREC_SHARED_DATA="${JOBREC_SHARED_DATA:-$root/../shared/data}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

echo "test: building (Release)"
if ! dotnet build Orleans.sln -c Release -nologo -v q -clp:ErrorsOnly; then
  echo "build failed"; echo "0 passed, 1 failed"; exit 1
fi

# Integration tests that need PostgreSQL get a throwaway server on a loopback port.
pg_started=0
if [ -x "$root/deploy/pg-local.sh" ]; then
  if pg_env="$("$root/deploy/pg-local.sh" start)"; then
    eval "$pg_env"; pg_started=1
  else
    echo "test: could not start a local PostgreSQL; cluster tests will fail"
  fi
fi
cleanup() { [ $pg_started -eq 1 ] && "$root/deploy/pg-local.sh" stop >/dev/null 2>&1; }
trap cleanup EXIT

passed=0; failed=0; skipped=0
results_dir="$(mktemp -d)"
for proj in tests/*/*.csproj; do
  name="$(basename "$proj" .csproj)"
  log="$results_dir/$name.log"
  echo "test: $name"
  dotnet test "$proj" -c Release --no-build -nologo --blame-hang-timeout 5m 2>&1 | tee "$log" | grep -E "^\s*(Failed|Passed|Skipped) |error|Total tests|Passed!|Failed!" | grep -v -E "^\s*Passed " | head -200
  line="$(grep -E "(Passed|Failed)!\s+-\s+Failed:" "$log" | tail -1)"
  if [ -z "$line" ]; then
    if grep -q "No test is available" "$log"; then continue; fi
    echo "test: $name produced no summary (crash?)"; failed=$((failed+1)); continue
  fi
  f=$(echo "$line" | sed -E 's/.*Failed:\s*([0-9]+).*/\1/')
  p=$(echo "$line" | sed -E 's/.*Passed:\s*([0-9]+).*/\1/')
  s=$(echo "$line" | sed -E 's/.*Skipped:\s*([0-9]+).*/\1/')
  passed=$((passed+p)); failed=$((failed+f)); skipped=$((skipped+s))
done
rm -rf "$results_dir"
summary="$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && summary="$summary, $skipped skipped"
echo "$summary"
[ "$failed" -eq 0 ]
