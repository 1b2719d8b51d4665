namespace JobRec.Data.Parquet.Format;

/// <summary>Kinds of pages in a column chunk (parquet.thrift <c>PageType</c>).</summary>
internal enum PageType
{
    DataPage = 0,
    IndexPage = 1,
    DictionaryPage = 2,
    DataPageV2 = 3,
}
