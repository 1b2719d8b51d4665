using Npgsql;

namespace JobRec.Actors.Cluster;

/// <summary>Claims, renews and releases partition leases for one silo with conditional UPDATEs on the PostgreSQL table; every takeover increments the partition's epoch (the fencing token).</summary>
public sealed class PartitionLeaseTable
{
    private readonly NpgsqlDataSource _dataSource;

    /// <summary>Creates the table view for silo <paramref name="siloId"/> holding leases for <paramref name="leaseDuration"/> at a time.</summary>
    public PartitionLeaseTable(NpgsqlDataSource dataSource, string siloId, TimeSpan leaseDuration)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentException.ThrowIfNullOrEmpty(siloId);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(leaseDuration, TimeSpan.Zero);
        _dataSource = dataSource;
        SiloId = siloId;
        LeaseDuration = leaseDuration;
    }

    /// <summary>The silo these leases are claimed for.</summary>
    public string SiloId { get; }

    /// <summary>How long a claim or renewal holds a partition.</summary>
    public TimeSpan LeaseDuration { get; }

    /// <summary>Extends every lease this silo still holds (not yet expired) and returns them; a lease that expired is not renewed and must be claimed again under a new epoch.</summary>
    public Task<IReadOnlyList<PartitionLease>> RenewAsync(CancellationToken cancellationToken = default) =>
        QueryAsync("""
            UPDATE partition_lease SET lease_until = now() + @d
            WHERE owner = @me AND lease_until > now()
            RETURNING partition, owner, epoch, lease_until;
            """, cmd => { }, cancellationToken);

    /// <summary>Claims up to <paramref name="maxCount"/> partitions that are free or whose lease expired, incrementing each one's epoch; concurrent claimers never get the same partition.</summary>
    public Task<IReadOnlyList<PartitionLease>> ClaimAsync(int maxCount, CancellationToken cancellationToken = default)
    {
        if (maxCount <= 0)
        {
            return Task.FromResult<IReadOnlyList<PartitionLease>>([]);
        }

        return QueryAsync("""
            UPDATE partition_lease SET owner = @me, epoch = epoch + 1, lease_until = now() + @d
            WHERE partition IN (
                SELECT partition FROM partition_lease
                WHERE owner IS NULL OR lease_until <= now()
                ORDER BY (owner IS NULL) DESC, partition
                LIMIT @n FOR UPDATE SKIP LOCKED)
              AND (owner IS NULL OR lease_until <= now())
            RETURNING partition, owner, epoch, lease_until;
            """, cmd => cmd.Parameters.AddWithValue("n", maxCount), cancellationToken);
    }

    /// <summary>Gives up the named partitions this silo owns (after their grains were deactivated and persisted) so another silo can claim them at once.</summary>
    public async Task<int> ReleaseAsync(IEnumerable<int> partitions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        await using var cmd = _dataSource.CreateCommand("""
            UPDATE partition_lease SET owner = NULL, lease_until = '-infinity'
            WHERE owner = @me AND partition = ANY(@p);
            """);
        cmd.Parameters.AddWithValue("me", SiloId);
        cmd.Parameters.AddWithValue("p", partitions.ToArray());
        return await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Returns every partition's lease as the database holds it now.</summary>
    public async Task<IReadOnlyList<PartitionLease>> ReadAllAsync(CancellationToken cancellationToken = default)
    {
        await using var cmd = _dataSource.CreateCommand("SELECT partition, owner, epoch, lease_until FROM partition_lease ORDER BY partition;");
        return await ReadLeasesAsync(cmd, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The number of partitions the silo at <paramref name="rank"/> (its index among the live silos ordered by id) should hold, so the shares of <paramref name="liveSilos"/> silos differ by at most one and sum to <paramref name="partitionCount"/>.</summary>
    public static int FairShare(int partitionCount, int liveSilos, int rank)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(liveSilos, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(rank);
        return (partitionCount / liveSilos) + (rank < partitionCount % liveSilos ? 1 : 0);
    }

    private async Task<IReadOnlyList<PartitionLease>> QueryAsync(string sql, Action<NpgsqlCommand> bind, CancellationToken cancellationToken)
    {
        await using var cmd = _dataSource.CreateCommand(sql);
        cmd.Parameters.AddWithValue("me", SiloId);
        cmd.Parameters.AddWithValue("d", LeaseDuration);
        bind(cmd);
        return await ReadLeasesAsync(cmd, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<IReadOnlyList<PartitionLease>> ReadLeasesAsync(NpgsqlCommand cmd, CancellationToken cancellationToken)
    {
        var leases = new List<PartitionLease>();
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            leases.Add(new PartitionLease(
                reader.GetInt32(0),
                reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.GetInt64(2),
                reader.GetFieldValue<DateTime>(3)));
        }

        leases.Sort((a, b) => a.Partition.CompareTo(b.Partition));
        return leases;
    }
}
