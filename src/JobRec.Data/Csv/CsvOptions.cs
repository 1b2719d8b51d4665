namespace JobRec.Data.Csv;

/// <summary>How a delimited text file is tokenized: delimiter, quoting and the limits that keep memory bounded.</summary>
public sealed record CsvOptions
{
    /// <summary>Comma-separated values with RFC-4180 double-quote quoting.</summary>
    public static CsvOptions Csv { get; } = new();

    /// <summary>Tab-separated values without quoting (O*NET, CareerBuilder): a quote is an ordinary character.</summary>
    public static CsvOptions Tsv { get; } = new() { Delimiter = (byte)'\t', Quote = null };

    /// <summary>The field delimiter byte (ASCII).</summary>
    public byte Delimiter { get; init; } = (byte)',';

    /// <summary>The quote byte, or null when the format has no quoting.</summary>
    public byte? Quote { get; init; } = (byte)'"';

    /// <summary>Longest field accepted, in UTF-8 bytes; a longer field rejects its record without being buffered.</summary>
    public int MaxFieldBytes { get; init; } = 1 << 20;

    /// <summary>Longest record accepted, in UTF-8 bytes (all fields together); a longer record is rejected without being buffered.</summary>
    public int MaxRecordBytes { get; init; } = 4 << 20;

    /// <summary>Most fields accepted in one record; more rejects the record.</summary>
    public int MaxFieldsPerRecord { get; init; } = 4096;

    /// <summary>Size of the read buffer in bytes.</summary>
    public int BufferBytes { get; init; } = 1 << 16;
}
