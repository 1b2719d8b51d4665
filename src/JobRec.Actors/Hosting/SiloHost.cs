using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace JobRec.Actors.Hosting;

/// <summary>Builds a stand-alone silo process: a slim WebApplication whose Kestrel serves the gateway (and any HTTP endpoints added later).</summary>
public static class SiloHost
{
    /// <summary>Creates a WebApplication builder with the silo added; call AddGrainsFromAssembly on the result's silo builder, then Build and Run.</summary>
    public static (WebApplicationBuilder Builder, SiloBuilder Silo) CreateBuilder(string[] args, Action<SiloOptions>? configure = null, LogLevel minimumLogLevel = LogLevel.Information)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args });
        builder.Logging.SetMinimumLevel(minimumLogLevel);
        var silo = builder.AddJobRecSilo(configure);
        return (builder, silo);
    }
}
