using System.Text;

namespace JobRec.Data.Csv;

/// <summary>Writes RFC-4180 CSV (or unquoted TSV, with tabs and line breaks in values replaced by spaces) to a text writer.</summary>
public sealed class CsvWriter : IDisposable
{
    private readonly TextWriter _writer;
    private readonly char _delimiter;
    private readonly bool _quoting;
    private bool _firstInRow = true;

    /// <summary>Creates a writer; <paramref name="tsv"/> selects tab-separated output without quoting.</summary>
    public CsvWriter(TextWriter writer, bool tsv = false)
    {
        _writer = writer;
        _delimiter = tsv ? '\t' : ',';
        _quoting = !tsv;
    }

    /// <summary>Creates a UTF-8 file (no BOM) at <paramref name="path"/> and a writer over it.</summary>
    public static CsvWriter Create(string path, bool tsv = false) =>
        new(new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" }, tsv);

    /// <summary>Writes one field of the current row.</summary>
    public void Field(string? value)
    {
        if (!_firstInRow) _writer.Write(_delimiter);
        _firstInRow = false;
        value ??= "";
        if (_quoting)
        {
            if (value.AsSpan().IndexOfAny(",\"\r\n") >= 0)
            {
                _writer.Write('"');
                _writer.Write(value.Replace("\"", "\"\""));
                _writer.Write('"');
            }
            else
            {
                _writer.Write(value);
            }
        }
        else
        {
            _writer.Write(value.AsSpan().IndexOfAny("\t\r\n") >= 0 ? value.Replace('\t', ' ').Replace('\r', ' ').Replace('\n', ' ') : value);
        }
    }

    /// <summary>Writes a whole row of fields and ends it.</summary>
    public void Row(params ReadOnlySpan<string?> values)
    {
        foreach (var v in values) Field(v);
        EndRow();
    }

    /// <summary>Ends the current row.</summary>
    public void EndRow()
    {
        _writer.Write('\n');
        _firstInRow = true;
    }

    /// <inheritdoc />
    public void Dispose() => _writer.Dispose();
}
