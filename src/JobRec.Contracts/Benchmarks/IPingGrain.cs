using Orleans;

namespace JobRec.Contracts.Benchmarks;

/// <summary>The runtime benchmark's grain interface: one cheap call.</summary>
[Alias("jobrec.IPingGrain")]
public interface IPingGrain : IGrainWithStringKey
{
    /// <summary>Returns <paramref name="value"/> + 1.</summary>
    Task<int> Ping(int value);
}
