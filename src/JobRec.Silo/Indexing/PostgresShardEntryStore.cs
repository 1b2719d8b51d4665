using JobRec.Contracts.Indexing;
using JobRec.Grains.Indexing;
using Npgsql;

namespace JobRec.Silo.Indexing;

/// <summary>Index shard entries in the cluster's PostgreSQL (table jobrec_shard_entry, one row per job in the binary record format of
/// <see cref="FileShardEntryStore"/>), so a shard grain that activates on any silo of any machine (after a silo died or left) rebuilds
/// its vector index from the same entries. Appends and removals from a shard's turns are awaited (no thread held during the round trip); an append is one transaction.</summary>
public sealed class PostgresShardEntryStore : IShardEntryStore
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly int _shardCount;

    /// <summary>A store over <paramref name="dataSource"/> (the table must exist) for a cluster of <paramref name="shardCount"/> shards.</summary>
    public PostgresShardEntryStore(NpgsqlDataSource dataSource, int shardCount)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentOutOfRangeException.ThrowIfLessThan(shardCount, 1);
        _dataSource = dataSource;
        _shardCount = shardCount;
    }

    /// <inheritdoc />
    public IReadOnlyList<ShardEntry> Load(int shard)
    {
        // Rows written under another shard count are checked by the job id's routing under this one.
        using var cmd = _dataSource.CreateCommand("SELECT job_id, shard_count, data FROM jobrec_shard_entry WHERE (shard_count = @n AND shard = @s) OR shard_count <> @n;");
        cmd.Parameters.AddWithValue("n", _shardCount);
        cmd.Parameters.AddWithValue("s", shard);
        using var reader = cmd.ExecuteReader();
        var entries = new List<ShardEntry>();
        while (reader.Read())
        {
            if (reader.GetInt32(1) != _shardCount && ShardRouting.ShardOf(reader.GetString(0), _shardCount) != shard)
            {
                continue;
            }

            using var stream = new MemoryStream(reader.GetFieldValue<byte[]>(2));
            using var binary = new BinaryReader(stream, System.Text.Encoding.UTF8);
            entries.Add(FileShardEntryStore.ReadEntry(binary));
        }

        return entries;
    }

    /// <inheritdoc />
    public void Append(int shard, IReadOnlyList<ShardEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            return;
        }

        // One round trip and one transaction for the whole batch (an import sends a chunk's entries per shard at once): the entries
        // are durable together before the shard answers, so every job an import saw acknowledged survives a silo's death.
        using var connection = _dataSource.OpenConnection();
        using var tx = connection.BeginTransaction();
        using var batch = new NpgsqlBatch(connection, tx);
        foreach (var entry in entries)
        {
            batch.BatchCommands.Add(Upsert(shard, entry));
        }

        batch.ExecuteNonQuery();
        tx.Commit();
    }

    /// <inheritdoc />
    public void Remove(int shard, string jobId)
    {
        using var cmd = _dataSource.CreateCommand("DELETE FROM jobrec_shard_entry WHERE job_id = @j;");
        cmd.Parameters.AddWithValue("j", jobId);
        cmd.ExecuteNonQuery();
    }

    /// <inheritdoc />
    public async Task AppendAsync(int shard, IReadOnlyList<ShardEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            return;
        }

        // As Append, awaited: a shard's write turn holds no thread-pool thread during the round trip.
        await using var connection = await _dataSource.OpenConnectionAsync().ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync().ConfigureAwait(false);
        await using var batch = new NpgsqlBatch(connection, tx);
        foreach (var entry in entries)
        {
            batch.BatchCommands.Add(Upsert(shard, entry));
        }

        await batch.ExecuteNonQueryAsync().ConfigureAwait(false);
        await tx.CommitAsync().ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task RemoveAsync(int shard, string jobId)
    {
        await using var cmd = _dataSource.CreateCommand("DELETE FROM jobrec_shard_entry WHERE job_id = @j;");
        cmd.Parameters.AddWithValue("j", jobId);
        await cmd.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    /// <inheritdoc />
    public void Compact(int shard, IReadOnlyList<ShardEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        using var connection = _dataSource.OpenConnection();
        using var tx = connection.BeginTransaction();
        using (var delete = new NpgsqlCommand("DELETE FROM jobrec_shard_entry WHERE shard_count = @n AND shard = @s;", connection, tx))
        {
            delete.Parameters.AddWithValue("n", _shardCount);
            delete.Parameters.AddWithValue("s", shard);
            delete.ExecuteNonQuery();
        }

        if (entries.Count > 0)
        {
            using var batch = new NpgsqlBatch(connection, tx);
            foreach (var entry in entries)
            {
                batch.BatchCommands.Add(Upsert(shard, entry));
            }

            batch.ExecuteNonQuery();
        }

        tx.Commit();
    }

    private NpgsqlBatchCommand Upsert(int shard, ShardEntry entry)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            FileShardEntryStore.WriteEntry(writer, entry);
        }

        var cmd = new NpgsqlBatchCommand("""
            INSERT INTO jobrec_shard_entry (job_id, shard, shard_count, data) VALUES (@j, @s, @n, @d)
            ON CONFLICT (job_id) DO UPDATE SET shard = EXCLUDED.shard, shard_count = EXCLUDED.shard_count, data = EXCLUDED.data;
            """);
        cmd.Parameters.AddWithValue("j", entry.Job.Id);
        cmd.Parameters.AddWithValue("s", shard);
        cmd.Parameters.AddWithValue("n", _shardCount);
        cmd.Parameters.AddWithValue("d", stream.ToArray());
        return cmd;
    }
}
