using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Hosting;

namespace JobRec.Grains.Hosting;

/// <summary>Registers the <see cref="GatewayCallGuard"/> on a silo.</summary>
public static class GatewayGuardSiloBuilderExtensions
{
    /// <summary>Adds the guard as an incoming grain call filter; <paramref name="operatorKey"/> is the key a trusted gateway client must send
    /// to call internal methods (null: none may).</summary>
    public static ISiloBuilder AddJobRecGatewayGuard(this ISiloBuilder silo, string? operatorKey)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.Services.AddSingleton<IIncomingGrainCallFilter>(sp => new GatewayCallGuard(operatorKey, sp.GetRequiredService<ILogger<GatewayCallGuard>>()));
        return silo;
    }
}
