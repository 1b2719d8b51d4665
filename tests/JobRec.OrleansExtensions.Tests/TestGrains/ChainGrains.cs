using Orleans;
using Orleans.Concurrency;

namespace JobRec.OrleansExtensions.Tests.TestGrains;

/// <summary>Calls the grains named in a path one after another, each awaiting the next (a call chain); the kind prefix of a hop picks the
/// grain class: "x:" non-reentrant, "r:" [Reentrant], "w:" [StatelessWorker].</summary>
[Alias("jobrec.test.IChainGrain")]
public interface IChainGrain : IGrainWithStringKey
{
    /// <summary>Calls <paramref name="path"/>[0] with the rest of the path; returns how many grains the chain visited.</summary>
    Task<int> Hop(string[] path);

    /// <summary>As <see cref="Hop"/>, read-only.</summary>
    [ReadOnly]
    Task<int> ReadHop(string[] path);
}

/// <summary>Non-reentrant: one request at a time.</summary>
public sealed class ExclusiveChainGrain : Grain, IChainGrain
{
    public Task<int> Hop(string[] path) => ChainHops.Next(GrainFactory, path, readOnly: false);

    public Task<int> ReadHop(string[] path) => ChainHops.Next(GrainFactory, path, readOnly: true);
}

/// <summary>Reentrant: a cycle through it interleaves.</summary>
[Reentrant]
public sealed class ReentrantChainGrain : Grain, IChainGrain
{
    public Task<int> Hop(string[] path) => ChainHops.Next(GrainFactory, path, readOnly: false);

    public Task<int> ReadHop(string[] path) => ChainHops.Next(GrainFactory, path, readOnly: true);
}

/// <summary>A stateless worker: never waited on by the chain, but the chain travels through it.</summary>
[StatelessWorker]
public sealed class WorkerChainGrain : Grain, IChainGrain
{
    public Task<int> Hop(string[] path) => ChainHops.Next(GrainFactory, path, readOnly: false);

    public Task<int> ReadHop(string[] path) => ChainHops.Next(GrainFactory, path, readOnly: true);
}

/// <summary>The hop logic shared by the chain grains.</summary>
public static class ChainHops
{
    /// <summary>The chain grain a hop "kind:key" names.</summary>
    public static IChainGrain Grain(IGrainFactory grains, string hop)
    {
        var kind = hop[..hop.IndexOf(':', StringComparison.Ordinal)];
        var key = hop[(kind.Length + 1)..];
        return kind switch
        {
            "x" => grains.GetGrain<IChainGrain>(key, typeof(ExclusiveChainGrain).FullName),
            "r" => grains.GetGrain<IChainGrain>(key, typeof(ReentrantChainGrain).FullName),
            "w" => grains.GetGrain<IChainGrain>(key, typeof(WorkerChainGrain).FullName),
            _ => throw new ArgumentException($"hop '{hop}' must start with x:, r: or w:"),
        };
    }

    /// <summary>Calls the first hop of <paramref name="path"/> with the rest, awaiting it; 1 when the path is empty.</summary>
    public static async Task<int> Next(IGrainFactory grains, string[] path, bool readOnly)
    {
        if (path.Length == 0)
        {
            return 1;
        }

        var next = Grain(grains, path[0]);
        var rest = path[1..];
        return 1 + await (readOnly ? next.ReadHop(rest) : next.Hop(rest));
    }
}
