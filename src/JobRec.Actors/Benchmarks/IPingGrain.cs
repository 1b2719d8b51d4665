namespace JobRec.Actors.Benchmarks;

/// <summary>The benchmark's grain interface: one cheap call.</summary>
public interface IPingGrain : IGrainWithStringKey
{
    /// <summary>Returns <paramref name="value"/> + 1.</summary>
    Task<int> Ping(int value);
}
