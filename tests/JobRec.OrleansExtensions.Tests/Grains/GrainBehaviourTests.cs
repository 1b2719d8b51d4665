using JobRec.Client;
using JobRec.OrleansExtensions.Storage;
using JobRec.OrleansExtensions.Tests.TestGrains;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;
using Orleans.TestingHost;

namespace JobRec.OrleansExtensions.Tests.Grains;

/// <summary>Grain behaviour JobRec relies on, on Orleans' in-process test cluster with JobRec's SQLite grain storage.</summary>
public sealed class GrainBehaviourTests : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "jobrec-grains-" + Guid.NewGuid().ToString("N"));
    private InProcessTestCluster _cluster = null!;

    private string Database => Path.Combine(_dir, "state.db");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dir);
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) => silo.AddJobRecSqliteGrainStorage("Default", Database));
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may hold the file a moment longer.
        }
    }

    [Fact]
    public async Task State_survives_a_silo_restart_on_the_same_sqlite_file()
    {
        var profile = _cluster.Client.GetGrain<IProfileGrain>("ada");
        await profile.Visit("a");
        await profile.Visit("b");

        await _cluster.RestartSiloAsync(_cluster.Silos[0]);

        // The client learns the restarted silo's gateway a moment later: the first (idempotent) read is retried until then.
        var after = await IdempotentRetry.RunAsync(() => _cluster.Client.GetGrain<IProfileGrain>("ada").Read(), attempts: 8, firstDelay: TimeSpan.FromMilliseconds(100));
        Assert.Equal(2, after.Visits);
        Assert.Equal(["a", "b"], after.Tags);
        Assert.Equal(3, await _cluster.Client.GetGrain<IProfileGrain>("ada").Visit("c"));
    }

    [Fact]
    public async Task A_write_after_another_writer_changed_the_state_fails_and_keeps_the_other_write()
    {
        var profile = _cluster.Client.GetGrain<IProfileGrain>("race");
        await profile.Visit("mine");
        using (var other = new SqliteGrainStorage(Database))
        {
            var id = GrainId.Create("profile", "race");
            var state = new GrainState<ProfileGrain.ProfileState>(new ProfileGrain.ProfileState());
            await other.ReadStateAsync("state", id, state);
            Assert.True(state.RecordExists); // the grain type name Orleans derives from ProfileGrain is "profile"
            state.State!.Visits = 100;
            await other.WriteStateAsync("state", id, state);
        }

        await Assert.ThrowsAsync<InconsistentStateException>(() => profile.Visit("stale"));

        // Orleans deactivates the activation whose write was rejected; the next call reads the other writer's state.
        Assert.Equal(101, await profile.Visit("fresh"));
    }

    [Fact]
    public async Task Read_only_scans_interleave_a_write_waits_for_them_and_other_grains_answer_meanwhile()
    {
        var key = "scan-" + Guid.NewGuid().ToString("N");
        var grain = _cluster.Client.GetGrain<IScanGrain>(key);
        var other = _cluster.Client.GetGrain<IScanGrain>("other-" + key);
        await grain.Write(); // activate; value 1
        await other.Write();
        var gate = ScanGate.For(key);

        var scans = Enumerable.Range(0, 2).Select(_ => grain.Scan()).ToList();
        await gate.WaitForScansAsync(2); // both [ReadOnly] scans run at once
        var write = grain.Write();
        await other.Stats().WaitAsync(ScanGate.Guard); // another grain answers while both scans are held
        Assert.False(write.IsCompleted, "the write ran while the scans were held");
        gate.Release();

        Assert.All(await Task.WhenAll(scans).WaitAsync(ScanGate.Guard), v => Assert.Equal(1, v)); // the write did not run under them
        Assert.Equal(2, await write.WaitAsync(ScanGate.Guard));
        var stats = await grain.Stats();
        Assert.Equal(2, stats.MaxScans);
        Assert.Equal(0, stats.Overlaps);
    }

    [Fact]
    public async Task Timer_ticks_run_as_turns_of_the_grain()
    {
        // Calls that hold the grain's turn (30 ms each) keep coming while the 20 ms timer is due; a tick that ran inside one would be seen.
        // The loop ends on the condition (5 ticks); the deadline only fails a test that would otherwise never end.
        var ticker = _cluster.Client.GetGrain<ITickerGrain>("tick");
        await ticker.Start(20);
        var guard = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        TickerStats stats;
        do
        {
            stats = await ticker.Read(30);
        }
        while (stats.Ticks < 5 && DateTime.UtcNow < guard);

        Assert.True(stats.Ticks >= 5, $"only {stats.Ticks} ticks in 60 s");
        Assert.False(stats.Overlapped);
    }

    [Fact]
    public void The_silo_resolves_the_default_storage_to_the_sqlite_provider()
    {
        var services = _cluster.GetSiloServiceProvider();
        Assert.IsType<SqliteGrainStorage>(services.GetRequiredKeyedService<IGrainStorage>("Default"));
    }
}
