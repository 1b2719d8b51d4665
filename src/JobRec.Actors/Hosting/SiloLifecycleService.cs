using JobRec.Actors.Runtime;
using Microsoft.Extensions.Hosting;

namespace JobRec.Actors.Hosting;

/// <summary>Starts the grain runtime with the host and deactivates every grain when the host stops.</summary>
internal sealed class SiloLifecycleService : IHostedService
{
    private readonly GrainRuntime _runtime;

    public SiloLifecycleService(GrainRuntime runtime) => _runtime = runtime;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => _runtime.StopAsync(cancellationToken);
}
