using System.Numerics.Tensors;
using JobRec.Vectors.Index;

namespace JobRec.Grains.Embeddings;

/// <summary>The few vector operations serving needs, on TensorPrimitives.</summary>
public static class VectorMath
{
    /// <summary>Inner product, 0 when either vector is empty or the lengths differ; the same float on every CPU (see <see cref="DotProduct"/>),
    /// so re-scored hits rank exactly as the index scored them.</summary>
    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b) =>
        a.Length == 0 || a.Length != b.Length ? 0f : DotProduct.Of(a, b);

    /// <summary>Scales the vector to unit length in place; a zero vector stays zero. Returns false for a zero vector.</summary>
    public static bool NormalizeInPlace(Span<float> v)
    {
        var norm = TensorPrimitives.Norm(v);
        if (norm <= 1e-12f || float.IsNaN(norm))
        {
            v.Clear();
            return false;
        }

        TensorPrimitives.Divide(v, norm, v);
        return true;
    }

    /// <summary>Adds <paramref name="weight"/> x <paramref name="x"/> into <paramref name="sum"/> when the lengths match.</summary>
    public static void AddScaled(Span<float> sum, ReadOnlySpan<float> x, float weight)
    {
        if (x.Length != sum.Length)
        {
            return;
        }

        TensorPrimitives.MultiplyAdd(x, weight, sum, sum);
    }
}
