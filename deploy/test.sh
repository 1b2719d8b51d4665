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
# run_tests LABEL PROJECT [VAR=VALUE ...]: runs one test project (with the given environment) and adds its counts to the sums.
run_tests() {
  local label="$1" proj="$2"; shift 2
  local log="$results_dir/$(echo "$label" | tr -c 'A-Za-z0-9.\n' '_').log"
  echo "test: $label"
  env "$@" dotnet test "$proj" -c Release --no-build -nologo --blame-hang-timeout 5m 2>&1 | tee "$log" | grep -E "^\s*(Failed|Passed|Skipped) |error|Total tests|Passed!|Failed!" | grep -v -E "^\s*Passed " | head -200
  # What a failing test said (its name, message and first stack lines), kept for the end of the output so a CI log's tail names causes.
  if grep -q -E "^\s*Error Message:" "$log"; then
    { echo "== $label"; grep -B1 -A6 -E "^\s*Error Message:" "$log" | head -60; } >>"$results_dir/failures.txt"
  fi
  local line
  line="$(grep -E "(Passed|Failed)!\s+-\s+Failed:" "$log" | tail -1)"
  if [ -z "$line" ]; then
    if grep -q "No test is available" "$log"; then return; fi
    echo "test: $label produced no summary (crash?)"; failed=$((failed+1)); return
  fi
  local f p s
  f=$(echo "$line" | sed -E 's/.*Failed:\s*([0-9]+).*/\1/')
  p=$(echo "$line" | sed -E 's/.*Passed:\s*([0-9]+).*/\1/')
  s=$(echo "$line" | sed -E 's/.*Skipped:\s*([0-9]+).*/\1/')
  passed=$((passed+p)); failed=$((failed+f)); skipped=$((skipped+s))
}

for proj in tests/*Tests/*.csproj; do  # test projects only (tests/JobRec.Testing is their helper library)
  run_tests "$(basename "$proj" .csproj)" "$proj"
done

# Vector search must not depend on the CPU's SIMD width: run its tests again on the narrower kernels.
vectors=tests/JobRec.Vectors.Tests/JobRec.Vectors.Tests.csproj
if [ -f "$vectors" ]; then
  if grep -qw avx512f /proc/cpuinfo 2>/dev/null; then
    run_tests "JobRec.Vectors.Tests with DOTNET_EnableAVX512=0 (256-bit kernels)" "$vectors" DOTNET_EnableAVX512=0
  else
    echo "test: this CPU has no AVX-512, so the 512-bit vector kernels were not run here (the 256- and 128-bit ones were)"
  fi
  run_tests "JobRec.Vectors.Tests with DOTNET_EnableAVX2=0 (128-bit kernels)" "$vectors" DOTNET_EnableAVX2=0
fi
if [ -s "$results_dir/failures.txt" ]; then
  echo "test: what the failing tests said"; cat "$results_dir/failures.txt"
fi
rm -rf "$results_dir"
summary="$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && summary="$summary, $skipped skipped"
echo "$summary"
[ "$failed" -eq 0 ]
