using JobRec.Actors.Cluster;
using JobRec.Actors.Invocation;
using JobRec.Actors.Runtime;
using JobRec.Actors.Storage;
using JobRec.Actors.Transport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace JobRec.Actors.Hosting;

/// <summary>Adds the grain runtime to a service collection (a generic host or a WebApplication).</summary>
public static class SiloServiceCollectionExtensions
{
    /// <summary>Adds the runtime, its replaceable services (placement, fencing, default SQLite storage) and lifecycle; returns a builder for grains and storage.</summary>
    public static SiloBuilder AddJobRecSilo(this IServiceCollection services, Action<SiloOptions>? configure = null)
    {
        var existing = services.FirstOrDefault(d => d.ServiceType == typeof(GrainClassList))?.ImplementationInstance as GrainClassList;
        if (configure is not null)
        {
            services.Configure(configure);
        }

        if (existing is not null)
        {
            return new SiloBuilder(services, existing);
        }

        var grainClasses = new GrainClassList();
        grainClasses.Types.Add(typeof(GatewayListGrain));
        services.AddOptions<SiloOptions>();
        services.AddSingleton(grainClasses);
        services.TryAddSingleton(sp => new GrainTypeRegistry(sp.GetRequiredService<GrainClassList>().Types));
        services.TryAddSingleton<IGrainPlacement, LocalGrainPlacement>();
        services.TryAddSingleton<IFencingTokenSource, UnfencedTokenSource>();
        services.TryAddKeyedSingleton<IGrainStorage>(GrainStorageNames.Default, (sp, _) =>
            new SqliteGrainStorage(sp.GetRequiredService<IOptions<SiloOptions>>().Value.SqliteStoragePath));
        services.TryAddSingleton<GrainRuntime>();
        services.TryAddSingleton<IGrainFactory>(sp => sp.GetRequiredService<GrainRuntime>().GrainFactory);
        services.TryAddSingleton<SiloGatewayEndpoint>();
        services.TryAddSingleton<IGrainCallSerializer, JsonGrainCallSerializer>();
        services.TryAddSingleton<IGatewayListProvider, SingleSiloGatewayList>();
        services.AddHostedService<SiloLifecycleService>();
        return new SiloBuilder(services, grainClasses);
    }
}
