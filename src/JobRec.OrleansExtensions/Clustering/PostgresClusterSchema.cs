using System.Reflection;
using Npgsql;

namespace JobRec.OrleansExtensions.Clustering;

/// <summary>Creates what a JobRec cluster needs in PostgreSQL: the Orleans.Clustering.AdoNet membership tables, functions and named queries,
/// and the grain state table of <see cref="Storage.PostgresGrainStorage"/>. Idempotent, in one transaction under an advisory lock, so silos
/// starting together apply it once each without racing. Tables go to the connection's search path (e.g. "Search Path=myschema").</summary>
public static class PostgresClusterSchema
{
    // Any fixed number: the advisory lock every silo takes while it applies the set-up.
    private const long LockKey = 7408002;

    /// <summary>The set-up script (embedded resource Clustering/Sql/cluster-schema.sql).</summary>
    public static string Script { get; } = ReadScript();

    /// <summary>Applies <see cref="Script"/> on the database of <paramref name="connectionString"/>.</summary>
    public static async Task EnsureAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var lockCmd = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({LockKey});", connection, tx))
        {
            await lockCmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var cmd = new NpgsqlCommand(Script, connection, tx))
        {
            await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string ReadScript()
    {
        const string name = "JobRec.OrleansExtensions.Clustering.Sql.cluster-schema.sql";
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded resource '{name}' is missing from {typeof(PostgresClusterSchema).Assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
