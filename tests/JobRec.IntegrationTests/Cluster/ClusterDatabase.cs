using JobRec.Actors.Cluster;
using Npgsql;

namespace JobRec.IntegrationTests.Cluster;

/// <summary>A throwaway PostgreSQL schema for one test, on the server named by JOBREC_PG (deploy/pg-local.sh); fails loudly when JOBREC_PG is unset.</summary>
internal sealed class ClusterDatabase : IAsyncDisposable
{
    private readonly NpgsqlDataSource _admin;

    private ClusterDatabase(NpgsqlDataSource admin, NpgsqlDataSource dataSource, string schema)
    {
        _admin = admin;
        DataSource = dataSource;
        Schema = schema;
    }

    public NpgsqlDataSource DataSource { get; }

    public string Schema { get; }

    public static async Task<ClusterDatabase> CreateAsync(int partitionCount)
    {
        var conn = Environment.GetEnvironmentVariable("JOBREC_PG");
        if (string.IsNullOrWhiteSpace(conn))
        {
            throw new InvalidOperationException("JOBREC_PG is not set: the cluster tests need a real PostgreSQL. Run `eval \"$(deploy/pg-local.sh start)\"` (deploy/test.sh does this) and run the tests again.");
        }

        var schema = "t_" + Guid.NewGuid().ToString("N")[..12];
        var admin = NpgsqlDataSource.Create(conn);
        await using (var cmd = admin.CreateCommand($"CREATE SCHEMA {schema};"))
        {
            await cmd.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(conn) { SearchPath = schema };
        var dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
        await ClusterSchema.EnsureAsync(dataSource, partitionCount);
        return new ClusterDatabase(admin, dataSource, schema);
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var cmd = DataSource.CreateCommand(sql);
        await cmd.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        await using (var cmd = _admin.CreateCommand($"DROP SCHEMA {Schema} CASCADE;"))
        {
            await cmd.ExecuteNonQueryAsync();
        }

        await _admin.DisposeAsync();
    }
}
