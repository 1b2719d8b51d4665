using JobRec.Data.Model;
using JobRec.Data.Parquet.Tables;
using JobRec.Data.Reading;

namespace JobRec.Data.Readers.ParquetTables;

/// <summary>
/// Parquet tables of the project's schema (<see cref="Parquet.Tables.ParquetTables"/>): <c>jobs.parquet</c>,
/// <c>users.parquet</c>, <c>interactions.parquet</c>. A damaged file is reported with the row it stopped at, never thrown.
/// </summary>
public sealed class ParquetTableSource : IDataSource
{
    private readonly SourceFiles _files;

    /// <summary>Creates the source over the given files or folders.</summary>
    public ParquetTableSource(IEnumerable<string> paths) => _files = new SourceFiles(paths);

    /// <inheritdoc />
    public string Name => "parquet";

    /// <inheritdoc />
    public IEnumerable<SourceItem> Read(ReadReport report, CancellationToken cancellationToken = default)
    {
        string? jobs = _files.Find("jobs.parquet"), users = _files.Find("users.parquet"), interactions = _files.Find("interactions.parquet");
        if (jobs is null && users is null && interactions is null)
        {
            report.FileProblem("jobs.parquet", 0, "none of jobs.parquet, users.parquet, interactions.parquet among the given paths");
            yield break;
        }
        if (jobs is not null) foreach (var j in Guarded(jobs, p => Parquet.Tables.ParquetTables.ReadJobs(p), report, cancellationToken)) yield return SourceItem.Of(j);
        if (users is not null) foreach (var u in Guarded(users, p => Parquet.Tables.ParquetTables.ReadUsers(p), report, cancellationToken)) yield return SourceItem.Of(u);
        if (interactions is not null) foreach (var i in Guarded(interactions, p => Parquet.Tables.ParquetTables.ReadInteractions(p), report, cancellationToken)) yield return SourceItem.Of(i);
    }

    /// <summary>The held-out future interactions (future_interactions.parquet), or nothing when absent.</summary>
    public IEnumerable<Interaction> ReadFutureInteractions(ReadReport report) =>
        _files.Find("future_interactions.parquet") is { } path ? Guarded(path, p => Parquet.Tables.ParquetTables.ReadInteractions(p), report, default) : [];

    private static IEnumerable<T> Guarded<T>(string path, Func<string, IEnumerable<T>> read, ReadReport report, CancellationToken cancellationToken)
    {
        var name = Path.GetFileName(path);
        IEnumerator<T> rows;
        try
        {
            rows = read(path).GetEnumerator();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            report.FileProblem(name, 0, e.Message);
            yield break;
        }
        using (rows)
        {
            long row = 0;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                try
                {
                    if (!rows.MoveNext()) yield break;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    report.FileProblem(name, row + 1, $"stopped reading at row {row + 1}: {e.Message}");
                    yield break;
                }
                row++;
                report.Accept();
                yield return rows.Current;
            }
        }
    }
}
