using JobRec.Actors;
using JobRec.Actors.Cluster;
using Npgsql;

namespace JobRec.Cli.Cluster;

/// <summary>A throwaway cluster of silo processes on loopback ports sharing one fresh PostgreSQL schema (for tests and `jobrec bench cluster`); disposing stops the silos and drops the schema.</summary>
public sealed class LocalSiloCluster : IAsyncDisposable
{
    private readonly NpgsqlDataSource _admin;
    private readonly List<LocalSiloProcess> _silos = new();

    private LocalSiloCluster(NpgsqlDataSource admin, NpgsqlDataSource dataSource, string schema, string connectionString, int partitions, TimeSpan lease, string jobrecDll)
    {
        _admin = admin;
        DataSource = dataSource;
        Schema = schema;
        ConnectionString = connectionString;
        Map = new PartitionMap(partitions);
        Lease = lease;
        JobrecDll = jobrecDll;
    }

    /// <summary>Connection to the cluster's schema.</summary>
    public NpgsqlDataSource DataSource { get; }

    /// <summary>The schema the silos share.</summary>
    public string Schema { get; }

    /// <summary>The connection string given to the silos (search path = <see cref="Schema"/>).</summary>
    public string ConnectionString { get; }

    /// <summary>The partition map the silos use.</summary>
    public PartitionMap Map { get; }

    /// <summary>The silos' lease time.</summary>
    public TimeSpan Lease { get; }

    /// <summary>The jobrec.dll the silos run.</summary>
    public string JobrecDll { get; }

    /// <summary>The silos started so far (killed ones included).</summary>
    public IReadOnlyList<LocalSiloProcess> Silos => _silos;

