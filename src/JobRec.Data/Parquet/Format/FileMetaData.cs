using JobRec.Data.Parquet.Thrift;

namespace JobRec.Data.Parquet.Format;

/// <summary>The file footer (parquet.thrift <c>FileMetaData</c>): schema, row groups, key/value metadata.</summary>
internal sealed class FileMetaData
{
    public int Version { get; set; }
    public List<SchemaElement> Schema { get; set; } = [];
    public long NumRows { get; set; }
    public List<RowGroup> RowGroups { get; set; } = [];
    public List<KeyValue> KeyValueMetadata { get; set; } = [];
    public string? CreatedBy { get; set; }
    public bool HasEncryptionAlgorithm { get; set; }

    public static FileMetaData Read(ThriftCompactReader r)
    {
        var m = new FileMetaData();
        r.BeginStruct();
        while (r.ReadFieldHeader(out var t, out short id))
        {
            switch (id)
            {
                case 1: m.Version = r.ReadI32(); break;
                case 2:
                    {
                        int n = r.ReadListHeader(ThriftType.Struct, "schema");
                        for (int i = 0; i < n; i++)
                        {
                            m.Schema.Add(SchemaElement.Read(r));
                        }

                        break;
                    }

                case 3: m.NumRows = r.ReadI64(); break;
                case 4:
                    {
                        int n = r.ReadListHeader(ThriftType.Struct, "row_groups");
                        for (int i = 0; i < n; i++)
                        {
                            m.RowGroups.Add(RowGroup.Read(r));
                        }

                        break;
                    }

                case 5:
                    {
                        int n = r.ReadListHeader(ThriftType.Struct, "key_value_metadata");
                        for (int i = 0; i < n; i++)
                        {
                            m.KeyValueMetadata.Add(KeyValue.Read(r));
                        }

                        break;
                    }

                case 6 when t == ThriftType.Binary: m.CreatedBy = r.ReadString(); break;
                case 8: m.HasEncryptionAlgorithm = true; r.Skip(t); break;
                default: r.Skip(t); break;
            }
        }

        r.EndStruct();
        return m;
    }

    public void Write(ThriftCompactWriter w)
    {
        w.BeginStruct();
        w.WriteI32Field(1, Version);
        w.WriteListField(2, ThriftType.Struct, Schema.Count);
        foreach (var e in Schema)
        {
            e.Write(w);
        }

        w.WriteI64Field(3, NumRows);
        w.WriteListField(4, ThriftType.Struct, RowGroups.Count);
        foreach (var g in RowGroups)
        {
            g.Write(w);
        }

        if (KeyValueMetadata.Count > 0)
        {
            w.WriteListField(5, ThriftType.Struct, KeyValueMetadata.Count);
            foreach (var kv in KeyValueMetadata)
            {
                kv.Write(w);
            }
        }

        if (CreatedBy is not null)
        {
            w.WriteStringField(6, CreatedBy);
        }

        w.EndStruct();
    }
}
