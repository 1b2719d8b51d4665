using JobRec.OrleansExtensions.Clustering;
using JobRec.OrleansExtensions.Storage;
using Npgsql;
using Orleans.Storage;

namespace JobRec.OrleansExtensions.Tests.Storage;

/// <summary>The storage contract on a real PostgreSQL (JOBREC_PG, exported by deploy/test.sh from deploy/pg-local.sh), in a throwaway schema
/// set up by <see cref="PostgresClusterSchema"/> (applied twice: it must be idempotent). Fails loudly when JOBREC_PG is unset.</summary>
public sealed class PostgresGrainStorageTests : GrainStorageContract, IAsyncLifetime
{
    private readonly string _schema = "s_" + Guid.NewGuid().ToString("N")[..12];
    private NpgsqlDataSource? _admin;
    private NpgsqlDataSource? _dataSource;
    private PostgresGrainStorage? _storage;

    protected override IGrainStorage Storage => _storage ?? throw new InvalidOperationException("not initialized");

    public async Task InitializeAsync()
    {
        var conn = Environment.GetEnvironmentVariable("JOBREC_PG");
        if (string.IsNullOrWhiteSpace(conn))
        {
            throw new InvalidOperationException("JOBREC_PG is not set: the PostgreSQL storage tests need a real PostgreSQL. Run `eval \"$(deploy/pg-local.sh start)\"` (deploy/test.sh does this) and run the tests again.");
        }

        _admin = NpgsqlDataSource.Create(conn);
        await using (var cmd = _admin.CreateCommand($"CREATE SCHEMA {_schema};"))
        {
            await cmd.ExecuteNonQueryAsync();
        }

        var cs = new NpgsqlConnectionStringBuilder(conn) { SearchPath = _schema }.ConnectionString;
        await Task.WhenAll(PostgresClusterSchema.EnsureAsync(cs), PostgresClusterSchema.EnsureAsync(cs));
        await PostgresClusterSchema.EnsureAsync(cs);
        _dataSource = NpgsqlDataSource.Create(cs);
        _storage = new PostgresGrainStorage(_dataSource);
    }

    public async Task DisposeAsync()
    {
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
        }

        if (_admin is not null)
        {
            await using (var cmd = _admin.CreateCommand($"DROP SCHEMA {_schema} CASCADE;"))
            {
                await cmd.ExecuteNonQueryAsync();
            }

            await _admin.DisposeAsync();
        }
    }
}
