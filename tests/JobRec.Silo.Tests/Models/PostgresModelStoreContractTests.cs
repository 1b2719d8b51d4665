using JobRec.ML.Models;
using JobRec.Silo.Models;
using Npgsql;

namespace JobRec.Silo.Tests.Models;

/// <summary>The model store contract on the cluster's PostgreSQL store: a real PostgreSQL (JOBREC_PG, exported by deploy/test.sh from
/// deploy/pg-local.sh), each test in a throwaway schema where the store creates its tables on first use. Fails loudly when JOBREC_PG is unset.</summary>
public sealed class PostgresModelStoreContractTests : ModelStoreContract, IAsyncLifetime
{
    private PostgresTestSchema? _schema;
    private PostgresModelStore? _store;

    /// <inheritdoc />
    protected override IModelStore Store => _store ?? throw new InvalidOperationException("not initialized");

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        _schema = await PostgresTestSchema.CreateAsync("m_", "PostgreSQL model store tests");
        _store = new PostgresModelStore(_schema.ConnectionString);
    }

    /// <inheritdoc />
    protected override async Task CorruptAsync(string name, int version)
    {
        var schema = _schema ?? throw new InvalidOperationException("not initialized");
        Assert.Equal(1, await schema.ExecuteAsync(
            $"UPDATE {schema.Name}.jobrec_model SET file = set_byte(file, length(file) - 33, get_byte(file, length(file) - 33) # 255) WHERE name = $1 AND version = $2;",
            name,
            version));
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }

        if (_schema is not null)
        {
            await _schema.DisposeAsync();
        }
    }
}
