using JobRec.OrleansExtensions.Storage;
using Npgsql;
using Orleans.Runtime;

namespace JobRec.Hosting.Local.Import;

/// <summary>The jobs a cluster's PostgreSQL holds: job grain states (table jobrec_grain_state, as the job grains and the bulk importer store
/// them) and index shard entries (table jobrec_shard_entry, from which a shard activating on any silo rebuilds its index).</summary>
public sealed class StoredJobs
{
    /// <summary>The job grain's type name (its [GrainType]).</summary>
    public const string JobGrainType = "JobRec.Grains.Jobs.JobGrain";

    /// <summary>The state name the job grain stores under.</summary>
    public const string StateName = "state";

    // Reading 1.3M ids takes longer than a cluster connection string's usual command timeout.
    private const int ReadTimeoutSeconds = 600;

    private readonly HashSet<string> _stateKeys;
    private readonly HashSet<string> _shardEntries;

    private StoredJobs(HashSet<string> stateKeys, HashSet<string> shardEntries)
    {
        _stateKeys = stateKeys;
        _shardEntries = shardEntries;
    }

    /// <summary>Job grain states stored.</summary>
    public int States => _stateKeys.Count;

    /// <summary>Shard entries stored.</summary>
    public int ShardEntries => _shardEntries.Count;

    /// <summary>Reads the stored job ids of the cluster schema behind <paramref name="dataSource"/>.</summary>
    public static async Task<StoredJobs> LoadAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        var prefix = StateKeyOf("x")[..^1];
        var states = new HashSet<string>(StringComparer.Ordinal);
        await using (var cmd = dataSource.CreateCommand("SELECT grain_id FROM jobrec_grain_state WHERE state_name = @s AND starts_with(grain_id, @p);"))
        {
            cmd.CommandTimeout = ReadTimeoutSeconds;
            cmd.Parameters.AddWithValue("s", StateName);
            cmd.Parameters.AddWithValue("p", prefix);
            await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                states.Add(reader.GetString(0));
            }
        }

        var entries = new HashSet<string>(StringComparer.Ordinal);
        await using (var cmd = dataSource.CreateCommand("SELECT job_id FROM jobrec_shard_entry;"))
        {
            cmd.CommandTimeout = ReadTimeoutSeconds;
            await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                entries.Add(reader.GetString(0));
            }
        }

        return new StoredJobs(states, entries);
    }

    /// <summary>Whether job <paramref name="jobId"/> has a stored grain state.</summary>
    public bool HasState(string jobId) => _stateKeys.Contains(StateKeyOf(jobId));

    /// <summary>Whether job <paramref name="jobId"/> has a stored shard entry.</summary>
    public bool HasShardEntry(string jobId) => _shardEntries.Contains(jobId);

    /// <summary>The grain_id column of job <paramref name="jobId"/>'s state row.</summary>
    public static string StateKeyOf(string jobId) => GrainStateJson.KeyOf(GrainId.Create(JobGrainType, jobId));
}
