using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace JobRec.Vectors.Index;

/// <summary>
/// Inner product of two float vectors whose result is the same bit for bit on every machine, whatever its SIMD width.
/// </summary>
/// <remarks>
/// Invariant: every kernel computes one canonical order of operations. Elements are consumed in blocks of 32 by 32 lane
/// accumulators (lane j takes element 32b + j) with fused multiply-adds; the remaining full groups of 8 go into lanes 0-7;
/// the 32 lanes are folded into 8 as ((lanes 0-7 + lanes 8-15) + (lanes 16-23 + lanes 24-31)); those 8 into 4 as
/// u = (l0 + l4, l1 + l5, l2 + l6, l3 + l7); those into one as (u0 + u2) + (u1 + u3); the last n mod 8 elements are then added one at a time with fused
/// multiply-adds. The 512-, 256- and 128-bit kernels only hold those lanes in wider or narrower registers, so an AVX-512
/// machine, an AVX2 machine, an ARM machine and the scalar reference all return the same float, and the exact index and
/// the inverted-file index (which both score with it) rank equal vectors equally.
/// </remarks>
public static class DotProduct
{
    /// <summary>Sum of a[i] * b[i] over the shorter length of the two, with the widest kernel the machine accelerates.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float Of(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (Vector512.IsHardwareAccelerated)
        {
            return Of512(a, b);
        }

        if (Vector256.IsHardwareAccelerated)
        {
            return Of256(a, b);
        }

        return Vector128.IsHardwareAccelerated ? Of128(a, b) : OfScalar(a, b);
    }

    /// <summary>The canonical order with one float per lane: the reference every SIMD kernel must equal bit for bit.</summary>
    public static float OfScalar(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var n = Math.Min(a.Length, b.Length);
        Span<float> lanes = stackalloc float[32];
        lanes.Clear();
        var i = 0;
        for (; i <= n - 32; i += 32)
        {
            for (var j = 0; j < 32; j++)
            {
                lanes[j] = MathF.FusedMultiplyAdd(a[i + j], b[i + j], lanes[j]);
            }
        }

        for (; i <= n - 8; i += 8)
        {
            for (var j = 0; j < 8; j++)
            {
                lanes[j] = MathF.FusedMultiplyAdd(a[i + j], b[i + j], lanes[j]);
            }
        }

        Span<float> folded = stackalloc float[8];
        for (var j = 0; j < 8; j++)
        {
            folded[j] = (lanes[j] + lanes[j + 8]) + (lanes[j + 16] + lanes[j + 24]);
        }

        var u0 = folded[0] + folded[4];
        var u1 = folded[1] + folded[5];
        var u2 = folded[2] + folded[6];
        var u3 = folded[3] + folded[7];
        return Tail(a, b, i, n, (u0 + u2) + (u1 + u3));
    }

    /// <summary>The canonical order on 128-bit registers (8 accumulators of 4 lanes); callable only where <see cref="Vector128.IsHardwareAccelerated"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float Of128(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var n = Math.Min(a.Length, b.Length);
        ref var pa = ref MemoryMarshal.GetReference(a);
        ref var pb = ref MemoryMarshal.GetReference(b);
        Vector128<float> s0 = default, s1 = default, s2 = default, s3 = default, s4 = default, s5 = default, s6 = default, s7 = default;
        var i = 0;
        for (; i <= n - 32; i += 32)
        {
            s0 = Fma128(ref pa, ref pb, i, s0);
            s1 = Fma128(ref pa, ref pb, i + 4, s1);
            s2 = Fma128(ref pa, ref pb, i + 8, s2);
            s3 = Fma128(ref pa, ref pb, i + 12, s3);
            s4 = Fma128(ref pa, ref pb, i + 16, s4);
            s5 = Fma128(ref pa, ref pb, i + 20, s5);
            s6 = Fma128(ref pa, ref pb, i + 24, s6);
            s7 = Fma128(ref pa, ref pb, i + 28, s7);
        }

        for (; i <= n - 8; i += 8)
        {
            s0 = Fma128(ref pa, ref pb, i, s0);
            s1 = Fma128(ref pa, ref pb, i + 4, s1);
        }

        return Tail(a, b, i, n, Reduce4(((s0 + s2) + (s4 + s6)) + ((s1 + s3) + (s5 + s7))));
    }

    /// <summary>The canonical order on 256-bit registers (4 accumulators of 8 lanes); callable only where <see cref="Vector256.IsHardwareAccelerated"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float Of256(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var n = Math.Min(a.Length, b.Length);
        ref var pa = ref MemoryMarshal.GetReference(a);
        ref var pb = ref MemoryMarshal.GetReference(b);
        Vector256<float> s0 = default, s1 = default, s2 = default, s3 = default;
        var i = 0;
        for (; i <= n - 32; i += 32)
        {
            s0 = Fma256(ref pa, ref pb, i, s0);
            s1 = Fma256(ref pa, ref pb, i + 8, s1);
            s2 = Fma256(ref pa, ref pb, i + 16, s2);
            s3 = Fma256(ref pa, ref pb, i + 24, s3);
        }

        for (; i <= n - 8; i += 8)
        {
            s0 = Fma256(ref pa, ref pb, i, s0);
        }

        return Tail(a, b, i, n, Reduce8((s0 + s1) + (s2 + s3)));
    }

    /// <summary>The canonical order on 512-bit registers (2 accumulators of 16 lanes); callable only where <see cref="Vector512.IsHardwareAccelerated"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float Of512(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var n = Math.Min(a.Length, b.Length);
        ref var pa = ref MemoryMarshal.GetReference(a);
        ref var pb = ref MemoryMarshal.GetReference(b);
        Vector512<float> s01 = default, s23 = default;
        var i = 0;
        for (; i <= n - 32; i += 32)
        {
            s01 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref pa, (nuint)i), Vector512.LoadUnsafe(ref pb, (nuint)i), s01);
            s23 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref pa, (nuint)(i + 16)), Vector512.LoadUnsafe(ref pb, (nuint)(i + 16)), s23);
        }

        // Lanes 0-7 of the 32 are the lower half of the first register; the groups of 8 accumulate there.
        var s0 = s01.GetLower();
        for (; i <= n - 8; i += 8)
        {
            s0 = Fma256(ref pa, ref pb, i, s0);
        }

        return Tail(a, b, i, n, Reduce8((s0 + s01.GetUpper()) + (s23.GetLower() + s23.GetUpper())));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> Fma128(ref float pa, ref float pb, int at, Vector128<float> sum)
        => Vector128.FusedMultiplyAdd(Vector128.LoadUnsafe(ref pa, (nuint)at), Vector128.LoadUnsafe(ref pb, (nuint)at), sum);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Fma256(ref float pa, ref float pb, int at, Vector256<float> sum)
        => Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref pa, (nuint)at), Vector256.LoadUnsafe(ref pb, (nuint)at), sum);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Reduce8(Vector256<float> lanes) => Reduce4(lanes.GetLower() + lanes.GetUpper());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Reduce4(Vector128<float> u) => (u.GetElement(0) + u.GetElement(2)) + (u.GetElement(1) + u.GetElement(3));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Tail(ReadOnlySpan<float> a, ReadOnlySpan<float> b, int from, int n, float sum)
    {
        for (var i = from; i < n; i++)
        {
            sum = MathF.FusedMultiplyAdd(a[i], b[i], sum);
        }

        return sum;
    }
}
