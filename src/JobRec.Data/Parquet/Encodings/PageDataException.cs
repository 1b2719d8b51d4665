namespace JobRec.Data.Parquet.Encodings;

/// <summary>Raised by decoders for malformed encoded data; the column reader adds the file and page offset.</summary>
internal sealed class PageDataException(string problem, long positionInPage = -1) : Exception(problem)
{
    /// <summary>Byte position in the page (or decoded page) where the problem was found, or -1.</summary>
    public long PositionInPage { get; } = positionInPage;
}
