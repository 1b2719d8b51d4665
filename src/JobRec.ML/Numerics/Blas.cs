using System.Runtime.InteropServices;

namespace JobRec.ML.Numerics;

/// <summary>Single-precision matrix products from OpenBLAS (Debian <c>libopenblas0</c>), row-major.</summary>
public static unsafe partial class Blas
{
    private const string Library = "libopenblas.so.0";
    private const int RowMajor = 101, NoTrans = 111, Trans = 112;

    [LibraryImport(Library, EntryPoint = "cblas_sgemm")]
    private static partial void CblasSgemm(int order, int transA, int transB, int m, int n, int k,
        float alpha, float* a, int lda, float* b, int ldb, float beta, float* c, int ldc);

    [LibraryImport(Library, EntryPoint = "openblas_set_num_threads")]
    private static partial void OpenBlasSetNumThreads(int threads);

    /// <summary>C = alpha * op(A) * op(B) + beta * C with row-major A (m x k after op), B (k x n after op), C (m x n).</summary>
    /// <exception cref="ArgumentException">A span is shorter than its dimensions require.</exception>
    public static void Sgemm(bool transA, bool transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, ReadOnlySpan<float> b, float beta, Span<float> c)
    {
        if (m < 0 || n < 0 || k < 0) throw new ArgumentException($"negative dimension m={m} n={n} k={k}");
        if (a.Length < (long)m * k) throw new ArgumentException($"A has {a.Length} values, needs {(long)m * k}", nameof(a));
        if (b.Length < (long)k * n) throw new ArgumentException($"B has {b.Length} values, needs {(long)k * n}", nameof(b));
        if (c.Length < (long)m * n) throw new ArgumentException($"C has {c.Length} values, needs {(long)m * n}", nameof(c));
        if (m == 0 || n == 0) return;
        int lda = transA ? m : k, ldb = transB ? k : n;
        fixed (float* pa = a) fixed (float* pb = b) fixed (float* pc = c)
        {
            CblasSgemm(RowMajor, transA ? Trans : NoTrans, transB ? Trans : NoTrans, m, n, k,
                alpha, pa, Math.Max(1, lda), pb, Math.Max(1, ldb), beta, pc, Math.Max(1, n));
        }
    }

    /// <summary>C = alpha * op(A) * op(B) + beta * C on row-major sub-matrices with explicit leading dimensions (row strides).</summary>
    /// <exception cref="ArgumentException">A dimension is negative, a leading dimension is too small or a span is too short.</exception>
    public static void Sgemm(bool transA, bool transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc)
    {
        if (m < 0 || n < 0 || k < 0) throw new ArgumentException($"negative dimension m={m} n={n} k={k}");
        int aRows = transA ? k : m, aCols = transA ? m : k, bRows = transB ? n : k, bCols = transB ? k : n;
        if (lda < Math.Max(1, aCols)) throw new ArgumentException($"lda={lda} is less than the {aCols} columns of A", nameof(lda));
        if (ldb < Math.Max(1, bCols)) throw new ArgumentException($"ldb={ldb} is less than the {bCols} columns of B", nameof(ldb));
        if (ldc < Math.Max(1, n)) throw new ArgumentException($"ldc={ldc} is less than the {n} columns of C", nameof(ldc));
        if (m == 0 || n == 0) return;
        if (aRows > 0 && a.Length < (long)(aRows - 1) * lda + aCols) throw new ArgumentException($"A has {a.Length} values, needs {(long)(aRows - 1) * lda + aCols}", nameof(a));
        if (bRows > 0 && b.Length < (long)(bRows - 1) * ldb + bCols) throw new ArgumentException($"B has {b.Length} values, needs {(long)(bRows - 1) * ldb + bCols}", nameof(b));
        if (c.Length < (long)(m - 1) * ldc + n) throw new ArgumentException($"C has {c.Length} values, needs {(long)(m - 1) * ldc + n}", nameof(c));
        fixed (float* pa = a) fixed (float* pb = b) fixed (float* pc = c)
        {
            CblasSgemm(RowMajor, transA ? Trans : NoTrans, transB ? Trans : NoTrans, m, n, k,
                alpha, pa, lda, pb, ldb, beta, pc, ldc);
        }
    }

    /// <summary>Sets how many threads OpenBLAS uses for one call.</summary>
    public static void SetThreads(int threads) => OpenBlasSetNumThreads(Math.Max(1, threads));
}
