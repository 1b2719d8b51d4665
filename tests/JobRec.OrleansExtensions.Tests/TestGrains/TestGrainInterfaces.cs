using Orleans;
using Orleans.Concurrency;

namespace JobRec.OrleansExtensions.Tests.TestGrains;

[GenerateSerializer, Immutable, Alias("jobrec.test.ProfileView")]
public sealed record ProfileView(int Visits, IReadOnlyList<string> Tags);

[Alias("jobrec.test.IProfileGrain")]
public interface IProfileGrain : IGrainWithStringKey
{
    Task<int> Visit(string tag);

    Task<ProfileView> Read();
}

[Alias("jobrec.test.IScanGrain")]
public interface IScanGrain : IGrainWithStringKey
{
    /// <summary>Holds a thread-pool thread (as IndexShardGrain scans) until the test releases the grain's <see cref="ScanGate"/>; returns the value.</summary>
    [ReadOnly]
    Task<int> Scan();

    /// <summary>Adds one to the value (after yielding once, so an overlapping call could be seen) and returns it.</summary>
    Task<int> Write();

    /// <summary>Most scans seen running at once, and how often a scan and a write overlapped.</summary>
    [ReadOnly]
    Task<ScanStats> Stats();
}

[GenerateSerializer, Immutable, Alias("jobrec.test.ScanStats")]
public sealed record ScanStats(int MaxScans, int Overlaps);

[Alias("jobrec.test.ITickerGrain")]
public interface ITickerGrain : IGrainWithStringKey
{
    Task Start(int periodMs);

    Task<TickerStats> Read(int busyMs);
}

[GenerateSerializer, Immutable, Alias("jobrec.test.TickerStats")]
public sealed record TickerStats(int Ticks, bool Overlapped);
