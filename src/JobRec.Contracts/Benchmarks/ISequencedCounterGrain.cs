using Orleans;

namespace JobRec.Contracts.Benchmarks;

/// <summary>A persistent counter whose increments carry a sequence number, so a retried increment is applied once; used by the cluster benchmark and failover tests.</summary>
[Alias("jobrec.ISequencedCounterGrain")]
public interface ISequencedCounterGrain : IGrainWithStringKey
{
    /// <summary>Applies increment <paramref name="sequence"/> (count+1 adds one and persists before answering; a sequence already applied changes nothing; a gap throws ArgumentException) and returns the reading.</summary>
    Task<CounterReading> AddAsync(long sequence);

    /// <summary>Returns the reading without changing anything.</summary>
    Task<CounterReading> GetAsync();
}
