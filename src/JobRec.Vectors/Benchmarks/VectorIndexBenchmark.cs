using System.Diagnostics;
using JobRec.Vectors.Exact;
using JobRec.Vectors.Faiss;
using JobRec.Vectors.Index;

namespace JobRec.Vectors.Benchmarks;

/// <summary>Builds FAISS flat and HNSW indexes over random unit vectors and measures build time, queries/s and recall@k against the managed exact index.</summary>
public static class VectorIndexBenchmark
{
    /// <summary>Runs the benchmark on <paramref name="n"/> indexed and <paramref name="queries"/> query vectors of <paramref name="dimension"/>; progress lines go to <paramref name="progress"/>.</summary>
    /// <exception cref="DllNotFoundException">The native FAISS shim is missing; run deploy/setup.sh.</exception>
    public static VectorBenchmarkResult Run(int n, int dimension, int queries, int k, VectorBenchmarkOptions? options = null, Action<string>? progress = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(queries);
        VectorArguments.RequireDimension(dimension);
        VectorArguments.RequireK(k);
        options ??= new VectorBenchmarkOptions();
        var hnswParameters = options.Hnsw ?? new HnswParameters();
        hnswParameters.Validate();
        if (options.Threads > 0)
        {
            FaissRuntime.ThreadCount = options.Threads;
        }

        progress?.Invoke($"generating {n} + {queries} {options.Distribution.ToString().ToLowerInvariant()} unit vectors of dimension {dimension} (seed {options.Seed})");
        var generator = new UnitVectorGenerator(dimension, options.Seed, options.Distribution);
        var data = generator.Next(n);
        var queryVectors = generator.Next(queries);
        var tuningQueries = options.TargetRecall > 0 ? Math.Max(50, queries / 5) : 0;
        var tuningVectors = generator.Next(tuningQueries);
        var ids = new long[n];
        for (var i = 0; i < n; i++)
        {
            ids[i] = i;
        }

        progress?.Invoke($"building FAISS HNSW M={hnswParameters.M} efConstruction={hnswParameters.EfConstruction} threads={FaissRuntime.ThreadCount}"
            + (options.MaxBuildSeconds > 0 ? $" (build budget {options.MaxBuildSeconds:F0} s)" : ""));
        using var hnsw = FaissIndex.CreateHnsw(dimension, hnswParameters);
        var (indexed, hnswBuild) = BuildHnsw(hnsw, data, ids, dimension, options.MaxBuildSeconds, progress);
        if (indexed < n)
        {
            progress?.Invoke($"hnsw: build budget reached, {indexed} of {n} vectors indexed; exact and flat use the same {indexed}");
            n = indexed;
            data = data[..(n * dimension)];
            ids = ids[..n];
        }

        progress?.Invoke($"hnsw: build {hnswBuild:F2}s; exact (managed) ground truth");
        SearchResult truth;
        SearchResult? tuningTruth = null;
        double exactQps;
        using (var exact = new ExactInnerProductIndex(dimension))
        {
            exact.Add(data, ids);
            (truth, exactQps) = Measure(exact, queryVectors, queries, k);
            if (tuningQueries > 0)
            {
                tuningTruth = exact.Search(tuningVectors, k);
            }
        }

        progress?.Invoke($"exact: {exactQps:F0} queries/s; building FAISS flat");
        double flatBuild, flatQps, flatRecall;
        using (var flat = FaissIndex.CreateFlat(dimension))
        {
            flatBuild = Time(() => flat.Add(data, ids));
            (var flatResult, flatQps) = Measure(flat, queryVectors, queries, k);
            flatRecall = Recall(truth, flatResult, queries, k);
        }

        progress?.Invoke($"flat: build {flatBuild:F2}s, {flatQps:F0} queries/s, recall {flatRecall:F4}");
        var efSearch = hnswParameters.EfSearch;
        if (tuningTruth is not null)
        {
            efSearch = TuneEfSearch(hnsw, tuningVectors, tuningTruth, tuningQueries, k, efSearch, options, progress);
        }

        var (hnswResult, hnswQps) = Measure(hnsw, queryVectors, queries, k);
        var hnswRecall = Recall(truth, hnswResult, queries, k);
        progress?.Invoke($"hnsw: efSearch={efSearch}, {hnswQps:F0} queries/s, recall@{k} {hnswRecall:F4}");

        return new VectorBenchmarkResult(
            n, dimension, queries, k, options.Distribution, hnswParameters.M, hnswParameters.EfConstruction, efSearch,
            flatBuild, hnswBuild, flatQps, hnswQps, exactQps, flatRecall, hnswRecall);
    }

