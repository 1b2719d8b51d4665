using System.Globalization;
using Parquet.Serialization;

namespace JobRec.Data.Tests.Parquet;

/// <summary>Reads a Parquet file with Parquet.Net (a fully managed implementation, independent of the ParquetSharp/Arrow code that wrote it) and canonicalises values for comparison.</summary>
internal static class IndependentReader
{
    /// <summary>Every row of <paramref name="path"/> as column name to value, read by Parquet.Net's untyped deserializer.</summary>
    public static IList<Dictionary<string, object>> ReadRows(string path)
    {
        using var stream = File.OpenRead(path);
        return ParquetSerializer.DeserializeUntypedAsync(stream).GetAwaiter().GetResult().Data;
    }

    /// <summary>A text form in which equal values of either reader compare equal: times as UTC ISO 8601 to the tick, floats round-trip, sequences bracketed, bytes as hex.</summary>
    public static string Canon(object? value) => value switch
    {
        null => "null",
        string s => "\"" + s + "\"",
        ReadOnlyMemory<char> m => "\"" + m.ToString() + "\"",
        byte[] b => Convert.ToHexString(b),
        DateTimeOffset t => t.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
        DateTime t => DateTime.SpecifyKind(t, DateTimeKind.Utc).ToString("O", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        decimal m => (m / 1.0000000000000000000000000000m).ToString(CultureInfo.InvariantCulture),
        System.Collections.IEnumerable e => "[" + string.Join(", ", e.Cast<object?>().Select(Canon)) + "]",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.GetType().Name + ":" + value,
    };

    /// <summary>
    /// <see cref="Canon"/> of a list as Parquet.Net's untyped reader can report it: it drops null elements and reads an empty list
    /// as null (Arrow and our reader keep both apart; a known limit of that reader, not of the file).
    /// </summary>
    public static string CanonListLoosely(object? value) => value switch
    {
        null => "[]",
        System.Collections.IEnumerable e and not string => Canon(e.Cast<object?>().Where(v => v is not null).ToList()),
        _ => Canon(value),
    };

    /// <summary>The value of <paramref name="column"/> in a Parquet.Net row (its untyped reader leaves nulls out).</summary>
    public static object? Get(Dictionary<string, object> row, string column) => row.TryGetValue(column, out var value) ? value : null;
}
