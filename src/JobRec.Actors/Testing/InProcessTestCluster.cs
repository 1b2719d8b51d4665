using JobRec.Actors.Hosting;
using JobRec.Actors.Runtime;
using JobRec.Actors.Storage;
using JobRec.Actors.Transport;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace JobRec.Actors.Testing;

/// <summary>A silo running inside the test process (like Orleans' InProcessTestCluster): in-silo grain factory, loopback gateway, restart on the same storage.</summary>
public sealed class InProcessTestCluster : IAsyncDisposable
{
    private readonly InProcessTestClusterOptions _options;
    private readonly InMemoryGrainStorage _memoryStorage = new();
    private WebApplication? _app;
    private int _gatewayPort;

    private InProcessTestCluster(InProcessTestClusterOptions options) => _options = options;

    /// <summary>The in-silo grain factory (calls do not cross the network).</summary>
    public IGrainFactory GrainFactory => Runtime.GrainFactory;

    /// <summary>The running silo's grain runtime.</summary>
    public GrainRuntime Runtime => Services.GetRequiredService<GrainRuntime>();

    /// <summary>The running silo's services.</summary>
    public IServiceProvider Services => (_app ?? throw new InvalidOperationException("The test cluster's silo is not running.")).Services;

    /// <summary>The gateway's "host:port" on loopback.</summary>
    public string GatewayAddress => Services.GetRequiredService<SiloGatewayEndpoint>().Address;

    /// <summary>The in-memory storage used when no SQLite path is set.</summary>
    public InMemoryGrainStorage MemoryStorage => _memoryStorage;

    /// <summary>Starts a cluster of one silo.</summary>
    public static async Task<InProcessTestCluster> StartAsync(Action<InProcessTestClusterOptions> configure)
    {
        var options = new InProcessTestClusterOptions();
        configure(options);
        if (options.ConfigureSilo is null)
        {
            throw new ArgumentException("InProcessTestClusterOptions.ConfigureSilo must add the grain classes under test.", nameof(configure));
        }

        var cluster = new InProcessTestCluster(options);
        await cluster.StartSiloAsync().ConfigureAwait(false);
        return cluster;
    }

    /// <summary>Stops the silo (deactivating every grain) and starts a new one on the same storage.</summary>
    public async Task RestartSiloAsync()
    {
        await StopSiloAsync().ConfigureAwait(false);
        await StartSiloAsync().ConfigureAwait(false);
    }

    /// <summary>Stops the silo gracefully.</summary>
    public async Task StopSiloAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            await app.StopAsync().ConfigureAwait(false);
            await app.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await StopSiloAsync().ConfigureAwait(false);

    private async Task StartSiloAsync()
    {
        var (builder, silo) = SiloHost.CreateBuilder([], o =>
        {
            o.GatewayPort = _gatewayPort; // 0 on first start, then the same port so clients can reconnect
            o.CollectionInterval = TimeSpan.FromSeconds(1);
            _options.ConfigureOptions?.Invoke(o);
        }, LogLevel.Warning);
        if (_options.SqliteStoragePath is { } path)
        {
            silo.AddSqliteGrainStorage(path);
        }
        else
        {
            silo.AddGrainStorage(GrainStorageNames.Default, _memoryStorage);
        }

        builder.Services.Configure<Microsoft.Extensions.Hosting.HostOptions>(h => h.ShutdownTimeout = TimeSpan.FromSeconds(10));
        _options.ConfigureSilo!(silo);
        _options.ConfigureServices?.Invoke(builder.Services);
        var app = builder.Build();
        await app.StartAsync().ConfigureAwait(false);
        _app = app;
        _gatewayPort = app.Services.GetRequiredService<SiloGatewayEndpoint>().EndPoint?.Port ?? 0;
    }
}
