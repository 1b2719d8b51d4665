using JobRec.Actors.Testing;
using JobRec.Actors.Tests.TestGrains;
using Microsoft.Extensions.DependencyInjection;

namespace JobRec.Actors.Tests;

/// <summary>One in-process silo with every test grain, shared by a test class.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public InProcessTestCluster Cluster { get; private set; } = null!;

    public ActivationLog Log { get; } = new();

    public IGrainFactory Grains => Cluster.GrainFactory;

    public static Task<InProcessTestCluster> StartAsync(ActivationLog log, Action<InProcessTestClusterOptions>? more = null) =>
        InProcessTestCluster.StartAsync(o =>
        {
            o.ConfigureSilo = silo => silo.AddGrainsFromAssembly(typeof(CounterGrain).Assembly);
            o.ConfigureServices = services => services.AddSingleton(log);
            more?.Invoke(o);
        });

    public async Task InitializeAsync() => Cluster = await StartAsync(Log);

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}
