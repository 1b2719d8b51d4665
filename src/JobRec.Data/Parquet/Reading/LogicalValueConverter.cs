using System.Buffers.Binary;
using System.Numerics;
using System.Text;
using JobRec.Data.Parquet.Encodings;
using JobRec.Data.Parquet.Format;
using JobRec.Data.Parquet.Schema;

namespace JobRec.Data.Parquet.Reading;

/// <summary>Turns a physical value into the .NET value its logical or converted type means (string, DateOnly, DateTimeOffset, decimal, Half, Guid, ...).</summary>
internal static class LogicalValueConverter
{
    private const long UnixEpochTicks = 621355968000000000L;
    private const long JulianDayOfUnixEpoch = 2440588;

    /// <summary>The value at <paramref name="index"/> of <paramref name="values"/>, converted per <paramref name="column"/>'s annotations.</summary>
    public static object? Convert(ParquetSchemaNode column, ColumnValues values, int index)
    {
        var lt = column.LogicalType?.Kind ?? LogicalTypeKind.None;
        var ct = column.ConvertedType;
        switch (values.Type)
        {
            case PhysicalType.Boolean:
                return values.Booleans!.Items[index];
            case PhysicalType.Int32:
                {
                    int v = values.Int32s!.Items[index];
                    if (lt == LogicalTypeKind.Date || ct == ConvertedType.Date)
                    {
                        return DateOnly.FromDayNumber(checked(DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber + v));
                    }

                    if (lt == LogicalTypeKind.Decimal || ct == ConvertedType.Decimal)
                    {
                        return ToDecimal(v, column.Scale);
                    }

                    if (lt == LogicalTypeKind.Time || ct == ConvertedType.TimeMillis)
                    {
                        return new TimeOnly(v * TimeSpan.TicksPerMillisecond);
                    }

                    if ((lt == LogicalTypeKind.Integer && !column.LogicalType!.IsSigned) || ct is ConvertedType.Uint8 or ConvertedType.Uint16 or ConvertedType.Uint32)
                    {
                        return (uint)v;
                    }

                    return v;
                }

            case PhysicalType.Int64:
                {
                    long v = values.Int64s!.Items[index];
                    if (lt == LogicalTypeKind.Timestamp || ct is ConvertedType.TimestampMillis or ConvertedType.TimestampMicros)
                    {
                        var unit = lt == LogicalTypeKind.Timestamp ? column.LogicalType!.Unit : ct == ConvertedType.TimestampMillis ? TimeUnit.Millis : TimeUnit.Micros;
                        return TimestampOrRaw(v, unit);
                    }

                    if (lt == LogicalTypeKind.Time || ct == ConvertedType.TimeMicros)
                    {
                        var unit = lt == LogicalTypeKind.Time ? column.LogicalType!.Unit : TimeUnit.Micros;
                        return new TimeOnly(unit == TimeUnit.Nanos ? v / 100 : v * 10);
                    }

                    if (lt == LogicalTypeKind.Decimal || ct == ConvertedType.Decimal)
                    {
                        return ToDecimal(v, column.Scale);
                    }

                    if ((lt == LogicalTypeKind.Integer && !column.LogicalType!.IsSigned) || ct == ConvertedType.Uint64)
                    {
                        return (ulong)v;
                    }

                    return v;
                }

            case PhysicalType.Float:
                return values.Floats!.Items[index];
            case PhysicalType.Double:
                return values.Doubles!.Items[index];
            case PhysicalType.Int96:
                return Int96ToTimestamp(values.Binary![index]);
            default:
                {
                    var bytes = values.Binary![index];
                    if (lt is LogicalTypeKind.String or LogicalTypeKind.Enum or LogicalTypeKind.Json || ct is ConvertedType.Utf8 or ConvertedType.Enum or ConvertedType.Json)
                    {
                        return Encoding.UTF8.GetString(bytes);
                    }

                    if (lt == LogicalTypeKind.Decimal || ct == ConvertedType.Decimal)
                    {
                        return BigEndianToDecimal(bytes, column.Scale);
                    }

                    if (values.Type == PhysicalType.FixedLenByteArray && lt == LogicalTypeKind.Uuid && bytes.Length == 16)
                    {
                        return new Guid(bytes, bigEndian: true);
                    }

                    if (values.Type == PhysicalType.FixedLenByteArray && lt == LogicalTypeKind.Float16 && bytes.Length == 2)
                    {
                        return BinaryPrimitives.ReadHalfLittleEndian(bytes);
                    }

                    return bytes.ToArray();
                }
        }
    }

