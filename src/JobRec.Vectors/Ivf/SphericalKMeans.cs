using JobRec.Vectors.Index;

namespace JobRec.Vectors.Ivf;

/// <summary>Spherical k-means (assignment by largest inner product, centroids renormalised to unit length): the coarse quantiser of an <see cref="InvertedFileIndex"/>.</summary>
internal static class SphericalKMeans
{
    /// <summary>Clusters the <paramref name="points"/> (row-major, <paramref name="dimension"/> wide) into <paramref name="clusters"/> unit centroids, returned row-major.</summary>
    public static float[] Train(ReadOnlySpan<float> points, int dimension, int clusters, int iterations, Random random)
    {
        var n = points.Length / dimension;
        if (clusters < 1 || clusters > n)
        {
            throw new ArgumentOutOfRangeException(nameof(clusters), clusters, $"k-means needs between 1 and {n} clusters for {n} points");
        }

        var centroids = new float[clusters * dimension];
        var order = Enumerable.Range(0, n).ToArray();
        random.Shuffle(order);
        for (var c = 0; c < clusters; c++)
        {
            points.Slice(order[c] * dimension, dimension).CopyTo(centroids.AsSpan(c * dimension, dimension));
            Normalize(centroids.AsSpan(c * dimension, dimension));
        }

        var assignment = new int[n];
        var sizes = new int[clusters];
        var sums = new float[clusters * dimension];
        for (var iteration = 0; iteration < iterations; iteration++)
        {
            Array.Clear(sums);
            Array.Clear(sizes);
            for (var i = 0; i < n; i++)
            {
                var point = points.Slice(i * dimension, dimension);
                var best = Nearest(centroids, dimension, point);
                assignment[i] = best;
                sizes[best]++;
                var sum = sums.AsSpan(best * dimension, dimension);
                for (var d = 0; d < dimension; d++)
                {
                    sum[d] += point[d];
                }
            }

            for (var c = 0; c < clusters; c++)
            {
                var target = centroids.AsSpan(c * dimension, dimension);
                if (sizes[c] == 0)
                {
                    // An empty cluster restarts at a random point.
                    points.Slice(random.Next(n) * dimension, dimension).CopyTo(target);
                }
                else
                {
                    sums.AsSpan(c * dimension, dimension).CopyTo(target);
                }

                Normalize(target);
            }
        }

        return centroids;
    }

    /// <summary>Index of the centroid with the largest inner product with <paramref name="point"/>.</summary>
    public static int Nearest(ReadOnlySpan<float> centroids, int dimension, ReadOnlySpan<float> point)
    {
        var best = 0;
        var bestScore = float.NegativeInfinity;
        var count = centroids.Length / dimension;
        for (var c = 0; c < count; c++)
        {
            var score = DotProduct.Of(point, centroids.Slice(c * dimension, dimension));
            if (score > bestScore)
            {
                bestScore = score;
                best = c;
            }
        }

        return best;
    }

    private static void Normalize(Span<float> v)
    {
        var norm = MathF.Sqrt(DotProduct.Of(v, v));
        if (norm > 0 && float.IsFinite(norm))
        {
            for (var d = 0; d < v.Length; d++)
            {
                v[d] /= norm;
            }
        }
    }
}
