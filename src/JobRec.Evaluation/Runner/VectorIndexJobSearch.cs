using JobRec.ML.Recommenders;
using JobRec.Vectors.Index;

namespace JobRec.Evaluation.Runner;

/// <summary>Puts an <see cref="IVectorIndex"/> (FAISS or the managed exact index) behind the content recommender's job search; ids are job indices.</summary>
public sealed class VectorIndexJobSearch(Func<int, IVectorIndex> createIndex) : IJobVectorSearch, IDisposable
{
    private IVectorIndex? _index;

    /// <inheritdoc />
    public void Build(ReadOnlySpan<float> vectors, int count, int dimension)
    {
        _index?.Dispose();
        _index = createIndex(dimension);
        var ids = new long[count];
        for (int i = 0; i < count; i++) ids[i] = i;
        _index.Add(vectors, ids);
    }

    /// <inheritdoc />
    public (int[] Jobs, float[] Scores) Search(ReadOnlySpan<float> query, int k)
    {
        var index = _index ?? throw new InvalidOperationException("vector search used before Build");
        var result = index.Search(query, k);
        int n = 0;
        while (n < result.K && result.Ids[n] >= 0) n++;
        var jobs = new int[n];
        var scores = new float[n];
        for (int i = 0; i < n; i++) { jobs[i] = (int)result.Ids[i]; scores[i] = result.Scores[i]; }
        return (jobs, scores);
    }

    /// <inheritdoc />
    public void Dispose() => _index?.Dispose();
}