    /// <summary>Converts an INT96 (nanoseconds of day, then Julian day) to a UTC instant, or returns the raw bytes when out of range.</summary>
    public static object Int96ToTimestamp(ReadOnlySpan<byte> bytes)
    {
        long nanosOfDay = BinaryPrimitives.ReadInt64LittleEndian(bytes);
        long julianDay = BinaryPrimitives.ReadInt32LittleEndian(bytes[8..]);
        try
        {
            long ticks = checked(((julianDay - JulianDayOfUnixEpoch) * TimeSpan.TicksPerDay) + (nanosOfDay / 100) + UnixEpochTicks);
            return new DateTimeOffset(ticks, TimeSpan.Zero);
        }
        catch (Exception e) when (e is OverflowException or ArgumentOutOfRangeException)
        {
            return bytes.ToArray();
        }
    }

    /// <summary>Converts epoch-relative <paramref name="value"/> in <paramref name="unit"/> to a UTC instant, or returns the raw number when it is outside DateTimeOffset's range.</summary>
    public static object TimestampOrRaw(long value, TimeUnit unit)
    {
        try
        {
            long ticks = unit switch
            {
                TimeUnit.Millis => checked(value * TimeSpan.TicksPerMillisecond),
                TimeUnit.Micros => checked(value * 10),
                _ => value / 100,
            };
            return new DateTimeOffset(checked(ticks + UnixEpochTicks), TimeSpan.Zero);
        }
        catch (Exception e) when (e is OverflowException or ArgumentOutOfRangeException)
        {
            return value;
        }
    }

    /// <summary>Scales an unscaled integer by 10^-scale.</summary>
    public static object ToDecimal(long unscaled, int scale)
    {
        if (scale is < 0 or > 28)
        {
            return unscaled;
        }

        bool negative = unscaled < 0;
        ulong magnitude = negative ? (ulong)(-(unscaled + 1)) + 1 : (ulong)unscaled;
        return new decimal((int)(uint)magnitude, (int)(uint)(magnitude >> 32), 0, negative, (byte)scale);
    }

    /// <summary>Decodes a big-endian two's-complement unscaled decimal; values beyond System.Decimal come back as a string.</summary>
    public static object BigEndianToDecimal(ReadOnlySpan<byte> bytes, int scale)
    {
        var unscaled = new BigInteger(bytes, isUnsigned: false, isBigEndian: true);
        var magnitude = BigInteger.Abs(unscaled);
        if (scale is >= 0 and <= 28 && magnitude < (BigInteger.One << 96))
        {
            byte[] le = magnitude.ToByteArray(isUnsigned: true, isBigEndian: false);
            Span<byte> b = stackalloc byte[12];
            le.AsSpan(0, Math.Min(12, le.Length)).CopyTo(b);
            return new decimal(BinaryPrimitives.ReadInt32LittleEndian(b), BinaryPrimitives.ReadInt32LittleEndian(b[4..]), BinaryPrimitives.ReadInt32LittleEndian(b[8..]), unscaled.Sign < 0, (byte)scale);
        }

        string digits = magnitude.ToString().PadLeft(scale + 1, '0');
        string text = scale > 0 ? $"{digits[..^scale]}.{digits[^scale..]}" : digits;
        return unscaled.Sign < 0 ? "-" + text : text;
    }
}
