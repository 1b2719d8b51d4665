using JobRec.Data.Import;

namespace JobRec.Cli.Commands;

/// <summary>The one place that turns <c>jobrec ingest --target</c> into a sink: <c>silo:HOST:PORT</c> the grains of a running silo (client SDK),
/// <c>memory</c> an in-memory sink, no target the embedded SQLite store ./.jobrec/ingest.db, anything else a SQLite store at that path.</summary>
internal static class IngestSinks
{
    /// <summary>The prefix of a silo gateway target.</summary>
    public const string SiloPrefix = "silo:";

    /// <summary>The sink <paramref name="target"/> names (null: the embedded store).</summary>
    public static IIngestSink Create(string? target) => target switch
    {
        null or "" => new SqliteIngestSink(SqliteIngestSink.DefaultPath),
        "memory" => new InMemoryIngestSink(),
        _ when target.StartsWith(SiloPrefix, StringComparison.Ordinal) => new ClientIngestSink(target[SiloPrefix.Length..]),
        _ => new SqliteIngestSink(target),
    };
}
