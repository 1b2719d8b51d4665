using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace JobRec.Actors.Hosting;

/// <summary>Builds a stand-alone silo process: a slim WebApplication whose Kestrel serves the gateway (and any HTTP endpoints added later).</summary>
public static class SiloHost
{
    /// <summary>Creates a WebApplication builder with the silo added (SiloOptions bound from the "Silo" configuration section, then <paramref name="configure"/>); call AddGrainsFromAssembly on the result's silo builder, then Build and Run.</summary>
    public static (WebApplicationBuilder Builder, SiloBuilder Silo) CreateBuilder(string[] args, Action<SiloOptions>? configure = null, LogLevel minimumLogLevel = LogLevel.Information)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args });
        builder.Logging.SetMinimumLevel(minimumLogLevel);
        builder.Services.Configure<SiloOptions>(builder.Configuration.GetSection("Silo")); // e.g. --Silo:GatewayPort=30001 or Silo__GatewayPort
        var silo = builder.AddJobRecSilo(configure);
        return (builder, silo);
    }
}