    /// <summary>Mean over queries of |approximate top-k ∩ exact top-k| / k, counting only real ids (not the -1 padding).</summary>
    public static double Recall(SearchResult exact, SearchResult approximate, int queries, int k)
    {
        double total = 0;
        var truthSet = new HashSet<long>();
        for (var q = 0; q < queries; q++)
        {
            truthSet.Clear();
            var wanted = 0;
            for (var j = 0; j < k; j++)
            {
                var id = exact.Ids[(q * exact.K) + j];
                if (id >= 0 && truthSet.Add(id))
                {
                    wanted++;
                }
            }

            if (wanted == 0)
            {
                total += 1;
                continue;
            }

            var hits = 0;
            for (var j = 0; j < k; j++)
            {
                if (truthSet.Contains(approximate.Ids[(q * approximate.K) + j]))
                {
                    hits++;
                }
            }

            total += (double)hits / wanted;
        }

        return total / queries;
    }

    /// <summary>Doubles efSearch from <paramref name="start"/> until the tuning queries reach the target recall; leaves the index set to the chosen value.</summary>
    private static int TuneEfSearch(
        FaissIndex hnsw, float[] tuningVectors, SearchResult tuningTruth, int tuningQueries, int k, int start, VectorBenchmarkOptions options, Action<string>? progress)
    {
        var efSearch = start;
        while (true)
        {
            hnsw.SetEfSearch(efSearch);
            var recall = Recall(tuningTruth, hnsw.Search(tuningVectors, k), tuningQueries, k);
            progress?.Invoke($"tuning: efSearch={efSearch} recall@{k}={recall:F4} on {tuningQueries} tuning queries");
            if (recall >= options.TargetRecall || efSearch * 2 > options.MaxEfSearch)
            {
                return efSearch;
            }

            efSearch *= 2;
        }
    }

    /// <summary>Adds the vectors in chunks of 10,000; stops after the chunk that passes <paramref name="maxSeconds"/> (0: no limit). Returns how many were added and the seconds taken.</summary>
    private static (int Indexed, double Seconds) BuildHnsw(FaissIndex hnsw, float[] data, long[] ids, int dimension, double maxSeconds, Action<string>? progress)
    {
        const int chunk = 10_000;
        var watch = Stopwatch.StartNew();
        var indexed = 0;
        while (indexed < ids.Length)
        {
            var count = Math.Min(chunk, ids.Length - indexed);
            hnsw.Add(data.AsSpan(indexed * dimension, count * dimension), ids.AsSpan(indexed, count));
            indexed += count;
            if (indexed < ids.Length)
            {
                progress?.Invoke($"hnsw: {indexed} vectors indexed after {watch.Elapsed.TotalSeconds:F0}s");
            }

            if (maxSeconds > 0 && watch.Elapsed.TotalSeconds >= maxSeconds)
            {
                break;
            }
        }

        return (indexed, watch.Elapsed.TotalSeconds);
    }

    private static (SearchResult Result, double QueriesPerSecond) Measure(IVectorIndex index, float[] queryVectors, int queries, int k)
    {
        index.Search(queryVectors.AsSpan(0, Math.Min(queries, 16) * index.Dimension), k);
        SearchResult result = null!;
        var seconds = Time(() => result = index.Search(queryVectors, k));
        return (result, queries / Math.Max(seconds, 1e-9));
    }

    private static double Time(Action action)
    {
        var watch = Stopwatch.StartNew();
        action();
        return watch.Elapsed.TotalSeconds;
    }
}
