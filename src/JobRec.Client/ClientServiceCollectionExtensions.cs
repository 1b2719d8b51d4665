using JobRec.Actors;
using Microsoft.Extensions.DependencyInjection;

namespace JobRec.Client;

/// <summary>Registers a <see cref="ClusterClient"/> as the application's IGrainFactory.</summary>
public static class ClientServiceCollectionExtensions
{
    /// <summary>Adds a singleton ClusterClient (connecting on first call) and exposes it as IGrainFactory.</summary>
    public static IServiceCollection AddJobRecClient(this IServiceCollection services, Action<ClientOptions> configure)
    {
        var options = new ClientOptions();
        configure(options);
        services.AddSingleton(_ => new ClusterClient(options));
        services.AddSingleton<IGrainFactory>(sp => sp.GetRequiredService<ClusterClient>());
        return services;
    }
}
