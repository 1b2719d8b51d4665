using JobRec.Data.Reading;

namespace JobRec.Data.Csv;

/// <summary>
/// A delimited file with a header row, read record by record; malformed records and records with the wrong number
/// of fields are reported to a <see cref="ReadReport"/> and skipped, never thrown.
/// </summary>
public sealed class CsvFile : IDisposable
{
    private readonly CsvTokenizer _tokenizer;

    private CsvFile(string path, CsvTokenizer tokenizer, CsvHeader? header, long dataOffset, long dataLine)
    {
        Path = path;
        Name = System.IO.Path.GetFileName(path);
        _tokenizer = tokenizer;
        Header = header;
        DataOffset = dataOffset;
        DataLine = dataLine;
    }

    /// <summary>The file's path.</summary>
    public string Path { get; }

    /// <summary>The file's name, used in reports.</summary>
    public string Name { get; }

    /// <summary>The header, or null when the file is empty or its header is malformed.</summary>
    public CsvHeader? Header { get; }

    /// <summary>Byte offset of the first data record.</summary>
    public long DataOffset { get; }

    /// <summary>Line of the first data record.</summary>
    public long DataLine { get; }

    /// <summary>Bytes read so far.</summary>
    public long Position => _tokenizer.Position;

    /// <summary>Total size of the file in bytes.</summary>
    public long Length { get; private init; }

    /// <summary>
    /// Opens <paramref name="path"/> and reads its header; an empty file or malformed header is reported to
    /// <paramref name="report"/> and leaves <see cref="Header"/> null.
    /// </summary>
    public static CsvFile Open(string path, CsvOptions options, ReadReport report, int bufferBytes = 0)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        var tokenizer = new CsvTokenizer(stream, bufferBytes > 0 ? options with { BufferBytes = bufferBytes } : options);
        var name = System.IO.Path.GetFileName(path);
        var record = new CsvRecord();
        CsvHeader? header = null;
        if (!tokenizer.ReadRecord(record))
        {
            report.FileProblem(name, 1, "file is empty (no header row)");
        }
        else if (record.Error is not null)
        {
            report.FileProblem(name, record.Line, $"malformed header: {record.Error}");
        }
        else
        {
            header = new CsvHeader(record.Fields);
        }
        return new CsvFile(path, tokenizer, header, tokenizer.Position, tokenizer.Line) { Length = stream.Length };
    }

    /// <summary>
    /// Checks that the header has every column named in <paramref name="required"/> (each entry lists accepted
    /// spellings separated by '|'); reports the missing ones and returns false when any is absent.
    /// </summary>
    public bool RequireColumns(ReadReport report, params string[] required)
    {
        if (Header is null) return false;
        var missing = required.Where(r => Header.IndexOf(r.Split('|')) < 0).Select(r => r.Split('|')[0]).ToList();
        if (missing.Count == 0) return true;
        report.FileProblem(Name, 1, $"missing required column(s) {string.Join(", ", missing)} in header [{string.Join(", ", Header.Names.Take(20))}]");
        return false;
    }

    /// <summary>
    /// Reads the next well-formed record with as many fields as the header; other records are rejected into
    /// <paramref name="report"/>. Returns false at end of file.
    /// </summary>
    public bool ReadRow(CsvRecord record, ReadReport report)
    {
        if (Header is null) return false;
        while (_tokenizer.ReadRecord(record))
        {
            if (record.Error is not null)
            {
                Reject(record, report, record.Error);
                continue;
            }
            if (record.Count != Header.Count)
            {
                Reject(record, report, $"expected {Header.Count} fields, found {record.Count}");
                continue;
            }
            return true;
        }
        return false;
    }

    private void Reject(CsvRecord record, ReadReport report, string reason)
    {
        if (record.AtEndOfInput)
        {
            report.EndsInsideRecord(Name, record.Line, reason);
        }
        else
        {
            report.Reject(Name, record.Line, reason);
        }
    }

    /// <summary>Reads the record at <paramref name="offset"/> (from an earlier record's <see cref="CsvRecord.Offset"/>); false when none is there.</summary>
    public bool ReadAt(long offset, long line, CsvRecord record)
    {
        _tokenizer.Seek(offset, line);
        return _tokenizer.ReadRecord(record) && record.Error is null && Header is not null && record.Count == Header.Count;
    }

    /// <summary>Reads the record following the last one read, without reporting; false at end or when malformed.</summary>
    public bool ReadNextQuiet(CsvRecord record) =>
        _tokenizer.ReadRecord(record) && record.Error is null && Header is not null && record.Count == Header.Count;

    /// <inheritdoc />
    public void Dispose() => _tokenizer.Dispose();
}
