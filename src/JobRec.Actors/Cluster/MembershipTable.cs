using Npgsql;

namespace JobRec.Actors.Cluster;

/// <summary>The PostgreSQL membership table: silos upsert their endpoints with a heartbeat; a silo is live while its heartbeat is younger than the liveness window.</summary>
public sealed class MembershipTable
{
    private readonly NpgsqlDataSource _dataSource;

    /// <summary>Creates the table view; <paramref name="livenessWindow"/> is how old a heartbeat may be for its silo to count as live.</summary>
    public MembershipTable(NpgsqlDataSource dataSource, TimeSpan livenessWindow)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(livenessWindow, TimeSpan.Zero);
        _dataSource = dataSource;
        LivenessWindow = livenessWindow;
    }

    /// <summary>How old a heartbeat may be for its silo to count as live.</summary>
    public TimeSpan LivenessWindow { get; }

    /// <summary>Inserts or refreshes this silo's row with the database's current time as heartbeat.</summary>
    public async Task HeartbeatAsync(string siloId, string endpoint, string gatewayEndpoint, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(siloId);
        await using var cmd = _dataSource.CreateCommand("""
            INSERT INTO silo_membership (silo_id, endpoint, gateway_endpoint, heartbeat) VALUES (@s, @e, @g, now())
            ON CONFLICT (silo_id) DO UPDATE SET endpoint = EXCLUDED.endpoint, gateway_endpoint = EXCLUDED.gateway_endpoint, heartbeat = now();
            """);
        cmd.Parameters.AddWithValue("s", siloId);
        cmd.Parameters.AddWithValue("e", endpoint);
        cmd.Parameters.AddWithValue("g", gatewayEndpoint);
        await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Removes this silo's row (graceful shutdown).</summary>
    public async Task LeaveAsync(string siloId, CancellationToken cancellationToken = default)
    {
        await using var cmd = _dataSource.CreateCommand("DELETE FROM silo_membership WHERE silo_id = @s;");
        cmd.Parameters.AddWithValue("s", siloId);
        await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Returns the live silos ordered by id; clients read their gateway endpoints from here.</summary>
    public async Task<IReadOnlyList<SiloMember>> ReadLiveAsync(CancellationToken cancellationToken = default)
    {
        await using var cmd = _dataSource.CreateCommand("""
            SELECT silo_id, endpoint, gateway_endpoint, heartbeat FROM silo_membership
            WHERE heartbeat > now() - @w ORDER BY silo_id;
            """);
        cmd.Parameters.AddWithValue("w", LivenessWindow);
        var members = new List<SiloMember>();
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            members.Add(new SiloMember(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateTime>(3)));
        }

        return members;
    }
}
