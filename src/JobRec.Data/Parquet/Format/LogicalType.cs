using JobRec.Data.Parquet.Thrift;

namespace JobRec.Data.Parquet.Format;

/// <summary>A logical type annotation of a schema field with its parameters.</summary>
/// <param name="Kind">Which logical type.</param>
public sealed record LogicalType(LogicalTypeKind Kind)
{
    /// <summary>Decimal scale (digits after the point).</summary>
    public int Scale { get; init; }

    /// <summary>Decimal precision (total digits).</summary>
    public int Precision { get; init; }

    /// <summary>Time and timestamp resolution.</summary>
    public TimeUnit Unit { get; init; } = TimeUnit.Millis;

    /// <summary>True when times and timestamps are UTC-normalised instants.</summary>
    public bool IsAdjustedToUtc { get; init; }

    /// <summary>Integer bit width (8, 16, 32, 64).</summary>
    public int BitWidth { get; init; }

    /// <summary>True for signed integers.</summary>
    public bool IsSigned { get; init; } = true;

    internal static LogicalType Read(ThriftCompactReader r)
    {
        LogicalType result = new(LogicalTypeKind.None);
        r.BeginStruct();
        while (r.ReadFieldHeader(out var type, out short id))
        {
            if (type != ThriftType.Struct)
            {
                r.Skip(type);
                continue;
            }

            LogicalTypeKind kind = Enum.IsDefined((LogicalTypeKind)id) && id != 0 ? (LogicalTypeKind)id : LogicalTypeKind.Unrecognized;
            result = new LogicalType(kind);
            r.BeginStruct();
            while (r.ReadFieldHeader(out var ft, out short fid))
            {
                switch (kind, fid)
                {
                    case (LogicalTypeKind.Decimal, 1): result = result with { Scale = r.ReadI32() }; break;
                    case (LogicalTypeKind.Decimal, 2): result = result with { Precision = r.ReadI32() }; break;
                    case (LogicalTypeKind.Time or LogicalTypeKind.Timestamp, 1): result = result with { IsAdjustedToUtc = r.ReadBool(ft) }; break;
                    case (LogicalTypeKind.Time or LogicalTypeKind.Timestamp, 2): result = result with { Unit = ReadTimeUnit(r) }; break;
                    case (LogicalTypeKind.Integer, 1): result = result with { BitWidth = (sbyte)r.ReadByte() }; break;
                    case (LogicalTypeKind.Integer, 2): result = result with { IsSigned = r.ReadBool(ft) }; break;
                    default: r.Skip(ft); break;
                }
            }

            r.EndStruct();
        }

        r.EndStruct();
        return result;
    }

    internal void Write(ThriftCompactWriter w)
    {
        w.BeginStruct();
        w.WriteStructFieldHeader((short)Kind);
        w.BeginStruct();
        switch (Kind)
        {
            case LogicalTypeKind.Decimal:
                w.WriteI32Field(1, Scale);
                w.WriteI32Field(2, Precision);
                break;
            case LogicalTypeKind.Time or LogicalTypeKind.Timestamp:
                w.WriteBoolField(1, IsAdjustedToUtc);
                w.WriteStructFieldHeader(2);
                w.BeginStruct();
                w.WriteStructFieldHeader((short)Unit);
                w.BeginStruct();
                w.EndStruct();
                w.EndStruct();
                break;
        }

        w.EndStruct();
        w.EndStruct();
    }

    private static TimeUnit ReadTimeUnit(ThriftCompactReader r)
    {
        TimeUnit unit = TimeUnit.Millis;
        r.BeginStruct();
        while (r.ReadFieldHeader(out var t, out short id))
        {
            if (id is >= 1 and <= 3)
            {
                unit = (TimeUnit)id;
            }

            r.Skip(t);
        }

        r.EndStruct();
        return unit;
    }
}
