namespace JobRec.Silo.Benchmarks;

/// <summary>What <see cref="ActorBenchmark"/> runs: total seconds, concurrent callers and how many grains they spread over.</summary>
public sealed class ActorBenchmarkOptions
{
    /// <summary>Measured seconds in all (40% local, 40% gateway, 10% each baseline), plus short warm-ups.</summary>
    public double Seconds { get; set; } = 10;

    /// <summary>Concurrent callers in the local and gateway phases.</summary>
    public int Callers { get; set; } = 1000;

    /// <summary>Distinct grain keys the callers spread over (caller i calls key i mod Grains).</summary>
    public int Grains { get; set; } = 1000;

    /// <summary>Whether the silo runs JobRec's opt-in call-chain deadlock filter, to measure what it costs per call.</summary>
    public bool CallChainDetection { get; set; }
}
