using System.Reflection;
using JobRec.Actors.Runtime;
using JobRec.Actors.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace JobRec.Actors.Hosting;

/// <summary>Adds grain classes and storage providers to a silo's services.</summary>
public sealed class SiloBuilder
{
    internal SiloBuilder(IServiceCollection services, GrainClassList grainClasses)
    {
        Services = services;
        GrainClasses = grainClasses;
    }

    /// <summary>The silo's service collection.</summary>
    public IServiceCollection Services { get; }

    internal GrainClassList GrainClasses { get; }

    /// <summary>Registers every concrete grain class in <paramref name="assembly"/>.</summary>
    public SiloBuilder AddGrainsFromAssembly(Assembly assembly)
    {
        GrainClasses.Types.AddRange(GrainTypeRegistry.FindGrainClasses(assembly));
        return this;
    }

    /// <summary>Registers one grain class.</summary>
    public SiloBuilder AddGrain<TGrain>()
        where TGrain : Grain
    {
        GrainClasses.Types.Add(typeof(TGrain));
        return this;
    }

    /// <summary>Registers an in-memory storage provider under <paramref name="name"/> (state is lost with the process).</summary>
    public SiloBuilder AddInMemoryGrainStorage(string name = GrainStorageNames.Default)
    {
        Services.AddKeyedSingleton<IGrainStorage>(name, new InMemoryGrainStorage());
        return this;
    }

    /// <summary>Registers a storage provider under <paramref name="name"/>.</summary>
    public SiloBuilder AddGrainStorage(string name, IGrainStorage storage)
    {
        Services.AddKeyedSingleton(name, storage);
        return this;
    }

    /// <summary>Registers a SQLite storage provider under <paramref name="name"/> in the file at <paramref name="path"/>.</summary>
    public SiloBuilder AddSqliteGrainStorage(string path, string name = GrainStorageNames.Default)
    {
        Services.AddKeyedSingleton<IGrainStorage>(name, (_, _) => new SqliteGrainStorage(path));
        return this;
    }
}
