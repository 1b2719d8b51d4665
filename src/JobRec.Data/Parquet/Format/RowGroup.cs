using JobRec.Data.Parquet.Thrift;

namespace JobRec.Data.Parquet.Format;

/// <summary>A horizontal slice of the table in the footer (parquet.thrift <c>RowGroup</c>).</summary>
internal sealed class RowGroup
{
    public List<ColumnChunk> Columns { get; set; } = [];
    public long TotalByteSize { get; set; }
    public long NumRows { get; set; }
    public long? FileOffset { get; set; }
    public long? TotalCompressedSize { get; set; }
    public short? Ordinal { get; set; }

    public static RowGroup Read(ThriftCompactReader r)
    {
        var g = new RowGroup();
        r.BeginStruct();
        while (r.ReadFieldHeader(out var t, out short id))
        {
            switch (id)
            {
                case 1:
                    {
                        int n = r.ReadListHeader(ThriftType.Struct, "columns");
                        for (int i = 0; i < n; i++)
                        {
                            g.Columns.Add(ColumnChunk.Read(r));
                        }

                        break;
                    }

                case 2: g.TotalByteSize = r.ReadI64(); break;
                case 3: g.NumRows = r.ReadI64(); break;
                case 5: g.FileOffset = r.ReadI64(); break;
                case 6: g.TotalCompressedSize = r.ReadI64(); break;
                case 7 when t == ThriftType.I16: g.Ordinal = r.ReadI16(); break;
                default: r.Skip(t); break;
            }
        }

        r.EndStruct();
        return g;
    }

    public void Write(ThriftCompactWriter w)
    {
        w.BeginStruct();
        w.WriteListField(1, ThriftType.Struct, Columns.Count);
        foreach (var c in Columns)
        {
            c.Write(w);
        }

        w.WriteI64Field(2, TotalByteSize);
        w.WriteI64Field(3, NumRows);
        if (FileOffset is { } fo)
        {
            w.WriteI64Field(5, fo);
        }

        if (TotalCompressedSize is { } tcs)
        {
            w.WriteI64Field(6, tcs);
        }

        w.EndStruct();
    }
}
