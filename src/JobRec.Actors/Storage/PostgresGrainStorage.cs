using System.Globalization;
using JobRec.Actors.Cluster;
using Npgsql;

namespace JobRec.Actors.Storage;

/// <summary>Grain storage in PostgreSQL: one conditional statement per write checks the ETag, that the stored epoch is not newer, and that the writer's epoch is still the partition's current lease epoch (fencing).</summary>
public sealed class PostgresGrainStorage : IGrainStorage
{
    private const string Fence = "EXISTS (SELECT 1 FROM partition_lease l WHERE l.partition = @p AND l.epoch = @epoch)";
    private readonly NpgsqlDataSource _dataSource;
    private readonly PartitionMap _map;

    /// <summary>Creates the store over the tables <see cref="ClusterSchema.EnsureAsync"/> made, hashing grains with <paramref name="map"/>.</summary>
    public PostgresGrainStorage(NpgsqlDataSource dataSource, PartitionMap map)
    {
        _dataSource = dataSource ?? throw new ArgumentNullException(nameof(dataSource));
        _map = map ?? throw new ArgumentNullException(nameof(map));
    }

    /// <inheritdoc />
    public async Task<GrainStateRecord?> ReadAsync(GrainStateKey key, CancellationToken cancellationToken = default)
    {
        await using var cmd = Command("SELECT data, etag, epoch FROM grain_state WHERE grain_id = @g AND state_name = @s;", key);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return new GrainStateRecord(reader.GetFieldValue<byte[]>(0), reader.GetInt64(1).ToString(CultureInfo.InvariantCulture), reader.GetInt64(2));
    }

    /// <inheritdoc />
    public async Task<string> WriteAsync(GrainStateKey key, ReadOnlyMemory<byte> data, string? expectedETag, long epoch, CancellationToken cancellationToken = default)
    {
        NpgsqlCommand cmd;
        long newETag;
        if (expectedETag is null)
        {
            newETag = 1;
            cmd = Command($"INSERT INTO grain_state (grain_id, state_name, partition, etag, epoch, data) SELECT @g, @s, @p, 1, @epoch, @data WHERE {Fence} ON CONFLICT DO NOTHING;", key);
        }
        else
        {
            var expected = ParseETag(key, expectedETag);
            newETag = expected + 1;
            cmd = Command($"UPDATE grain_state SET etag = etag + 1, epoch = @epoch, data = @data WHERE grain_id = @g AND state_name = @s AND etag = @etag AND epoch <= @epoch AND {Fence};", key);
            cmd.Parameters.AddWithValue("etag", expected);
        }

        await using (cmd)
        {
            cmd.Parameters.AddWithValue("epoch", epoch);
            cmd.Parameters.AddWithValue("data", data.ToArray());
            if (await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1)
            {
                return newETag.ToString(CultureInfo.InvariantCulture);
            }
        }

        throw await ConflictAsync(key, expectedETag, epoch, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task ClearAsync(GrainStateKey key, string? expectedETag, long epoch, CancellationToken cancellationToken = default)
    {
        if (expectedETag is null)
        {
            if (await ReadAsync(key, cancellationToken).ConfigureAwait(false) is { } stored)
            {
                throw new InconsistentStateException(key, null, stored.ETag, "a record exists that this state never read");
            }

            return;
        }

        await using var cmd = Command($"DELETE FROM grain_state WHERE grain_id = @g AND state_name = @s AND etag = @etag AND epoch <= @epoch AND {Fence};", key);
        cmd.Parameters.AddWithValue("etag", ParseETag(key, expectedETag));
        cmd.Parameters.AddWithValue("epoch", epoch);
        if (await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) != 1)
        {
            throw await ConflictAsync(key, expectedETag, epoch, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<InconsistentStateException> ConflictAsync(GrainStateKey key, string? expectedETag, long epoch, CancellationToken cancellationToken)
    {
        var partition = _map.GetPartition(key.GrainId);
        await using var cmd = _dataSource.CreateCommand("SELECT epoch, owner FROM partition_lease WHERE partition = @p;");
        cmd.Parameters.AddWithValue("p", partition);
        long? leaseEpoch = null;
        string? owner = null;
        await using (var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                leaseEpoch = reader.GetInt64(0);
                owner = reader.IsDBNull(1) ? null : reader.GetString(1);
            }
        }

        var stored = await ReadAsync(key, cancellationToken).ConfigureAwait(false);
        if (leaseEpoch != epoch)
        {
            return new InconsistentStateException(key, expectedETag, stored?.ETag,
                $"fenced: the write carries epoch {epoch} but partition {partition} is at epoch {leaseEpoch?.ToString(CultureInfo.InvariantCulture) ?? "<missing>"} (owner '{owner ?? "<none>"}')");
        }

        return stored is { } s && s.Epoch > epoch
            ? new InconsistentStateException(key, expectedETag, s.ETag, $"the write carries epoch {epoch} but epoch {s.Epoch} already wrote it")
            : new InconsistentStateException(key, expectedETag, stored?.ETag, "the stored version changed since it was read");
    }

    private static long ParseETag(GrainStateKey key, string etag) =>
        long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw new InconsistentStateException(key, etag, null, "the expected ETag is not one this PostgreSQL store issued");

    private NpgsqlCommand Command(string sql, GrainStateKey key)
    {
        var cmd = _dataSource.CreateCommand(sql);
        cmd.Parameters.AddWithValue("g", key.GrainId.ToString());
        cmd.Parameters.AddWithValue("s", key.StateName);
        cmd.Parameters.AddWithValue("p", _map.GetPartition(key.GrainId));
        return cmd;
    }
}
