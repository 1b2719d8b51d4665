using JobRec.OrleansExtensions.Clustering;
using JobRec.OrleansExtensions.Storage;
using Npgsql;
using Orleans.Storage;

namespace JobRec.OrleansExtensions.Tests.Storage;

/// <summary>The storage contract on a real PostgreSQL (JOBREC_PG, exported by deploy/test.sh from deploy/pg-local.sh), in a throwaway schema
/// set up by <see cref="PostgresClusterSchema"/> (applied twice: it must be idempotent). Fails loudly when JOBREC_PG is unset.</summary>
public sealed class PostgresGrainStorageTests : GrainStorageContract, IAsyncLifetime
{
    private PostgresTestSchema? _schema;
    private NpgsqlDataSource? _dataSource;
    private PostgresGrainStorage? _storage;

    protected override IGrainStorage Storage => _storage ?? throw new InvalidOperationException("not initialized");

    public async Task InitializeAsync()
    {
        _schema = await PostgresTestSchema.CreateAsync("s_", "PostgreSQL storage tests");
        var cs = _schema.ConnectionString;
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

        if (_schema is not null)
        {
            await _schema.DisposeAsync();
        }
    }
}
