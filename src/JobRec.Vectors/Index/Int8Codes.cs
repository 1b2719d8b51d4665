using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace JobRec.Vectors.Index;

/// <summary>
/// Scalar quantization of float vectors to signed bytes, one scale per vector (its largest magnitude / 127), and the inner product of
/// such codes with a query quantized to 15-bit integers (scale: its largest magnitude / 16383). No 32-bit partial sum can overflow
/// for dimensions up to 4096 (each product is at most 127 x 16383, and each lane sums at most dimension / 8 of them); the total is a long.
/// </summary>
internal static class Int8Codes
{
    /// <summary>Largest dimension the integer inner product is exact for.</summary>
    public const int MaxDimension = 4096;

    /// <summary>Writes the codes of <paramref name="vector"/> and returns the scale that decodes them (code x scale ~ value).</summary>
    public static float Encode(ReadOnlySpan<float> vector, Span<sbyte> codes)
    {
        var max = MaxMagnitude(vector);
        if (max == 0f)
        {
            codes[..vector.Length].Clear();
            return 0f;
        }

        var inverse = 127f / max;
        for (var i = 0; i < vector.Length; i++)
        {
            codes[i] = (sbyte)Math.Clamp(MathF.Round(vector[i] * inverse), -127f, 127f);
        }

        return max / 127f;
    }

    /// <summary>Writes the decoded values of <paramref name="codes"/> (code x scale).</summary>
    public static void Decode(ReadOnlySpan<sbyte> codes, float scale, Span<float> vector)
    {
        for (var i = 0; i < codes.Length; i++)
        {
            vector[i] = codes[i] * scale;
        }
    }

    /// <summary>Writes the 15-bit query codes of <paramref name="query"/> and returns its scale.</summary>
    public static float EncodeQuery(ReadOnlySpan<float> query, Span<short> codes)
    {
        var max = MaxMagnitude(query);
        if (max == 0f)
        {
            codes[..query.Length].Clear();
            return 0f;
        }

        var inverse = 16383f / max;
        for (var i = 0; i < query.Length; i++)
        {
            codes[i] = (short)Math.Clamp(MathF.Round(query[i] * inverse), -16383f, 16383f);
        }

        return max / 16383f;
    }

    /// <summary>Sum of codes[i] x query[i] over the shorter length (AVX2 when the machine has it).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static long Dot(ReadOnlySpan<sbyte> codes, ReadOnlySpan<short> query)
    {
        return Avx2.IsSupported ? DotAvx2(codes, query) : DotScalar(codes, query);
    }

    /// <summary>The same sum with AVX2 (vpmovsxbw + vpmaddwd); integer arithmetic, so it equals <see cref="DotScalar"/> exactly.
    /// Callable only where <see cref="Avx2.IsSupported"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static long DotAvx2(ReadOnlySpan<sbyte> codes, ReadOnlySpan<short> query)
    {
        var n = Math.Min(codes.Length, query.Length);
        if (n < 32)
        {
            return DotScalar(codes[..n], query[..n]);
        }

        ref var pc = ref MemoryMarshal.GetReference(codes);
        ref var pq = ref MemoryMarshal.GetReference(query);
        var s0 = Vector256<int>.Zero;
        var s1 = Vector256<int>.Zero;
        var i = 0;
        for (; i <= n - 32; i += 32)
        {
            var c0 = Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref pc, (nuint)i));
            var c1 = Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref pc, (nuint)(i + 16)));
            s0 = Avx2.Add(s0, Avx2.MultiplyAddAdjacent(c0, Vector256.LoadUnsafe(ref pq, (nuint)i)));
            s1 = Avx2.Add(s1, Avx2.MultiplyAddAdjacent(c1, Vector256.LoadUnsafe(ref pq, (nuint)(i + 16))));
        }

        var lanes = Avx2.Add(s0, s1);
        var sum = Vector256.Sum(Vector256.WidenLower(lanes) + Vector256.WidenUpper(lanes));
        for (; i < n; i++)
        {
            sum += Unsafe.Add(ref pc, i) * Unsafe.Add(ref pq, i);
        }

        return sum;
    }

    /// <summary>The same sum without SIMD (the reference the vector path is tested against).</summary>
    public static long DotScalar(ReadOnlySpan<sbyte> codes, ReadOnlySpan<short> query)
    {
        var n = Math.Min(codes.Length, query.Length);
        long sum = 0;
        for (var i = 0; i < n; i++)
        {
            sum += codes[i] * query[i];
        }

        return sum;
    }

    private static float MaxMagnitude(ReadOnlySpan<float> values)
    {
        var max = 0f;
        foreach (var v in values)
        {
            max = MathF.Max(max, MathF.Abs(v));
        }

        return max;
    }
}
