using JobRec.Actors.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace JobRec.Actors.Testing;

/// <summary>How an <see cref="InProcessTestCluster"/> builds its silo.</summary>
public sealed class InProcessTestClusterOptions
{
    /// <summary>Adds grain classes (and storage) to the silo; required.</summary>
    public Action<SiloBuilder>? ConfigureSilo { get; set; }

    /// <summary>Adjusts silo options; the gateway defaults to 127.0.0.1 on a free port.</summary>
    public Action<SiloOptions>? ConfigureOptions { get; set; }

    /// <summary>Adds further services (e.g. fakes the grains depend on).</summary>
    public Action<IServiceCollection>? ConfigureServices { get; set; }

    /// <summary>SQLite file for the default storage; null keeps state in memory (shared across silo restarts of this cluster).</summary>
    public string? SqliteStoragePath { get; set; }
}
