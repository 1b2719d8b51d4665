using JobRec.OrleansExtensions.Clustering;
using Npgsql;

namespace JobRec.Hosting.Local;

/// <summary>A throwaway Orleans cluster of silo processes on loopback ports sharing one fresh PostgreSQL schema (for tests and
/// `jobrec bench cluster`); disposing stops the silos and drops the schema.</summary>
public sealed class LocalSiloCluster : IAsyncDisposable
{
    /// <summary>Orleans' membership status of a silo declared dead (SiloStatus.Dead).</summary>
    public const int DeadStatus = 6;

    /// <summary>Orleans' membership status of an active silo (SiloStatus.Active).</summary>
    public const int ActiveStatus = 3;

    private readonly NpgsqlDataSource _admin;
    private readonly List<LocalSiloProcess> _silos = new();

    private LocalSiloCluster(NpgsqlDataSource admin, NpgsqlDataSource dataSource, string schema, string connectionString, string jobrecDll)
    {
        _admin = admin;
        DataSource = dataSource;
        Schema = schema;
        ConnectionString = connectionString;
        JobrecDll = jobrecDll;
    }

    /// <summary>Connection to the cluster's schema.</summary>
    public NpgsqlDataSource DataSource { get; }

    /// <summary>The schema the silos share.</summary>
    public string Schema { get; }

    /// <summary>The connection string given to the silos (search path = <see cref="Schema"/>).</summary>
    public string ConnectionString { get; }

    /// <summary>The jobrec.dll the silos run.</summary>
    public string JobrecDll { get; }

    /// <summary>The cluster's operator key (random per cluster), given to every silo: a client carrying it (ClientOptions.OperatorKey)
    /// may call the grains' internal methods, such as the bulk job import.</summary>
    public string OperatorKey { get; } = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    /// <summary>The silos started so far (killed ones included).</summary>
    public IReadOnlyList<LocalSiloProcess> Silos => _silos;

    /// <summary>Creates a fresh schema with the cluster tables on the server of <paramref name="connectionString"/>.</summary>
    public static async Task<LocalSiloCluster> CreateAsync(string connectionString, string? jobrecDll = null)
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
        await PostgresClusterSchema.EnsureAsync(cs).ConfigureAwait(false);
        return new LocalSiloCluster(admin, NpgsqlDataSource.Create(cs), schema, cs, dll);
    }

    /// <summary>Starts silo <paramref name="siloId"/> and waits for its banner (it is an active member).</summary>
    public async Task<LocalSiloProcess> StartSiloAsync(string siloId, TimeSpan? startTimeout = null)
    {
        var silo = await LocalSiloProcess.StartAsync(JobrecDll, siloId, ConnectionString, startTimeout ?? TimeSpan.FromSeconds(90), operatorKey: OperatorKey).ConfigureAwait(false);
        _silos.Add(silo);
        return silo;
    }

    /// <summary>The Orleans membership table now: silo name to its latest status (Orleans' SiloStatus numbers).</summary>
    public async Task<IReadOnlyDictionary<string, int>> ReadMembershipAsync()
    {
        var members = new Dictionary<string, int>(StringComparer.Ordinal);
        await using var cmd = DataSource.CreateCommand("SELECT SiloName, Status FROM OrleansMembershipTable ORDER BY StartTime;");
        await using var reader = await cmd.ExecuteReaderAsync().ConfigureAwait(false);
        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            members[reader.GetString(0)] = reader.GetInt32(1);
        }

        return members;
    }

    /// <summary>Waits until the membership table marks <paramref name="siloId"/> dead; returns the time since <paramref name="sinceUtc"/>.</summary>
    public async Task<TimeSpan> WaitForDeathAsync(string siloId, DateTime sinceUtc, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var members = await ReadMembershipAsync().ConfigureAwait(false);
            if (members.TryGetValue(siloId, out var status) && status == DeadStatus)
            {
                return DateTime.UtcNow - sinceUtc;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Silo {siloId} was not declared dead within {timeout.TotalSeconds:0} s; membership: {Describe(members)}. {Diagnostics()}");
            }

            await Task.Delay(100).ConfigureAwait(false);
        }
    }

    /// <summary>Waits until every silo of <paramref name="siloIds"/> is active in the membership table.</summary>
    public async Task WaitForActiveAsync(IReadOnlyCollection<string> siloIds, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var members = await ReadMembershipAsync().ConfigureAwait(false);
            if (siloIds.All(id => members.TryGetValue(id, out var s) && s == ActiveStatus))
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Silos [{string.Join(", ", siloIds)}] were not all active within {timeout.TotalSeconds:0} s; membership: {Describe(members)}. {Diagnostics()}");
            }

            await Task.Delay(200).ConfigureAwait(false);
        }
    }

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

    private static string Describe(IReadOnlyDictionary<string, int> members) => string.Join(", ", members.Select(m => $"{m.Key}={m.Value}"));

    private static string Tail(string text, int lines) => string.Join('\n', text.Split('\n').TakeLast(lines));
}
