using JobRec.Contracts.Benchmarks;

namespace JobRec.Silo.Benchmarks;

/// <summary>The baseline: the same interface implemented by a plain object and called directly.</summary>
internal sealed class DirectPing : IPingGrain
{
    public Task<int> Ping(int value) => Task.FromResult(value + 1);
}
