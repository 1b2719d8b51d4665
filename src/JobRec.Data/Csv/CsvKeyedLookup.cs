using JobRec.Data.Reading;
using JobRec.Data.Hashing;

namespace JobRec.Data.Csv;

/// <summary>
/// Joins a delimited file by a key column without loading it: one pass records a 64-bit key hash and byte offset
/// per key (16 bytes per key, no text), lookups seek to the row and read the run of consecutive rows with that key.
/// </summary>
public sealed class CsvKeyedLookup : IDisposable
{
    private readonly CsvFile _file;
    private readonly int _keyColumn;
    private readonly Dictionary<ulong, (long Offset, long Line)> _offsets;
    private readonly CsvRecord _record = new();

    private CsvKeyedLookup(CsvFile file, int keyColumn, Dictionary<ulong, (long, long)> offsets)
    {
        _file = file;
        _keyColumn = keyColumn;
        _offsets = offsets;
    }

    /// <summary>Number of distinct keys indexed.</summary>
    public int Count => _offsets.Count;

    /// <summary>The indexed file's header.</summary>
    public CsvHeader Header => _file.Header!;

    /// <summary>
    /// Indexes <paramref name="path"/> by the column named by one of <paramref name="keyColumn"/> ('|'-separated spellings);
    /// bad rows and header problems are reported to <paramref name="report"/>. Returns null when the file cannot be used.
    /// </summary>
    public static CsvKeyedLookup? Build(string path, CsvOptions options, string keyColumn, ReadReport report, params string[] requiredColumns)
    {
        var file = CsvFile.Open(path, options, report);
        if (file.Header is null || !file.RequireColumns(report, [keyColumn, .. requiredColumns]))
        {
            file.Dispose();
            return null;
        }
        var key = file.Header.IndexOf(keyColumn.Split('|'));
        var offsets = new Dictionary<ulong, (long, long)>();
        var record = new CsvRecord();
        while (file.ReadRow(record, report))
        {
            report.Accept();
            offsets.TryAdd(Hash(record[key]), (record.Offset, record.Line));
        }
        return new CsvKeyedLookup(file, key, offsets);
    }

    /// <summary>The rows whose key equals <paramref name="key"/> (the first run of consecutive rows), each as its fields; empty when none.</summary>
    public IReadOnlyList<string[]> Lookup(string key)
    {
        if (!_offsets.TryGetValue(Hash(key), out var at)) return [];
        if (!_file.ReadAt(at.Offset, at.Line, _record) || _record[_keyColumn] != key) return [];
        var rows = new List<string[]> { _record.Fields.ToArray() };
        while (_file.ReadNextQuiet(_record) && _record[_keyColumn] == key) rows.Add(_record.Fields.ToArray());
        return rows;
    }

    /// <summary>True when some row has <paramref name="key"/> (hash match; collisions are possible but astronomically rare).</summary>
    public bool Contains(string key) => _offsets.ContainsKey(Hash(key));

    /// <summary>FNV-1a 64-bit hash of the key's UTF-16 code units.</summary>
    public static ulong Hash(string key) => Fnv1a.Hash64(key);

    /// <inheritdoc />
    public void Dispose() => _file.Dispose();
}
