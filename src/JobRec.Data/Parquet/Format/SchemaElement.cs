using JobRec.Data.Parquet.Thrift;

namespace JobRec.Data.Parquet.Format;

/// <summary>One node of the flattened schema in the file footer (parquet.thrift <c>SchemaElement</c>).</summary>
internal sealed class SchemaElement
{
    public PhysicalType? Type { get; set; }
    public int TypeLength { get; set; }
    public FieldRepetition? Repetition { get; set; }
    public string Name { get; set; } = "";
    public int NumChildren { get; set; }
    public ConvertedType? ConvertedType { get; set; }
    public int Scale { get; set; }
    public int Precision { get; set; }
    public int? FieldId { get; set; }
    public LogicalType? LogicalType { get; set; }

    public static SchemaElement Read(ThriftCompactReader r)
    {
        var e = new SchemaElement();
        r.BeginStruct();
        while (r.ReadFieldHeader(out var t, out short id))
        {
            switch (id)
            {
                case 1: e.Type = ReadEnum<PhysicalType>(r, "schema element type"); break;
                case 2: e.TypeLength = r.ReadI32(); break;
                case 3: e.Repetition = ReadEnum<FieldRepetition>(r, "repetition type"); break;
                case 4: e.Name = r.ReadString(); break;
                case 5: e.NumChildren = r.ReadI32(); break;
                case 6:
                    {
                        int v = r.ReadI32();
                        // Unknown legacy annotations are ignored, as the spec asks of readers.
                        e.ConvertedType = Enum.IsDefined((ConvertedType)v) ? (ConvertedType)v : null;
                        break;
                    }

                case 7: e.Scale = r.ReadI32(); break;
                case 8: e.Precision = r.ReadI32(); break;
                case 9: e.FieldId = r.ReadI32(); break;
                case 10: e.LogicalType = LogicalType.Read(r); break;
                default: r.Skip(t); break;
            }
        }

        r.EndStruct();
        return e;
    }

    public void Write(ThriftCompactWriter w)
    {
        w.BeginStruct();
        if (Type is { } type)
        {
            w.WriteI32Field(1, (int)type);
        }

        if (Type == PhysicalType.FixedLenByteArray)
        {
            w.WriteI32Field(2, TypeLength);
        }

        if (Repetition is { } rep)
        {
            w.WriteI32Field(3, (int)rep);
        }

        w.WriteStringField(4, Name);
        if (Type is null)
        {
            w.WriteI32Field(5, NumChildren);
        }

        if (ConvertedType is { } ct)
        {
            w.WriteI32Field(6, (int)ct);
        }

        if (ConvertedType == Format.ConvertedType.Decimal)
        {
            w.WriteI32Field(7, Scale);
            w.WriteI32Field(8, Precision);
        }

        if (LogicalType is { } lt)
        {
            w.WriteStructFieldHeader(10);
            lt.Write(w);
        }

        w.EndStruct();
    }

    internal static T ReadEnum<T>(ThriftCompactReader r, string what)
        where T : struct, Enum
    {
        long offset = r.FileOffset;
        int v = r.ReadI32();
        if (!Enum.IsDefined(typeof(T), v))
        {
            throw new ParquetFormatException(r.FilePath, offset, $"invalid {what} {v}");
        }

        return (T)(object)v;
    }
}
