// Reads a Parquet file with the independent pure-JS reader hyparquet and compares every value with
// the JSON lines `jobrec parquet cat --head 0` printed for the same file. Usage:
//   node deploy/parquet-crosscheck.mjs <file.parquet> <expected.jsonl>   (hyparquet resolvable via NODE_PATH)
import fs from 'node:fs'
import { parquetReadObjects, asyncBufferFromFile } from 'hyparquet'
import { compressors } from 'hyparquet-compressors'

const [file, expectedPath] = process.argv.slice(2)
const expected = fs.readFileSync(expectedPath, 'utf8').split('\n').filter(l => l.length > 0).map(l => JSON.parse(l))
const rows = await parquetReadObjects({ file: await asyncBufferFromFile(file), compressors })

function iso(text) { // .NET round-trip format to JS millisecond ISO form
  const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d+))?\+00:00$/.exec(text)
  return m ? `${m[1]}.${(m[2] ?? '').padEnd(3, '0').slice(0, 3)}Z` : null
}

function differ(e, a, path) {
  if (e === null) return a === null || a === undefined ? null : `${path}: expected null, got ${a}`
  if (Array.isArray(e)) {
    if (!Array.isArray(a) || a.length !== e.length) return `${path}: expected ${JSON.stringify(e)}, got ${a}`
    for (let i = 0; i < e.length; i++) { const d = differ(e[i], a[i], `${path}[${i}]`); if (d) return d }
    return null
  }
  if (a instanceof Date) return iso(e) === a.toISOString() ? null : `${path}: expected ${e}, got ${a.toISOString()}`
  if (typeof a === 'bigint') return String(a) === String(e) ? null : `${path}: expected ${e}, got ${a}`
  // hyparquet scales decimals in floating point (85800 may come back as 85799.99999999999)
  if (typeof e === 'number') return e === a || Math.fround(e) === a || Math.abs(e - a) <= 1e-12 * Math.abs(e) ? null : `${path}: expected ${e}, got ${a}`
  return e === a ? null : `${path}: expected ${JSON.stringify(e)}, got ${JSON.stringify(a)}`
}

let problem = rows.length === expected.length ? null : `row count: jobrec ${expected.length}, hyparquet ${rows.length}`
for (let r = 0; !problem && r < expected.length; r++) {
  for (const key of Object.keys(expected[r])) { problem = differ(expected[r][key], rows[r][key], `row ${r}.${key}`); if (problem) break }
}
console.log(`hyparquet_crosscheck: file=${file} rows=${rows.length} ${problem ? 'MISMATCH ' + problem : 'all_values_equal'}`)
process.exit(problem ? 1 : 0)