    /// <summary>Creates a fresh schema on the server of <paramref name="connectionString"/> for silos with <paramref name="partitions"/> partitions and <paramref name="lease"/> leases.</summary>
    public static async Task<LocalSiloCluster> CreateAsync(string connectionString, int partitions, TimeSpan lease, string? jobrecDll = null)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new ArgumentException("A PostgreSQL connection string is needed (JOBREC_PG; deploy/pg-local.sh start prints one).", nameof(connectionString));
        }

        var dll = jobrecDll ?? LocalSiloProcess.FindJobrecDll();
        var schema = "c_" + Guid.NewGuid().ToString("N")[..12];
        var admin = NpgsqlDataSource.Create(connectionString);
        await using (var cmd = admin.CreateCommand($"CREATE SCHEMA {schema};"))
        {
            await cmd.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        var cs = new NpgsqlConnectionStringBuilder(connectionString) { SearchPath = schema }.ConnectionString;
        var dataSource = NpgsqlDataSource.Create(cs);
        await ClusterSchema.EnsureAsync(dataSource, partitions).ConfigureAwait(false);
        return new LocalSiloCluster(admin, dataSource, schema, cs, partitions, lease, dll);
    }

    /// <summary>Starts silo <paramref name="siloId"/> and waits for its banner (it has run its first lease cycle).</summary>
    public async Task<LocalSiloProcess> StartSiloAsync(string siloId, TimeSpan? startTimeout = null)
    {
        var silo = await LocalSiloProcess.StartAsync(JobrecDll, siloId, ConnectionString, Map.PartitionCount, Lease, startTimeout ?? TimeSpan.FromSeconds(90)).ConfigureAwait(false);
        _silos.Add(silo);
        return silo;
    }

    /// <summary>Every partition's owner as the database holds it now (null when free or expired), indexed by partition.</summary>
    public async Task<string?[]> ReadOwnersAsync()
    {
        var owners = new string?[Map.PartitionCount];
        await using var cmd = DataSource.CreateCommand("SELECT partition, CASE WHEN lease_until > now() THEN owner END FROM partition_lease;");
        await using var reader = await cmd.ExecuteReaderAsync().ConfigureAwait(false);
        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            owners[reader.GetInt32(0)] = reader.IsDBNull(1) ? null : reader.GetString(1);
        }

        return owners;
    }

    /// <summary>Every partition's lease epoch now, indexed by partition.</summary>
    public async Task<long[]> ReadEpochsAsync()
    {
        var epochs = new long[Map.PartitionCount];
        await using var cmd = DataSource.CreateCommand("SELECT partition, epoch FROM partition_lease;");
        await using var reader = await cmd.ExecuteReaderAsync().ConfigureAwait(false);
        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            epochs[reader.GetInt32(0)] = reader.GetInt64(1);
        }

        return epochs;
    }

    /// <summary>Waits until every partition is held by one of <paramref name="siloIds"/> and each holds its fair share (±1), checked twice in a row; throws with the ownership seen when <paramref name="timeout"/> passes. Returns the owners.</summary>
    public async Task<string?[]> WaitForBalanceAsync(IReadOnlyCollection<string> siloIds, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var stableRounds = 0;
        string?[] owners = [];
        while (true)
        {
            owners = await ReadOwnersAsync().ConfigureAwait(false);
            stableRounds = IsBalanced(owners, siloIds) ? stableRounds + 1 : 0;
            if (stableRounds >= 2)
            {
                return owners;
            }

            if (DateTime.UtcNow > deadline)
            {
                var counts = string.Join(", ", owners.GroupBy(o => o ?? "<none>").Select(g => $"{g.Key}={g.Count()}"));
                throw new TimeoutException($"The cluster did not balance over [{string.Join(", ", siloIds)}] within {timeout.TotalSeconds:0} s; ownership: {counts}. {Diagnostics()}");
            }

            await Task.Delay(200).ConfigureAwait(false);
        }
    }

    /// <summary>Waits until no partition is held by <paramref name="siloId"/> and every partition has a live owner; returns the time it took from <paramref name="sinceUtc"/>.</summary>
    public async Task<TimeSpan> WaitForTakeoverAsync(string siloId, DateTime sinceUtc, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var owners = await ReadOwnersAsync().ConfigureAwait(false);
            if (owners.All(o => o is not null && o != siloId))
            {
                return DateTime.UtcNow - sinceUtc;
            }

            if (DateTime.UtcNow > deadline)
            {
                var counts = string.Join(", ", owners.GroupBy(o => o ?? "<none>").Select(g => $"{g.Key}={g.Count()}"));
                throw new TimeoutException($"Partitions of silo {siloId} were not taken over within {timeout.TotalSeconds:0} s; ownership: {counts}. {Diagnostics()}");
            }

            await Task.Delay(100).ConfigureAwait(false);
        }
    }

    /// <summary>The partition of grain <paramref name="grainType"/>/<paramref name="key"/>.</summary>
    public int PartitionOf(string grainType, string key) => Map.GetPartition(new GrainId(grainType, key));

    /// <summary>The recent output of every silo, for failure messages.</summary>
    public string Diagnostics() =>
        string.Join("\n", _silos.Select(s => $"--- silo {s.SiloId} (pid {s.ProcessId}{(s.HasExited ? ", exited" : string.Empty)}):\n{Tail(s.RecentOutput, 30)}"));

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_silos.Select(s => s.DisposeAsync().AsTask())).ConfigureAwait(false);
        await DataSource.DisposeAsync().ConfigureAwait(false);
        try
        {
            await using var cmd = _admin.CreateCommand($"DROP SCHEMA {Schema} CASCADE;");
            await cmd.ExecuteNonQueryAsync().ConfigureAwait(false);
        }
        catch (NpgsqlException)
        {
            // The server may be gone already.
        }

        await _admin.DisposeAsync().ConfigureAwait(false);
    }

    private static string Tail(string text, int lines) => string.Join('\n', text.Split('\n').TakeLast(lines));

    private bool IsBalanced(string?[] owners, IReadOnlyCollection<string> siloIds)
    {
        if (owners.Any(o => o is null || !siloIds.Contains(o)))
        {
            return false;
        }

        var low = Map.PartitionCount / siloIds.Count;
        var high = low + (Map.PartitionCount % siloIds.Count == 0 ? 0 : 1);
        var counts = owners.GroupBy(o => o!).ToDictionary(g => g.Key, g => g.Count());
        return siloIds.All(id => counts.TryGetValue(id, out var c) && c >= low && c <= high);
    }
}
