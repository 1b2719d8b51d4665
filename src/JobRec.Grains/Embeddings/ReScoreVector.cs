using System.Numerics.Tensors;

namespace JobRec.Grains.Embeddings;

/// <summary>
/// The compact form in which an index shard keeps each job's embedding for re-scoring hits and answering look-ups: IEEE half precision,
/// 2 bytes a value instead of 4 (a 384-d job costs 768 bytes instead of 1,536). A unit vector's values keep about three significant
/// digits, so an inner product with a unit query moves by less than 1e-3: far below the gaps that order a result list, and the shard's
/// candidates come from its int8 index rows in any case.
/// </summary>
public static class ReScoreVector
{
    /// <summary>The half-precision copy of <paramref name="embedding"/>.</summary>
    public static Half[] Encode(ReadOnlySpan<float> embedding)
    {
        var codes = new Half[embedding.Length];
        TensorPrimitives.ConvertToHalf(embedding, codes);
        return codes;
    }

    /// <summary>Writes the values of <paramref name="codes"/> as floats into <paramref name="destination"/> (at least as long).</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <paramref name="codes"/>.</exception>
    public static void Decode(ReadOnlySpan<Half> codes, Span<float> destination)
    {
        if (destination.Length < codes.Length)
        {
            throw new ArgumentException($"destination has {destination.Length} values; the vector has {codes.Length}", nameof(destination));
        }

        TensorPrimitives.ConvertToSingle(codes, destination[..codes.Length]);
    }
}
