using Npgsql;

namespace JobRec.Testing;

/// <summary>A throwaway schema in the PostgreSQL that <c>JOBREC_PG</c> names (deploy/test.sh exports it from deploy/pg-local.sh), dropped
/// with everything in it on dispose. Tests that need PostgreSQL fail, never skip, when <c>JOBREC_PG</c> is unset.</summary>
public sealed class PostgresTestSchema : IAsyncDisposable
{
    private readonly NpgsqlDataSource _admin;

    private PostgresTestSchema(NpgsqlDataSource admin, string name, string connectionString)
    {
        _admin = admin;
        Name = name;
        ConnectionString = connectionString;
    }

    /// <summary>The schema's name (a prefix and 12 random hex digits).</summary>
    public string Name { get; }

    /// <summary>A connection string whose search path is this schema.</summary>
    public string ConnectionString { get; }

    /// <summary>Creates a new schema named <paramref name="prefix"/> plus random digits; <paramref name="tests"/> names the tests in the
    /// error when <c>JOBREC_PG</c> is unset.</summary>
    public static async Task<PostgresTestSchema> CreateAsync(string prefix, string tests)
    {
        var connection = Environment.GetEnvironmentVariable("JOBREC_PG");
        if (string.IsNullOrWhiteSpace(connection))
        {
            throw new InvalidOperationException($"JOBREC_PG is not set: the {tests} need a real PostgreSQL. Run `eval \"$(deploy/pg-local.sh start)\"` (deploy/test.sh does this) and run the tests again.");
        }

        var name = prefix + Guid.NewGuid().ToString("N")[..12];
        var admin = NpgsqlDataSource.Create(connection);
        await using (var command = admin.CreateCommand($"CREATE SCHEMA {name};"))
        {
            await command.ExecuteNonQueryAsync();
        }

        return new PostgresTestSchema(admin, name, new NpgsqlConnectionStringBuilder(connection) { SearchPath = name }.ConnectionString);
    }

    /// <summary>Runs <paramref name="sql"/> (which names tables as <c>{Name}.table</c>) with positional parameters, outside the schema's
    /// search path; returns the rows it changed.</summary>
    public async Task<int> ExecuteAsync(string sql, params object[] parameters)
    {
        await using var command = _admin.CreateCommand(sql);
        foreach (var value in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return await command.ExecuteNonQueryAsync();
    }

    /// <summary>Drops the schema and everything in it.</summary>
    public async ValueTask DisposeAsync()
    {
        await using (var command = _admin.CreateCommand($"DROP SCHEMA IF EXISTS {Name} CASCADE;"))
        {
            await command.ExecuteNonQueryAsync();
        }

        await _admin.DisposeAsync();
    }
}
