using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace JobRec.Vectors.Index;

/// <summary>Inner product of two float vectors with 256-bit SIMD (four accumulators), compiled fully optimised on first call so hot scans never run unoptimised tier-0 code.</summary>
internal static class DotProduct
{
    /// <summary>Sum of a[i] * b[i] over the shorter length of the two.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float Of(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var n = Math.Min(a.Length, b.Length);
        ref var pa = ref MemoryMarshal.GetReference(a);
        ref var pb = ref MemoryMarshal.GetReference(b);
        var i = 0;
        var sum = 0f;
        if (Vector256.IsHardwareAccelerated && n >= 32)
        {
            var s0 = Vector256<float>.Zero;
            var s1 = Vector256<float>.Zero;
            var s2 = Vector256<float>.Zero;
            var s3 = Vector256<float>.Zero;
            for (; i <= n - 32; i += 32)
            {
                s0 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref pa, (nuint)i), Vector256.LoadUnsafe(ref pb, (nuint)i), s0);
                s1 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref pa, (nuint)(i + 8)), Vector256.LoadUnsafe(ref pb, (nuint)(i + 8)), s1);
                s2 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref pa, (nuint)(i + 16)), Vector256.LoadUnsafe(ref pb, (nuint)(i + 16)), s2);
                s3 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref pa, (nuint)(i + 24)), Vector256.LoadUnsafe(ref pb, (nuint)(i + 24)), s3);
            }

            for (; i <= n - 8; i += 8)
            {
                s0 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref pa, (nuint)i), Vector256.LoadUnsafe(ref pb, (nuint)i), s0);
            }

            sum = Vector256.Sum((s0 + s1) + (s2 + s3));
        }

        for (; i < n; i++)
        {
            sum += Unsafe.Add(ref pa, i) * Unsafe.Add(ref pb, i);
        }

        return sum;
    }
}
