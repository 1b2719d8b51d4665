using System.Globalization;
using JobRec.Data.Parquet.Reading;

namespace JobRec.Data.Parquet.Tables;

/// <summary>One row of a <see cref="TableFile"/>: typed access to the wanted columns by their position in the wanted list; absent columns read as null.</summary>
internal sealed class TableRow(string filePath, IReadOnlyList<string> names, int[] slots)
{
    /// <summary>The batch the row is in.</summary>
    public ParquetBatch Batch { get; set; } = new(0, 0, []);

    /// <summary>The row's index in <see cref="Batch"/>.</summary>
    public int Index { get; set; }

    /// <summary>The row's number in the file (0-based).</summary>
    public long RowNumber { get; set; }

    /// <summary>The value of wanted column <paramref name="column"/>, or null when absent or null.</summary>
    public object? Value(int column) => slots[column] < 0 ? null : Batch.Columns[slots[column]][Index];

    /// <summary>The value as a string ("" for null; non-text values formatted invariantly; bytes as UTF-8).</summary>
    public string String(int column) => Value(column) switch
    {
        null => "",
        string s => s,
        byte[] b => System.Text.Encoding.UTF8.GetString(b),
        var v => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "",
    };

    /// <summary>The value as a list of strings: a list's elements (nulls dropped), a scalar as one element, null as empty.</summary>
    public List<string> StringList(int column) => Value(column) switch
    {
        null => [],
        string?[] strings => NonNull(strings),
        System.Collections.IList list => list.Cast<object?>().Where(v => v is not null).Select(v => v is byte[] b ? System.Text.Encoding.UTF8.GetString(b) : Convert.ToString(v, CultureInfo.InvariantCulture)!).ToList(),
        var v => [v is byte[] b ? System.Text.Encoding.UTF8.GetString(b) : Convert.ToString(v, CultureInfo.InvariantCulture)!],
    };

    /// <summary>The value as a list of floats (FLOAT or DOUBLE elements).</summary>
    public float[] FloatList(int column) => Value(column) switch
    {
        null => [],
        float[] floats => floats,
        float?[] floats => floats.Select(f => f ?? throw Problem(column, "null element in a vector")).ToArray(),
        System.Collections.IList list => list.Cast<object?>().Select(v => v switch
        {
            float f => f,
            double d => (float)d,
            _ => throw Problem(column, $"element {v ?? "null"} is not a float"),
        }).ToArray(),
        var v => throw Problem(column, $"{v.GetType().Name} is not a list of floats"),
    };

    /// <summary>The value as a boolean (false for null; "true"/"false" text and numbers accepted).</summary>
    public bool Bool(int column) => Value(column) switch
    {
        null => false,
        bool b => b,
        string s => bool.TryParse(s, out bool v) ? v : throw Problem(column, $"'{s}' is not a boolean"),
        var other when other is int or long or ulong => Convert.ToInt64(other, CultureInfo.InvariantCulture) != 0,
        var other => throw Problem(column, $"{other.GetType().Name} is not a boolean"),
    };

    /// <summary>The value as a decimal, or null.</summary>
    public decimal? Decimal(int column) => Value(column) switch
    {
        null => null,
        decimal d => d,
        string s => decimal.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal v) ? v : throw Problem(column, $"'{s}' is not a number"),
        var other when other is int or long or ulong or float or double => Convert.ToDecimal(other, CultureInfo.InvariantCulture),
        var other => throw Problem(column, $"{other.GetType().Name} is not a number"),
    };

    /// <summary>The value as a double, or null.</summary>
    public double? Double(int column) => Value(column) switch
    {
        null => null,
        string s => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : throw Problem(column, $"'{s}' is not a number"),
        var other when other is int or long or ulong or float or double or decimal => Convert.ToDouble(other, CultureInfo.InvariantCulture),
        var other => throw Problem(column, $"{other.GetType().Name} is not a number"),
    };

    /// <summary>The value as a UTC time, or null (timestamps, dates and ISO 8601 text accepted).</summary>
    public DateTimeOffset? Time(int column) => Value(column) switch
    {
        null => null,
        DateTimeOffset t => t,
        DateOnly d => new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
        string s => DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : throw Problem(column, $"'{s}' is not a time"),
        var other => throw Problem(column, $"{other} ({other.GetType().Name}) is not a time"),
    };

    private static List<string> NonNull(string?[] strings)
    {
        var list = new List<string>(strings.Length);
        foreach (string? s in strings)
        {
            if (s is not null)
            {
                list.Add(s);
            }
        }

        return list;
    }

    /// <summary>A <see cref="ParquetFormatException"/> naming this row and <paramref name="column"/>'s position.</summary>
    public ParquetFormatException Problem(int column, string problem) =>
        new(filePath, -1, $"row {RowNumber} (row group {Batch.RowGroup}), column {names[column]}: {problem}");
}
