using JobRec.ML.Models;
using JobRec.Silo.Models;
using Npgsql;

namespace JobRec.Silo.Tests.Models;

/// <summary>The model store contract on the cluster's PostgreSQL store: a real PostgreSQL (JOBREC_PG, exported by deploy/test.sh from
/// deploy/pg-local.sh), each test in a throwaway schema where the store creates its tables on first use. Fails loudly when JOBREC_PG is unset.</summary>
public sealed class PostgresModelStoreContractTests : ModelStoreContract, IAsyncLifetime
{
    private readonly string _schema = "m_" + Guid.NewGuid().ToString("N")[..12];
    private NpgsqlDataSource? _admin;
    private PostgresModelStore? _store;

    /// <inheritdoc />
    protected override IModelStore Store => _store ?? throw new InvalidOperationException("not initialized");

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var conn = Environment.GetEnvironmentVariable("JOBREC_PG");
        if (string.IsNullOrWhiteSpace(conn))
        {
            throw new InvalidOperationException("JOBREC_PG is not set: the PostgreSQL model store tests need a real PostgreSQL. Run `eval \"$(deploy/pg-local.sh start)\"` (deploy/test.sh does this) and run the tests again.");
        }

        _admin = NpgsqlDataSource.Create(conn);
        await using (var cmd = _admin.CreateCommand($"CREATE SCHEMA {_schema};"))
        {
            await cmd.ExecuteNonQueryAsync();
        }

        _store = new PostgresModelStore(new NpgsqlConnectionStringBuilder(conn) { SearchPath = _schema }.ConnectionString);
    }

    /// <inheritdoc />
    protected override async Task CorruptAsync(string name, int version)
    {
        await using var cmd = _admin!.CreateCommand(
            $"UPDATE {_schema}.jobrec_model SET file = set_byte(file, length(file) - 33, get_byte(file, length(file) - 33) # 255) WHERE name = $1 AND version = $2;");
        cmd.Parameters.AddWithValue(name);
        cmd.Parameters.AddWithValue(version);
        Assert.Equal(1, await cmd.ExecuteNonQueryAsync());
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
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
