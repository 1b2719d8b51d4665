using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;
using ParquetSharp;

namespace JobRec.Data.Parquet.Reading;

/// <summary>Converts the values the Parquet library hands out (its date, time, INT96 and byte-array types, nested arrays) into plain .NET values: string, bool, long, double, decimal, DateTimeOffset, DateOnly, TimeOnly, byte[] and lists of these.</summary>
internal static class ParquetValues
{
    private const long UnixEpochJulianDay = 2_440_588;

    /// <summary>The plain form of a value read by a logical column reader.</summary>
    public static object? ToPlain(object? value) => value switch
    {
        null => null,
        string or bool or int or long or float or double or decimal or byte[] or Half or Guid or DateOnly or TimeOnly => value,
        string?[] or int[] or long[] or float[] or double[] or bool[] or int?[] or long?[] or float?[] or double?[] or bool?[] or decimal[] or decimal?[] => value,
        sbyte v => (int)v,
        byte v => (int)v,
        short v => (int)v,
        ushort v => (int)v,
        uint v => (long)v,
        ulong v => v,
        DateTime t => Utc(t),
        DateTimeNanos t => Utc(t.DateTime),
        Date d => d.Days is > -719_163 and < 2_932_897 ? DateOnly.FromDayNumber(719_162 + d.Days) : string.Create(CultureInfo.InvariantCulture, $"date(days={d.Days})"),
        TimeSpan t => t >= TimeSpan.Zero && t < TimeSpan.FromDays(1) ? TimeOnly.FromTimeSpan(t) : t.ToString("c", CultureInfo.InvariantCulture),
        TimeSpanNanos t => ToPlain(t.TimeSpan),
        Int96 t => FromInt96(t),
        System.Collections.IList list => ToList(list),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };

    /// <summary>A BYTE_ARRAY or FIXED_LEN_BYTE_ARRAY value as its logical type asks: UTF-8 text, a decimal of the column's scale, or the raw bytes.</summary>
    public static object FromBytes(ReadOnlySpan<byte> bytes, ColumnDescriptor column)
    {
        return LogicalKind(column) switch
        {
            LogicalTypeEnum.String or LogicalTypeEnum.Enum or LogicalTypeEnum.Json => System.Text.Encoding.UTF8.GetString(bytes),
            LogicalTypeEnum.Decimal => ToDecimal(bytes, column.TypeScale),
            _ when IsUtf8(column) => System.Text.Encoding.UTF8.GetString(bytes),
            _ => bytes.ToArray(),
        };
    }

    /// <summary>Copies <paramref name="length"/> bytes at <paramref name="pointer"/> (memory owned by the library, valid until its next read).</summary>
    public static byte[] Copy(IntPtr pointer, int length)
    {
        var bytes = new byte[length];
        if (length > 0)
        {
            Marshal.Copy(pointer, bytes, 0, length);
        }

        return bytes;
    }

    /// <summary>A big-endian two's complement unscaled integer divided by 10^scale; as a string when it does not fit a decimal.</summary>
    public static object ToDecimal(ReadOnlySpan<byte> bigEndian, int scale)
    {
        var unscaled = new BigInteger(bigEndian, isUnsigned: false, isBigEndian: true);
        try
        {
            if (scale is >= 0 and <= 28 && BigInteger.Abs(unscaled) <= new BigInteger(decimal.MaxValue))
            {
                return (decimal)unscaled / Pow10(scale);
            }
        }
        catch (OverflowException)
        {
        }

        string digits = BigInteger.Abs(unscaled).ToString(CultureInfo.InvariantCulture).PadLeft(scale + 1, '0');
        string sign = unscaled.Sign < 0 ? "-" : "";
        return scale <= 0 ? sign + digits + new string('0', -scale) : $"{sign}{digits[..^scale]}.{digits[^scale..]}";
    }

    /// <summary>An INT96 (Impala/Spark legacy) timestamp: nanoseconds of the day in the first 8 bytes, Julian day in the last 4. Out of the DateTimeOffset range it is returned as text.</summary>
    public static object FromInt96(Int96 value)
    {
        long nanos = (uint)value.A | ((long)value.B << 32);
        long julianDay = value.C;
        long days = julianDay - UnixEpochJulianDay;
        if (days is > -719_162 and < 2_932_896 && nanos is >= 0 and < 86_400_000_000_000)
        {
            return DateTimeOffset.UnixEpoch.AddDays(days).AddTicks(nanos / 100);
        }

        return string.Create(CultureInfo.InvariantCulture, $"int96(julian_day={julianDay}, nanos={nanos})");
    }

    /// <summary>The column's logical type, or <see cref="LogicalTypeEnum.Undefined"/> when the library cannot name it.</summary>
    public static LogicalTypeEnum LogicalKind(ColumnDescriptor column)
    {
        try
        {
            using var logical = column.LogicalType;
            return logical.Type;
        }
        catch (ArgumentException)
        {
            return LogicalTypeEnum.Undefined;
        }
    }

    /// <summary>The unit of a TIMESTAMP column, or null for other columns.</summary>
    public static ParquetSharp.TimeUnit? TimestampUnit(ColumnDescriptor column)
    {
        if (LogicalKind(column) != LogicalTypeEnum.Timestamp)
        {
            return null;
        }

        using var logical = column.LogicalType;
        return logical is TimestampLogicalType t ? t.TimeUnit : null;
    }

    /// <summary>An INT64 timestamp in <paramref name="unit"/> since the Unix epoch; as text when outside DateTimeOffset's range.</summary>
    public static object FromTimestamp(long value, ParquetSharp.TimeUnit unit)
    {
        long ticksPerUnit = unit switch { ParquetSharp.TimeUnit.Millis => 10_000, ParquetSharp.TimeUnit.Micros => 10, _ => 0 };
        long maxUnits = ticksPerUnit == 0 ? long.MaxValue : (DateTimeOffset.MaxValue.Ticks - DateTimeOffset.UnixEpoch.Ticks) / ticksPerUnit;
        long minUnits = ticksPerUnit == 0 ? long.MinValue : (DateTimeOffset.MinValue.Ticks - DateTimeOffset.UnixEpoch.Ticks) / ticksPerUnit;
        if (value < minUnits || value > maxUnits)
        {
            return string.Create(CultureInfo.InvariantCulture, $"timestamp({value} {unit.ToString().ToLowerInvariant()})");
        }

        return DateTimeOffset.UnixEpoch.AddTicks(ticksPerUnit == 0 ? value / 100 : value * ticksPerUnit);
    }

    private static bool IsUtf8(ColumnDescriptor column)
    {
        using var node = column.SchemaNode;
        return node.ConvertedType.ToString().Equals("utf8", StringComparison.OrdinalIgnoreCase);
    }

    private static List<object?> ToList(System.Collections.IList list)
    {
        var result = new List<object?>(list.Count);
        foreach (object? item in list)
        {
            result.Add(ToPlain(item));
        }

        return result;
    }

    private static DateTimeOffset Utc(DateTime t) => new(DateTime.SpecifyKind(t, DateTimeKind.Utc));

    private static decimal Pow10(int scale)
    {
        decimal p = 1;
        for (int i = 0; i < scale; i++)
        {
            p *= 10;
        }

        return p;
    }
}
