using JobRec.Data.Parquet.Thrift;

namespace JobRec.Data.Parquet.Format;

/// <summary>Where a column chunk's pages are and how they are stored (parquet.thrift <c>ColumnMetaData</c>).</summary>
internal sealed class ColumnMetaData
{
    public PhysicalType Type { get; set; }
    public List<ParquetEncoding> Encodings { get; set; } = [];
    public List<string> PathInSchema { get; set; } = [];
    public CompressionCodec Codec { get; set; }
    public long NumValues { get; set; }
    public long TotalUncompressedSize { get; set; }
    public long TotalCompressedSize { get; set; }
    public List<KeyValue> KeyValueMetadata { get; set; } = [];
    public long DataPageOffset { get; set; }
    public long? DictionaryPageOffset { get; set; }
    public Statistics? Statistics { get; set; }

    public static ColumnMetaData Read(ThriftCompactReader r)
    {
        var m = new ColumnMetaData();
        r.BeginStruct();
        while (r.ReadFieldHeader(out var t, out short id))
        {
            switch (id)
            {
                case 1: m.Type = SchemaElement.ReadEnum<PhysicalType>(r, "column type"); break;
                case 2:
                    {
                        int n = r.ReadListHeader(ThriftType.I32, "encodings");
                        for (int i = 0; i < n; i++)
                        {
                            // Unknown encodings in this summary list are harmless; pages name their own.
                            int e = r.ReadI32();
                            if (Enum.IsDefined((ParquetEncoding)e))
                            {
                                m.Encodings.Add((ParquetEncoding)e);
                            }
                        }

                        break;
                    }

                case 3:
                    {
                        int n = r.ReadListHeader(ThriftType.Binary, "path_in_schema");
                        for (int i = 0; i < n; i++)
                        {
                            m.PathInSchema.Add(r.ReadString());
                        }

                        break;
                    }

                case 4:
                    {
                        int codec = r.ReadI32();
                        m.Codec = Enum.IsDefined((CompressionCodec)codec) ? (CompressionCodec)codec : throw r.Error($"invalid compression codec {codec}");
                        break;
                    }

                case 5: m.NumValues = r.ReadI64(); break;
                case 6: m.TotalUncompressedSize = r.ReadI64(); break;
                case 7: m.TotalCompressedSize = r.ReadI64(); break;
                case 8:
                    {
                        int n = r.ReadListHeader(ThriftType.Struct, "key_value_metadata");
                        for (int i = 0; i < n; i++)
                        {
                            m.KeyValueMetadata.Add(KeyValue.Read(r));
                        }

                        break;
                    }

                case 9: m.DataPageOffset = r.ReadI64(); break;
                case 11: m.DictionaryPageOffset = r.ReadI64(); break;
                case 12 when t == ThriftType.Struct: m.Statistics = Statistics.Read(r); break;
                default: r.Skip(t); break;
            }
        }

        r.EndStruct();
        return m;
    }

    public void Write(ThriftCompactWriter w)
    {
        w.BeginStruct();
        w.WriteI32Field(1, (int)Type);
        w.WriteListField(2, ThriftType.I32, Encodings.Count);
        foreach (var e in Encodings)
        {
            w.WriteI32Element((int)e);
        }

        w.WriteListField(3, ThriftType.Binary, PathInSchema.Count);
        foreach (var p in PathInSchema)
        {
            w.WriteStringElement(p);
        }

        w.WriteI32Field(4, (int)Codec);
        w.WriteI64Field(5, NumValues);
        w.WriteI64Field(6, TotalUncompressedSize);
        w.WriteI64Field(7, TotalCompressedSize);
        w.WriteI64Field(9, DataPageOffset);
        if (DictionaryPageOffset is { } dict)
        {
            w.WriteI64Field(11, dict);
        }

        if (Statistics is not null)
        {
            w.WriteStructFieldHeader(12);
            Statistics.Write(w);
        }

        w.EndStruct();
    }
}
