using System.Numerics.Tensors;

namespace JobRec.Vectors.Benchmarks;

/// <summary>Deterministic random unit vectors for tests and benchmarks.</summary>
public sealed class UnitVectorGenerator
{
    private readonly Random _random;
    private readonly int _dimension;
    private readonly float[]? _centroids;
    private readonly int _clusters;
    private readonly float _spread;

    /// <summary>Creates a generator of <paramref name="dimension"/>-vectors; clustered draws pick one of <paramref name="clusters"/> centroids and add noise whose norm is about <paramref name="spread"/>.</summary>
    public UnitVectorGenerator(int dimension, int seed, VectorDistribution distribution = VectorDistribution.Uniform, int clusters = 1000, float spread = 0.6f)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        _random = new Random(seed);
        _dimension = dimension;
        if (distribution == VectorDistribution.Clustered)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(clusters);
            ArgumentOutOfRangeException.ThrowIfNegative(spread);
            _clusters = clusters;
            _spread = spread;
            _centroids = new float[clusters * dimension];
            for (var c = 0; c < clusters; c++)
            {
                FillUnit(_centroids.AsSpan(c * dimension, dimension));
            }
        }
    }

    /// <summary>Returns <paramref name="count"/> unit vectors laid out row-major.</summary>
    public float[] Next(int count)
    {
        var vectors = new float[(long)count * _dimension];
        for (var i = 0; i < count; i++)
        {
            var row = vectors.AsSpan(i * _dimension, _dimension);
            if (_centroids is null)
            {
                FillUnit(row);
                continue;
            }

            FillGaussian(row);
            var scale = _spread / MathF.Sqrt(_dimension);
            TensorPrimitives.Multiply(row, scale, row);
            var centroid = _centroids.AsSpan(_random.Next(_clusters) * _dimension, _dimension);
            TensorPrimitives.Add(row, centroid, row);
            Normalize(row);
        }

        return vectors;
    }

    private void FillUnit(Span<float> row)
    {
        FillGaussian(row);
        Normalize(row);
    }

    private static void Normalize(Span<float> row)
    {
        var norm = TensorPrimitives.Norm(row);
        TensorPrimitives.Divide(row, norm, row);
    }

    private void FillGaussian(Span<float> row)
    {
        for (var i = 0; i < row.Length; i += 2)
        {
            // Box-Muller: two independent standard normals per pair of uniforms.
            var u1 = 1.0 - _random.NextDouble();
            var u2 = _random.NextDouble();
            var radius = Math.Sqrt(-2.0 * Math.Log(u1));
            row[i] = (float)(radius * Math.Cos(2 * Math.PI * u2));
            if (i + 1 < row.Length)
            {
                row[i + 1] = (float)(radius * Math.Sin(2 * Math.PI * u2));
            }
        }
    }
}
