namespace JobRec.Silo.Benchmarks;

/// <summary>Latencies (ms) of the serve benchmark, kept per <see cref="ServeOperation"/>; not thread-safe (each caller keeps its own, merged under a lock).</summary>
internal sealed class ServeSamples
{
    private readonly Dictionary<ServeOperation, List<double>> _byOperation = [];

    /// <summary>All samples of every operation.</summary>
    public int Count => _byOperation.Values.Sum(l => l.Count);

    /// <summary>Adds one latency.</summary>
    public void Add(ServeOperation operation, double milliseconds)
    {
        if (!_byOperation.TryGetValue(operation, out var list))
        {
            list = [];
            _byOperation[operation] = list;
        }

        list.Add(milliseconds);
    }

    /// <summary>Adds every sample of <paramref name="other"/>.</summary>
    public void AddRange(ServeSamples other)
    {
        foreach (var (operation, list) in other._byOperation)
        {
            foreach (var ms in list)
            {
                Add(operation, ms);
            }
        }
    }

    /// <summary>The samples of the given operations together, sorted ascending.</summary>
    public IReadOnlyList<double> Of(params ServeOperation[] operations)
    {
        var all = operations.SelectMany(o => _byOperation.TryGetValue(o, out var l) ? l : []).ToList();
        all.Sort();
        return all;
    }
}
