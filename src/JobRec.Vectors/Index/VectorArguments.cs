using System.Numerics.Tensors;

namespace JobRec.Vectors.Index;

/// <summary>Validates index arguments in managed code so bad input becomes a clear exception, never a native crash.</summary>
internal static class VectorArguments
{
    /// <summary>Throws unless <paramref name="dimension"/> is within 1..<see cref="VectorIndexLimits.MaxDimension"/>.</summary>
    public static void RequireDimension(int dimension, string paramName = "dimension")
    {
        if (dimension <= 0 || dimension > VectorIndexLimits.MaxDimension)
        {
            throw new ArgumentOutOfRangeException(paramName, dimension,
                $"Vector dimension must be between 1 and {VectorIndexLimits.MaxDimension}, got {dimension}.");
        }
    }

    /// <summary>Throws unless k is within 1..<see cref="VectorIndexLimits.MaxK"/>.</summary>
    public static void RequireK(int k, string paramName = "k")
    {
        if (k <= 0)
        {
            throw new ArgumentOutOfRangeException(paramName, k, $"k must be positive, got {k}.");
        }

        if (k > VectorIndexLimits.MaxK)
        {
            throw new ArgumentOutOfRangeException(paramName, k, $"k must be at most {VectorIndexLimits.MaxK}, got {k}.");
        }
    }

    /// <summary>Returns the number of row-major vectors in <paramref name="vectors"/>, throwing on a dimension mismatch or a NaN/infinite value.</summary>
    public static int RequireRows(ReadOnlySpan<float> vectors, int dimension, string paramName)
    {
        if (vectors.Length % dimension != 0)
        {
            throw new ArgumentException(
                $"Dimension mismatch: {paramName} holds {vectors.Length} floats, which is not a whole number of {dimension}-dimensional vectors.",
                paramName);
        }

        RequireFinite(vectors, dimension, paramName);
        return vectors.Length / dimension;
    }

    /// <summary>Throws unless <paramref name="vectors"/> holds exactly one finite <paramref name="dimension"/>-vector per id and every id is non-negative.</summary>
    public static void RequireAdd(ReadOnlySpan<float> vectors, ReadOnlySpan<long> ids, int dimension)
    {
        if (vectors.Length % dimension != 0)
        {
            throw new ArgumentException(
                $"Dimension mismatch: vectors holds {vectors.Length} floats, which is not a whole number of {dimension}-dimensional vectors.",
                nameof(vectors));
        }

        if ((long)ids.Length * dimension != vectors.Length)
        {
            throw new ArgumentException(
                $"Length mismatch: {ids.Length} ids need {(long)ids.Length * dimension} floats at dimension {dimension}, but vectors holds {vectors.Length} ({vectors.Length / dimension} vectors).",
                nameof(ids));
        }

        for (var i = 0; i < ids.Length; i++)
        {
            if (ids[i] < 0)
            {
                throw new ArgumentException($"ids[{i}] is {ids[i]}; ids must be non-negative (-1 marks a missing result).", nameof(ids));
            }
        }

        RequireFinite(vectors, dimension, nameof(vectors));
    }

    /// <summary>Throws naming the first id that <paramref name="present"/> already holds or that repeats an earlier id of the batch.</summary>
    public static void RequireNewIds<TValue>(ReadOnlySpan<long> ids, IReadOnlyDictionary<long, TValue> present)
    {
        var batch = new HashSet<long>();
        for (var i = 0; i < ids.Length; i++)
        {
            if (present.ContainsKey(ids[i]))
            {
                throw new ArgumentException($"id {ids[i]} at position {i} is already in the index.", nameof(ids));
            }

            if (!batch.Add(ids[i]))
            {
                throw new ArgumentException($"id {ids[i]} at position {i} repeats an earlier id in the batch.", nameof(ids));
            }
        }
    }

    /// <summary>Throws naming the row and component of the first NaN or infinite value.</summary>
    public static void RequireFinite(ReadOnlySpan<float> vectors, int dimension, string paramName)
    {
        if (TensorPrimitives.IsFiniteAll(vectors))
        {
            return;
        }

        for (var i = 0; i < vectors.Length; i++)
        {
            if (!float.IsFinite(vectors[i]))
            {
                var what = float.IsNaN(vectors[i]) ? "NaN" : "infinite";
                throw new ArgumentException(
                    $"{paramName} holds a {what} value at vector {i / dimension}, component {i % dimension} (offset {i}).",
                    paramName);
            }
        }
    }
}
