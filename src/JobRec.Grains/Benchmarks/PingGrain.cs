using JobRec.Contracts.Benchmarks;
using Orleans;

namespace JobRec.Grains.Benchmarks;

/// <summary>The runtime benchmark's grain: answers synchronously so the numbers measure the runtime, not the grain.</summary>
public sealed class PingGrain : Grain, IPingGrain
{
    /// <inheritdoc />
    public Task<int> Ping(int value) => Task.FromResult(value + 1);
}
