using Npgsql;

namespace JobRec.OrleansExtensions.Storage;

/// <summary>Npgsql data sources with a bounded connection pool. Npgsql's default (100 connections per data source) lets one busy silo
/// with several data sources exhaust a PostgreSQL server's <c>max_connections</c> (100 on a stock server) once its calls stop blocking
/// threads: the next caller then fails with "too many clients". A bounded pool makes callers wait for a free connection instead.</summary>
public static class PostgresPools
{
    /// <summary>Pool size of a silo's grain storage when the connection string sets none.</summary>
    public const int GrainStorageConnections = 24;

    /// <summary>Pool size of a silo's index shard entry store when the connection string sets none (shard writes are one at a time per shard).</summary>
    public const int ShardStoreConnections = 6;

    /// <summary>A data source over <paramref name="connectionString"/> whose pool holds at most <paramref name="defaultMaxPoolSize"/>
    /// connections unless the string sets <c>Maximum Pool Size</c> itself.</summary>
    public static NpgsqlDataSource Create(string connectionString, int defaultMaxPoolSize)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentOutOfRangeException.ThrowIfLessThan(defaultMaxPoolSize, 1);
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!SetsPoolSize(connectionString))
        {
            builder.MaxPoolSize = defaultMaxPoolSize;
            builder.MinPoolSize = Math.Min(builder.MinPoolSize, defaultMaxPoolSize);
        }

        return NpgsqlDataSource.Create(builder.ConnectionString);
    }

    private static bool SetsPoolSize(string connectionString) =>
        connectionString.Contains("Maximum Pool Size", StringComparison.OrdinalIgnoreCase)
        || connectionString.Contains("MaxPoolSize", StringComparison.OrdinalIgnoreCase)
        || connectionString.Contains("Max Pool Size", StringComparison.OrdinalIgnoreCase);
}
