#!/usr/bin/env bash
# Cross-checks the Parquet writer (ParquetSharp) against another implementation: writes jobs tables with each codec
# (`jobrec bench parquet --keep`), dumps them with `jobrec parquet cat`, and reads them with the pure-JS
# hyparquet (installed with npm into a temporary folder; needs the npm registry, so it is not part of CI).
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
npm install --silent --prefix "$work" hyparquet@1.31.5 hyparquet-compressors@1 >/dev/null 2>&1 || { echo "npm install of hyparquet failed" >&2; exit 2; }
dotnet build src/JobRec.Cli -c Release -v q -nologo | grep -E " error |Build succeeded" || true
jobrec() { dotnet src/JobRec.Cli/bin/Release/net10.0/jobrec.dll "$@"; }
rows=${ROWS:-5000}
status=0
for codec in snappy gzip brotli zstd lz4 uncompressed; do
  mkdir -p "$work/$codec"
  jobrec bench parquet --rows "$rows" --row-group-size 2000 --codec "$codec" --scratch-dir "$work/$codec" --keep 2>/dev/null | tail -1
  file="$work/$codec/jobs-bench-$rows.parquet"
  jobrec parquet cat "$file" --head 0 > "$work/$codec/expected.jsonl"
  cp deploy/parquet-crosscheck.mjs "$work/check.mjs"
  node "$work/check.mjs" "$file" "$work/$codec/expected.jsonl" || status=1
done
exit $status
