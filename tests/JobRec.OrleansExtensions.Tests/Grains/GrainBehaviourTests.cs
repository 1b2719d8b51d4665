using System.Diagnostics;
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
    public async Task A_scan_on_the_thread_pool_never_runs_alongside_a_write_and_other_grains_answer_during_it()
    {
        var grain = _cluster.Client.GetGrain<IScanGrain>("scan");
        var other = _cluster.Client.GetGrain<IScanGrain>("other");
        await grain.Write(0); // activate; value 1
        await other.Write(0);
        var watch = Stopwatch.StartNew();
        var scans = Enumerable.Range(0, 2).Select(_ => grain.Scan(1500, peers: 1)).ToList();
        await Task.Delay(50);
        var write = grain.Write(10);
        var otherAnswered = await other.Stats().ContinueWith(_ => watch.ElapsedMilliseconds);

        Assert.All(await Task.WhenAll(scans), v => Assert.Equal(1, v)); // the write did not run under them
        Assert.Equal(2, await write);
        Assert.Equal(0, (await grain.Stats()).Overlaps);
        Assert.True(otherAnswered < 10_000, $"another grain answered after {otherAnswered} ms");
    }

    [Fact]
    public async Task Timer_ticks_run_as_turns_of_the_grain()
    {
        var ticker = _cluster.Client.GetGrain<ITickerGrain>("tick");
        await ticker.Start(20);
        var deadline = Stopwatch.StartNew();
        TickerStats stats;
        do
        {
            stats = await ticker.Read(30);
        }
        while (stats.Ticks < 5 && deadline.Elapsed < TimeSpan.FromSeconds(10));

        Assert.True(stats.Ticks >= 5, $"{stats.Ticks} ticks in 10 s");
        Assert.False(stats.Overlapped);
    }

    [Fact]
    public void The_silo_resolves_the_default_storage_to_the_sqlite_provider()
    {
        var services = _cluster.GetSiloServiceProvider();
        Assert.IsType<SqliteGrainStorage>(services.GetRequiredKeyedService<IGrainStorage>("Default"));
    }
}
