using JobRec.Data.Parquet.Thrift;

namespace JobRec.Data.Parquet.Format;

/// <summary>Column chunk statistics (parquet.thrift <c>Statistics</c>): plain-encoded min and max, null count.</summary>
internal sealed class Statistics
{
    public byte[]? MinValue { get; set; }
    public byte[]? MaxValue { get; set; }
    public byte[]? LegacyMin { get; set; }
    public byte[]? LegacyMax { get; set; }
    public long? NullCount { get; set; }
    public long? DistinctCount { get; set; }

    public static Statistics Read(ThriftCompactReader r)
    {
        var s = new Statistics();
        r.BeginStruct();
        while (r.ReadFieldHeader(out var t, out short id))
        {
            switch (id)
            {
                case 1 when t == ThriftType.Binary: s.LegacyMax = r.ReadBinary(); break;
                case 2 when t == ThriftType.Binary: s.LegacyMin = r.ReadBinary(); break;
                case 3 when t == ThriftType.I64: s.NullCount = r.ReadI64(); break;
                case 4 when t == ThriftType.I64: s.DistinctCount = r.ReadI64(); break;
                case 5 when t == ThriftType.Binary: s.MaxValue = r.ReadBinary(); break;
                case 6 when t == ThriftType.Binary: s.MinValue = r.ReadBinary(); break;
                default: r.Skip(t); break;
            }
        }

        r.EndStruct();
        return s;
    }

    public void Write(ThriftCompactWriter w)
    {
        w.BeginStruct();
        if (NullCount is { } nulls)
        {
            w.WriteI64Field(3, nulls);
        }

        if (MaxValue is { } max)
        {
            w.WriteBinaryField(5, max);
        }

        if (MinValue is { } min)
        {
            w.WriteBinaryField(6, min);
        }

        w.EndStruct();
    }
}
