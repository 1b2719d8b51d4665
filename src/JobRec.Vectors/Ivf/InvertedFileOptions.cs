namespace JobRec.Vectors.Ivf;

/// <summary>Settings of an <see cref="InvertedFileIndex"/>: when it clusters, how many lists, how many it probes (defaults tuned on synthetic-market embeddings: recall@40 about 0.99 against the exact scan, see docs/BENCHMARKS.md, Serving).</summary>
public sealed record InvertedFileOptions
{
    /// <summary>Below this many vectors the index scans everything (exact); at this size it clusters for the first time.</summary>
    public int MinTrainSize { get; init; } = 2048;

    /// <summary>Lists per square root of the vector count when clustering (lists = factor x sqrt(n)).</summary>
    public double ListsPerSqrtCount { get; init; } = 3.0;

    /// <summary>Most lists, however large the index grows: every add and every re-clustered row is compared with each centroid, so past
    /// about 116k vectors (3 x sqrt(n) = 1,024) more lists would cost adds and re-clustering more than they save searches (a search
    /// still scans <see cref="MinScannedPerResult"/> vectors per result; the lists just get longer).</summary>
    public int MaxLists { get; init; } = 1024;

    /// <summary>Re-cluster when the count has grown by this factor since the last clustering.</summary>
    public double RetrainGrowth { get; init; } = 2.0;

    /// <summary>Lists every search probes at least (nearest centroids first).</summary>
    public int MinProbes { get; init; } = 4;

    /// <summary>A search keeps probing lists until it has scanned at least this many vectors per requested result.</summary>
    public int MinScannedPerResult { get; init; } = 4;

    /// <summary>Most training points per list taken for clustering (a seeded sample of the vectors).</summary>
    public int TrainPointsPerList { get; init; } = 24;

    /// <summary>Spherical k-means iterations.</summary>
    public int Iterations { get; init; } = 6;

    /// <summary>How the lists store their vectors (floats by default: exact scores).</summary>
    public InvertedListEncoding Encoding { get; init; } = InvertedListEncoding.Float32;

    /// <summary>Re-cluster on the thread pool beside the live index (the default); when false the add that triggers it re-clusters
    /// before it returns (still outside the lock, so concurrent searches and writes go on), which makes a single-threaded build deterministic.</summary>
    public bool BackgroundMaintenance { get; init; } = true;

    /// <summary>Seed of the training sample and the initial centroids.</summary>
    public int Seed { get; init; } = 17;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        Require(MinTrainSize >= 2, nameof(MinTrainSize), MinTrainSize, "at least 2");
        Require(ListsPerSqrtCount is > 0 and <= 64, nameof(ListsPerSqrtCount), ListsPerSqrtCount, "in (0, 64]");
        Require(MaxLists >= 1, nameof(MaxLists), MaxLists, "at least 1");
        Require(RetrainGrowth > 1, nameof(RetrainGrowth), RetrainGrowth, "above 1");
        Require(MinProbes >= 1, nameof(MinProbes), MinProbes, "at least 1");
        Require(MinScannedPerResult >= 1, nameof(MinScannedPerResult), MinScannedPerResult, "at least 1");
        Require(TrainPointsPerList >= 1, nameof(TrainPointsPerList), TrainPointsPerList, "at least 1");
        Require(Iterations >= 1, nameof(Iterations), Iterations, "at least 1");
        Require(Enum.IsDefined(Encoding), nameof(Encoding), Encoding, "a defined encoding");
    }

    private static void Require(bool ok, string name, object value, string what)
    {
        if (!ok)
        {
            throw new ArgumentOutOfRangeException(name, value, $"inverted-file option {name} must be {what}");
        }
    }
}
