using System.Net;
using JobRec.Actors.Invocation;
using JobRec.Actors.Transport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace JobRec.Actors.Hosting;

/// <summary>Opens the silo gateway on Kestrel, in a WebApplication next to HTTP endpoints or in a bare web host.</summary>
public static class SiloWebHostBuilderExtensions
{
    /// <summary>Adds the silo (see AddJobRecSilo) and its Kestrel gateway endpoint to a WebApplication; HTTP endpoints of the same app add their own Kestrel listeners.</summary>
    public static SiloBuilder AddJobRecSilo(this WebApplicationBuilder builder, Action<SiloOptions>? configure = null)
    {
        var silo = builder.Services.AddJobRecSilo(configure);
        builder.WebHost.UseJobRecGateway();
        return silo;
    }

    /// <summary>Listens for gateway connections on SiloOptions.GatewayAddress:GatewayPort (unless GatewayEnabled is false).</summary>
    public static IWebHostBuilder UseJobRecGateway(this IWebHostBuilder webHost)
    {
        webHost.ConfigureServices(services =>
        {
            services.TryAddSingleton<IGrainCallSerializer, JsonGrainCallSerializer>();
            services.TryAddSingleton<SiloGatewayEndpoint>();
        });
        webHost.ConfigureKestrel(kestrel =>
        {
            var options = kestrel.ApplicationServices.GetRequiredService<IOptions<SiloOptions>>().Value;
            if (!options.GatewayEnabled)
            {
                return;
            }

            if (!IPAddress.TryParse(options.GatewayAddress, out var address))
            {
                throw new FormatException($"SiloOptions.GatewayAddress '{options.GatewayAddress}' is not an IP address.");
            }

            kestrel.Listen(address, options.GatewayPort, listen =>
            {
                listen.UseConnectionHandler<GatewayConnectionHandler>();
                kestrel.ApplicationServices.GetRequiredService<SiloGatewayEndpoint>().Attach(listen);
            });
        });
        return webHost;
    }
}
