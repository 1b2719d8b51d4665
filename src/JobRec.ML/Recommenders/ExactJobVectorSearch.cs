using System.Numerics.Tensors;

namespace JobRec.ML.Recommenders;

/// <summary>Exact inner-product search over all job vectors (the default when no vector index is supplied).</summary>
public sealed class ExactJobVectorSearch : IJobVectorSearch
{
    private float[] _vectors = [];
    private int _count, _dimension;

    /// <inheritdoc />
    public void Build(ReadOnlySpan<float> vectors, int count, int dimension)
    {
        if (vectors.Length != (long)count * dimension)
            throw new ArgumentException($"{vectors.Length} values do not hold {count} vectors of dimension {dimension}", nameof(vectors));
        _vectors = vectors.ToArray();
        _count = count;
        _dimension = dimension;
    }

    /// <inheritdoc />
    public (int[] Jobs, float[] Scores) Search(ReadOnlySpan<float> query, int k)
    {
        if (query.Length != _dimension) throw new ArgumentException($"query has dimension {query.Length}, index has {_dimension}", nameof(query));
        var scores = new float[_count];
        for (int j = 0; j < _count; j++) scores[j] = TensorPrimitives.Dot(query, _vectors.AsSpan(j * _dimension, _dimension));
        var jobs = TopKSelector.Select(scores, k);
        var top = new float[jobs.Length];
        for (int i = 0; i < jobs.Length; i++) top[i] = scores[jobs[i]];
        return (jobs, top);
    }
}
