namespace JobRec.Data.Reading;

/// <summary>A readable source of domain items (a set of files in one format, or the generator).</summary>
public interface IDataSource
{
    /// <summary>Short source name ("linkedin2024", "dice", ...), also used as <c>Source</c> on the items.</summary>
    string Name { get; }

    /// <summary>Streams the items in bounded memory; bad rows are counted and described in <paramref name="report"/>, never thrown.</summary>
    IEnumerable<SourceItem> Read(ReadReport report, CancellationToken cancellationToken = default);
}
