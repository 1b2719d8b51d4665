using JobRec.Data.Parquet.Thrift;

namespace JobRec.Data.Parquet.Format;

/// <summary>One column of one row group in the footer (parquet.thrift <c>ColumnChunk</c>).</summary>
internal sealed class ColumnChunk
{
    public string? FilePath { get; set; }
    public long FileOffset { get; set; }
    public ColumnMetaData? MetaData { get; set; }
    public bool IsEncrypted { get; set; }

    public static ColumnChunk Read(ThriftCompactReader r)
    {
        var c = new ColumnChunk();
        r.BeginStruct();
        while (r.ReadFieldHeader(out var t, out short id))
        {
            switch (id)
            {
                case 1 when t == ThriftType.Binary: c.FilePath = r.ReadString(); break;
                case 2: c.FileOffset = r.ReadI64(); break;
                case 3 when t == ThriftType.Struct: c.MetaData = ColumnMetaData.Read(r); break;
                case 8 or 9: throw new ParquetUnsupportedException("encrypted column chunks (parquet modular encryption)", r.FilePath);
                default: r.Skip(t); break;
            }
        }

        r.EndStruct();
        return c;
    }

    public void Write(ThriftCompactWriter w)
    {
        w.BeginStruct();
        w.WriteI64Field(2, FileOffset);
        w.WriteStructFieldHeader(3);
        MetaData!.Write(w);
        w.EndStruct();
    }
}
