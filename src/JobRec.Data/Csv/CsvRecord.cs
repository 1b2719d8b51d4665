namespace JobRec.Data.Csv;

/// <summary>One record read by <see cref="CsvTokenizer"/>: its fields, where it started and, when malformed, why.</summary>
public sealed class CsvRecord
{
    private readonly List<string> _fields = new(32);

    /// <summary>1-based line number where the record starts.</summary>
    public long Line { get; internal set; }

    /// <summary>Byte offset in the file where the record starts.</summary>
    public long Offset { get; internal set; }

    /// <summary>Why the record is malformed (quoting, size, encoding), or null when it is well formed.</summary>
    public string? Error { get; internal set; }

    /// <summary>Number of fields read.</summary>
    public int Count => _fields.Count;

    /// <summary>The field at <paramref name="index"/> (0-based).</summary>
    public string this[int index] => _fields[index];

    /// <summary>The fields as a list.</summary>
    public IReadOnlyList<string> Fields => _fields;

    internal void Clear()
    {
        _fields.Clear();
        Error = null;
    }

    internal void Add(string value) => _fields.Add(value);

    internal void Fail(string reason) => Error ??= reason;
}
