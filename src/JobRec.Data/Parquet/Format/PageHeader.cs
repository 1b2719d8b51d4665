using JobRec.Data.Parquet.Thrift;

namespace JobRec.Data.Parquet.Format;

/// <summary>The header before each page of a column chunk (parquet.thrift <c>PageHeader</c> with its data, dictionary and v2 headers flattened).</summary>
internal sealed class PageHeader
{
    public PageType Type { get; set; }
    public int UncompressedPageSize { get; set; }
    public int CompressedPageSize { get; set; }
    public int? Crc { get; set; }

    /// <summary>Values (including nulls) in a data page, or entries in a dictionary page.</summary>
    public int NumValues { get; set; }
    public ParquetEncoding Encoding { get; set; }
    public ParquetEncoding DefinitionLevelEncoding { get; set; } = ParquetEncoding.Rle;
    public ParquetEncoding RepetitionLevelEncoding { get; set; } = ParquetEncoding.Rle;
    public int NumNulls { get; set; }
    public int NumRows { get; set; }
    public int DefinitionLevelsByteLength { get; set; }
    public int RepetitionLevelsByteLength { get; set; }
    public bool IsCompressed { get; set; } = true;
    public Statistics? Statistics { get; set; }
    public bool HasTypeHeader { get; set; }

    public static PageHeader Read(ThriftCompactReader r)
    {
        var h = new PageHeader();
        bool hasType = false, hasSizes = false;
        r.BeginStruct();
        while (r.ReadFieldHeader(out var t, out short id))
        {
            switch (id)
            {
                case 1:
                    {
                        int type = r.ReadI32();
                        h.Type = Enum.IsDefined((PageType)type) ? (PageType)type : throw r.Error($"invalid page type {type}");
                        hasType = true;
                        break;
                    }

                case 2: h.UncompressedPageSize = r.ReadI32(); hasSizes = true; break;
                case 3: h.CompressedPageSize = r.ReadI32(); break;
                case 4: h.Crc = r.ReadI32(); break;
                case 5 when t == ThriftType.Struct: ReadDataPageHeader(r, h); h.HasTypeHeader = h.Type == PageType.DataPage; break;
                case 7 when t == ThriftType.Struct: ReadDictionaryPageHeader(r, h); h.HasTypeHeader = h.Type == PageType.DictionaryPage; break;
                case 8 when t == ThriftType.Struct: ReadDataPageHeaderV2(r, h); h.HasTypeHeader = h.Type == PageType.DataPageV2; break;
                default: r.Skip(t); break;
            }
        }

        r.EndStruct();
        if (!hasType || !hasSizes)
        {
            throw r.Error("page header lacks its type or sizes");
        }

        if (h.UncompressedPageSize < 0 || h.CompressedPageSize < 0)
        {
            throw r.Error($"page header has negative size (compressed {h.CompressedPageSize}, uncompressed {h.UncompressedPageSize})");
        }

        return h;
    }

    public void Write(ThriftCompactWriter w)
    {
        w.BeginStruct();
        w.WriteI32Field(1, (int)Type);
        w.WriteI32Field(2, UncompressedPageSize);
        w.WriteI32Field(3, CompressedPageSize);
        if (Crc is { } crc)
        {
            w.WriteI32Field(4, crc);
        }

        if (Type == PageType.DataPage)
        {
            w.WriteStructFieldHeader(5);
            w.BeginStruct();
            w.WriteI32Field(1, NumValues);
            w.WriteI32Field(2, (int)Encoding);
            w.WriteI32Field(3, (int)DefinitionLevelEncoding);
            w.WriteI32Field(4, (int)RepetitionLevelEncoding);
            if (Statistics is not null)
            {
                w.WriteStructFieldHeader(5);
                Statistics.Write(w);
            }

            w.EndStruct();
        }
        else if (Type == PageType.DictionaryPage)
        {
            w.WriteStructFieldHeader(7);
            w.BeginStruct();
            w.WriteI32Field(1, NumValues);
            w.WriteI32Field(2, (int)Encoding);
            w.EndStruct();
        }

        w.EndStruct();
    }

    private static void ReadDataPageHeader(ThriftCompactReader r, PageHeader h)
    {
        r.BeginStruct();
        while (r.ReadFieldHeader(out var t, out short id))
        {
            switch (id)
            {
                case 1: h.NumValues = r.ReadI32(); break;
                case 2: h.Encoding = ReadEncoding(r); break;
                case 3: h.DefinitionLevelEncoding = ReadEncoding(r); break;
                case 4: h.RepetitionLevelEncoding = ReadEncoding(r); break;
                case 5 when t == ThriftType.Struct: h.Statistics = Statistics.Read(r); break;
                default: r.Skip(t); break;
            }
        }

        r.EndStruct();
    }

    private static void ReadDictionaryPageHeader(ThriftCompactReader r, PageHeader h)
    {
        r.BeginStruct();
        while (r.ReadFieldHeader(out var t, out short id))
        {
            switch (id)
            {
                case 1: h.NumValues = r.ReadI32(); break;
                case 2: h.Encoding = ReadEncoding(r); break;
                default: r.Skip(t); break;
            }
        }

        r.EndStruct();
    }

    private static void ReadDataPageHeaderV2(ThriftCompactReader r, PageHeader h)
    {
        r.BeginStruct();
        while (r.ReadFieldHeader(out var t, out short id))
        {
            switch (id)
            {
                case 1: h.NumValues = r.ReadI32(); break;
                case 2: h.NumNulls = r.ReadI32(); break;
                case 3: h.NumRows = r.ReadI32(); break;
                case 4: h.Encoding = ReadEncoding(r); break;
                case 5: h.DefinitionLevelsByteLength = r.ReadI32(); break;
                case 6: h.RepetitionLevelsByteLength = r.ReadI32(); break;
                case 7: h.IsCompressed = r.ReadBool(t); break;
                case 8 when t == ThriftType.Struct: h.Statistics = Statistics.Read(r); break;
                default: r.Skip(t); break;
            }
        }

        r.EndStruct();
    }

    private static ParquetEncoding ReadEncoding(ThriftCompactReader r)
    {
        long offset = r.FileOffset;
        int e = r.ReadI32();
        return Enum.IsDefined((ParquetEncoding)e) ? (ParquetEncoding)e : throw new ParquetFormatException(r.FilePath, offset, $"invalid encoding {e}");
    }
}
