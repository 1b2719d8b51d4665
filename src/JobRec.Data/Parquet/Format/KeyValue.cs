using JobRec.Data.Parquet.Thrift;

namespace JobRec.Data.Parquet.Format;

/// <summary>A key/value metadata pair (parquet.thrift <c>KeyValue</c>).</summary>
internal sealed record KeyValue(string Key, string? Value)
{
    public static KeyValue Read(ThriftCompactReader r)
    {
        string key = "";
        string? value = null;
        r.BeginStruct();
        while (r.ReadFieldHeader(out var t, out short id))
        {
            switch (id)
            {
                case 1 when t == ThriftType.Binary: key = r.ReadString(); break;
                case 2 when t == ThriftType.Binary: value = r.ReadString(); break;
                default: r.Skip(t); break;
            }
        }

        r.EndStruct();
        return new KeyValue(key, value);
    }

    public void Write(ThriftCompactWriter w)
    {
        w.BeginStruct();
        w.WriteStringField(1, Key);
        if (Value is not null)
        {
            w.WriteStringField(2, Value);
        }

        w.EndStruct();
    }
}
