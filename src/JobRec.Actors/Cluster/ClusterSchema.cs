using Npgsql;

namespace JobRec.Actors.Cluster;

/// <summary>Creates the cluster tables (partition leases, membership, grain state) in PostgreSQL; idempotent and safe to run from several silos at once.</summary>
public static class ClusterSchema
{
    /// <summary>Creates the tables when missing and inserts one free lease row per partition of <paramref name="partitionCount"/>.</summary>
    public static async Task EnsureAsync(NpgsqlDataSource dataSource, int partitionCount, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitionCount, 1);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var lockCmd = new NpgsqlCommand("SELECT pg_advisory_xact_lock(7408001);", connection, tx))
        {
            await lockCmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var cmd = new NpgsqlCommand("""
            CREATE TABLE IF NOT EXISTS partition_lease (
              partition   integer     PRIMARY KEY,
              owner       text        NULL,
              epoch       bigint      NOT NULL DEFAULT 0,
              lease_until timestamptz NOT NULL DEFAULT '-infinity');
            CREATE TABLE IF NOT EXISTS silo_membership (
              silo_id          text        PRIMARY KEY,
              endpoint         text        NOT NULL,
              gateway_endpoint text        NOT NULL,
              heartbeat        timestamptz NOT NULL);
            CREATE TABLE IF NOT EXISTS grain_state (
              grain_id   text    NOT NULL,
              state_name text    NOT NULL,
              partition  integer NOT NULL,
              etag       bigint  NOT NULL,
              epoch      bigint  NOT NULL,
              data       bytea   NOT NULL,
              PRIMARY KEY (grain_id, state_name));
            INSERT INTO partition_lease (partition) SELECT generate_series(0, @p - 1) ON CONFLICT DO NOTHING;
            """, connection, tx))
        {
            cmd.Parameters.AddWithValue("p", partitionCount);
            await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var count = new NpgsqlCommand("SELECT count(*) FROM partition_lease;", connection, tx))
        {
            var rows = (long)(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            if (rows != partitionCount)
            {
                throw new InvalidOperationException($"Table partition_lease holds {rows} partitions but this silo is configured for {partitionCount}; every silo of a cluster must use the same partition count.");
            }
        }

        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }
}
