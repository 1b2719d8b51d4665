using JobRec.ML.Models;
using Npgsql;

namespace JobRec.Silo.Models;

/// <summary>The cluster's model store: model files (<see cref="ModelFile"/> bytes) in the table <c>jobrec_model</c> of the cluster's PostgreSQL and
/// the active version per name in <c>jobrec_model_active</c>. Every silo already reaches that database, so no shared file system is needed and a
/// silo on a new machine sees the same models. Tables are created on first use (under an advisory lock); versions are assigned under a
/// per-name advisory lock, so concurrent trainers get distinct versions.</summary>
public sealed class PostgresModelStore : IModelStore, IAsyncDisposable
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS jobrec_model (
            name text NOT NULL,
            version integer NOT NULL,
            created_at timestamptz NOT NULL DEFAULT now(),
            file bytea NOT NULL,
            PRIMARY KEY (name, version));
        CREATE TABLE IF NOT EXISTS jobrec_model_active (
            name text PRIMARY KEY,
            version integer NOT NULL,
            activated_at timestamptz NOT NULL DEFAULT now(),
            FOREIGN KEY (name, version) REFERENCES jobrec_model (name, version));
        """;

    private readonly NpgsqlDataSource _dataSource;
    private readonly SemaphoreSlim _schemaGate = new(1, 1);
    private bool _schemaReady;

    /// <summary>A store on the database of <paramref name="connectionString"/>.</summary>
    public PostgresModelStore(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        _dataSource = NpgsqlDataSource.Create(connectionString);
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        Description = $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database} table jobrec_model";
    }

    /// <inheritdoc />
    public string Description { get; }

    /// <inheritdoc />
    public async Task<ModelMetadata> AddAsync(ModelMetadata metadata, byte[] payload, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(payload);
        ModelNames.Check(metadata.Name);
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var lockCmd = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext('jobrec_model:' || @n));", connection, tx))
        {
            lockCmd.Parameters.AddWithValue("n", metadata.Name);
            await lockCmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        int version;
        await using (var next = new NpgsqlCommand("SELECT COALESCE(MAX(version), 0) + 1 FROM jobrec_model WHERE name = @n;", connection, tx))
        {
            next.Parameters.AddWithValue("n", metadata.Name);
            version = Convert.ToInt32(await next.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
        }

        var stored = metadata with { Version = version };
        await using (var insert = new NpgsqlCommand("INSERT INTO jobrec_model (name, version, created_at, file) VALUES (@n, @v, @c, @f);", connection, tx))
        {
            insert.Parameters.AddWithValue("n", stored.Name);
            insert.Parameters.AddWithValue("v", version);
            insert.Parameters.AddWithValue("c", stored.CreatedAt.ToUniversalTime());
            insert.Parameters.AddWithValue("f", ModelFile.Write(stored, payload));
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return stored;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ModelMetadata>> ListAsync(string? name = null, CancellationToken cancellationToken = default)
    {
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = _dataSource.CreateCommand(
            $"SELECT name, version, substring(file from 1 for {ModelFile.MaxMetadataBytes + 32}) FROM jobrec_model WHERE @n::text IS NULL OR name = @n ORDER BY name, version;");
        cmd.Parameters.AddWithValue("n", (object?)name ?? DBNull.Value);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var result = new List<ModelMetadata>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            using var head = new MemoryStream(reader.GetFieldValue<byte[]>(2));
            result.Add(ModelFile.ReadMetadata(head, $"{Description} row ({reader.GetString(0)}, {reader.GetInt32(1)})"));
        }

        return result;
    }

    /// <inheritdoc />
    public async Task ActivateAsync(string name, int version, CancellationToken cancellationToken = default)
    {
        ModelNames.Check(name);
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = _dataSource.CreateCommand("""
            INSERT INTO jobrec_model_active (name, version, activated_at)
            SELECT name, version, now() FROM jobrec_model WHERE name = @n AND version = @v
            ON CONFLICT (name) DO UPDATE SET version = EXCLUDED.version, activated_at = EXCLUDED.activated_at;
            """);
        cmd.Parameters.AddWithValue("n", name);
        cmd.Parameters.AddWithValue("v", version);
        if (await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
        {
            throw new KeyNotFoundException($"model {name} version {version} is not in {Description}");
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, int>> ActiveVersionsAsync(CancellationToken cancellationToken = default)
    {
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = _dataSource.CreateCommand("SELECT name, version FROM jobrec_model_active;");
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var result = new Dictionary<string, int>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            result[reader.GetString(0)] = reader.GetInt32(1);
        }

        return result;
    }

    /// <inheritdoc />
    public async Task<StoredModel> ReadAsync(string name, int version, CancellationToken cancellationToken = default)
    {
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = _dataSource.CreateCommand("SELECT file FROM jobrec_model WHERE name = @n AND version = @v;");
        cmd.Parameters.AddWithValue("n", name);
        cmd.Parameters.AddWithValue("v", version);
        var file = await cmd.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as byte[]
            ?? throw new KeyNotFoundException($"model {name} version {version} is not in {Description}");
        return ModelFile.Read(file, $"{Description} row ({name}, {version})");
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _dataSource.DisposeAsync().ConfigureAwait(false);
        _schemaGate.Dispose();
    }

    private async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        if (_schemaReady)
        {
            return;
        }

        await _schemaGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_schemaReady)
            {
                return;
            }

            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (var cmd = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext('jobrec_model_schema'));" + Schema, connection, tx))
            {
                await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
            _schemaReady = true;
        }
        finally
        {
            _schemaGate.Release();
        }
    }
}
